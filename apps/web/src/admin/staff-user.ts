/** A staff account as GET /api/users lists it. */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: 'agent' | 'supervisor' | 'admin';
  teamIds: string[];
  active: boolean;
  signIn: 'password' | 'sso' | 'invited';
  secondFactor: boolean;
  lastSignInAt: string | null;
}

export const ROLES: StaffUser['role'][] = ['agent', 'supervisor', 'admin'];

import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UnauthenticatedError, type StaffPrincipal } from '@inbox/contracts';
import { UsersService } from './users.service';

/** Issues and checks staff access tokens; the database has the last word on role and teams. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async login(email: string, password: string): Promise<{ accessToken: string; user: StaffPrincipal }> {
    const user = await this.users.verifyCredentials(email, password);
    if (!user) throw new UnauthenticatedError('invalid_credentials', 'Wrong email or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id });
    return { accessToken, user: { userId: user.id, email: user.email, name: user.name, role: user.role, teamIds: user.teamIds } };
  }

  /** Verifies a bearer token and loads the current principal (a disabled user's token stops working). */
  async authenticate(token: string | undefined): Promise<StaffPrincipal> {
    if (!token) throw new UnauthenticatedError('missing_token', 'Sign in first: no access token was sent');
    let sub: unknown;
    try {
      ({ sub } = await this.jwt.verifyAsync<{ sub: string }>(token));
    } catch {
      throw new UnauthenticatedError('invalid_token', 'The access token is invalid or has expired');
    }
    const principal = typeof sub === 'string' ? await this.users.principal(sub) : null;
    if (!principal) throw new UnauthenticatedError('invalid_token', 'The access token is invalid or has expired');
    return principal;
  }
}

import { createContext, useContext } from 'react';
import type { StaffPrincipal } from '@inbox/contracts';
import type { ApiClient } from '../api-client';
import type { LiveQueue } from '../queue/live-queue';

/** How a reply on a connected channel goes out (GET /api/channels). */
export interface ConnectedChannel {
  channel: string;
  [key: string]: unknown;
}

export interface Team {
  id: string;
  name: string;
  /** The team that gets every case no routing rule sends elsewhere. */
  isDefault?: boolean;
  members: Array<{ userId: string; name: string; role: string; online?: boolean; openCases?: number }>;
}

/** GET /api/workspace/settings: the firm's zone (TIMEZONE) and the case action policy's setting. */
export interface WorkspaceSettings {
  timeZone: string;
  finalResponseApproval: boolean;
}

export interface Workspace {
  api: ApiClient;
  settings: WorkspaceSettings;
  me: StaffPrincipal;
  live: LiveQueue;
  channels: ConnectedChannel[];
  /** Every team with its members (GET /api/teams): transfer and escalation targets, and staff names. */
  teams: Team[];
  teamName(teamId: unknown): string | null;
  /** A staff member's name when known (supervisors can list users; agents learn names from events). */
  staffName(userId: string | null | undefined): string | null;
  rememberStaff(userId: string, name: string): void;
  toast(message: string, tone?: 'info' | 'error'): void;
}

export const WorkspaceContext = createContext<Workspace | null>(null);

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside the workspace');
  return workspace;
}

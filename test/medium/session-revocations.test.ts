import { AuthModule, revokeUserSessions, SESSION_REVOKED_CHANNEL, SessionRevocations, SessionStore, TokenService, UsersService, type SessionRevocation } from '@inbox/auth';
import { TeamsService, WorkspaceServicesModule } from '@inbox/workspace';
import { useMediumContext } from '../support/medium-context';
import { insertStaffMember, insertTeam } from '../support/builders';

/**
 * Sessions are cached per process and revocations reach every process by PostgreSQL NOTIFY, which
 * arrives a moment after the commit. The request that ends a session must not answer before its own
 * process has let the session go: with a warm cache, the very next request with that token is refused.
 */
describe('session revocations', () => {
  const ctx = useMediumContext({ imports: [AuthModule, WorkspaceServicesModule] });
  const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);
  const tokens = () => ctx.current.get<TokenService>(TokenService);
  const context = { clientAddress: '203.0.113.7' };

  it('settle() returns only after every revocation committed before it has been heard', async () => {
    const revocations = ctx.current.get<SessionRevocations>(SessionRevocations);
    const heard: SessionRevocation[] = [];
    const stop = revocations.onRevoked((r) => heard.push(r));
    try {
      for (let round = 0; round < 20; round++) {
        const staff = await insertStaffMember(query);
        // Committed on a connection of the pool, not the listener's: nothing here waits for the notice.
        await revokeUserSessions(ctx.current.dataSource, [staff.userId], 'user_disabled');
        await revocations.settle();
        expect(heard.at(-1)).toEqual({ userIds: [staff.userId], sessionIds: [], reason: 'user_disabled' });
      }
      // Another process's marker on the same channel is ignored, not taken for a revocation.
      await query(`SELECT pg_notify($1, $2)`, [SESSION_REVOKED_CHANNEL, JSON.stringify({ marker: 'from-another-process' })]);
      await revocations.settle();
      expect(heard).toHaveLength(20);
    } finally {
      stop();
    }
  });

  it('refuses a cached session at once after its owner ends it, or a change of role, password or teams', async () => {
    const store = ctx.current.get<SessionStore>(SessionStore);
    const users = ctx.current.get<UsersService>(UsersService);
    const ends: Array<(userId: string, sessionId: string) => Promise<unknown>> = [
      (userId, sessionId) => store.revokeOwned(userId, sessionId, 'revoked'),
      (userId) => users.update(userId, { role: 'supervisor' }),
      (userId) => users.resetPassword(userId, 'a-new-password-1'),
      async (userId) => ctx.current.get<TeamsService>(TeamsService).addMember(await insertTeam(query), userId),
    ];
    for (const end of ends) {
      const staff = await insertStaffMember(query);
      const issued = await tokens().issue(staff.userId, 'bearer', context);
      // Warm this process's cache, as any earlier request would.
      await tokens().authenticate(issued.accessToken);
      await tokens().authenticate(issued.accessToken);
      await end(staff.userId, issued.sessionId);
      await expect(tokens().authenticate(issued.accessToken)).rejects.toMatchObject({ code: 'session_ended' });
    }
  });
});

import { Client } from 'pg';
import { COMPLIANCE_CLOCK, DeadlineScheduler, SCHEDULER_LOCK_ID, type ComplianceClock } from '@inbox/complaint-handling';
import { TOPICS } from '@inbox/contracts';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';
import { completedSweep } from '../support/settled';

/**
 * One deadline scheduler across processes: two inboxes on one database, one
 * holds the advisory lock and sweeps; when its connection dies or it stops,
 * the other takes over, and every alert is still raised exactly once.
 */
describe('deadline scheduler leadership', () => {
  let a: TestInbox;
  let b: TestInbox;
  let sql: Client;

  const env = { DEADLINE_SCHEDULER_INTERVAL_MS: '100', AUTO_ACKNOWLEDGEMENT: 'false' };
  const leaderOf = (inbox: TestInbox) => inbox.app.get(DeadlineScheduler).isLeader;

  async function until(check: () => boolean | Promise<boolean>, ms = 10_000) {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  beforeAll(async () => {
    a = await startTestInbox({ env });
    await until(() => leaderOf(a));
    b = await startTestInbox({ env, db: a.db });
    sql = new Client(a.db.url);
    await sql.connect();
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await sql?.end();
    await b?.close();
    await a?.close().catch(() => undefined);
    await a?.db.drop();
  });

  async function atRiskEvents(caseId: string): Promise<number> {
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'deadline.at_risk'`, [caseId]);
    return rows[0].n;
  }

  async function newComplaint(phone: string): Promise<{ id: string; received_at: Date; respond_by: Date }> {
    const message = inboundMessage({ sender: { address: phone }, text: 'I am unhappy: my transfer never arrived' });
    await a.bus.publish(TOPICS.inbound, phone, message);
    const { rows } = await sql.query(`SELECT c.id, c.received_at, c.respond_by FROM cases c JOIN messages m ON m.case_id = c.id WHERE m.external_id = $1`, [message.externalId]);
    return rows[0];
  }

  /** Resolves after a round of `inbox`'s scheduler that started after the call (a standby's round only tries the lock). */
  async function completedRound(inbox: TestInbox) {
    const scheduler = inbox.app.get(DeadlineScheduler);
    await scheduler.tick();
    await scheduler.tick();
  }

  it('has exactly one leader while both run, and one alert per case', async () => {
    // b has tried for the lock, and lost it, in rounds that started after both were up.
    await completedRound(b);
    expect([leaderOf(a), leaderOf(b)]).toEqual([true, false]);
    const c = await newComplaint('+61414000001');
    // Both processes see the case at risk: whichever swept, the alert would be due.
    for (const inbox of [a, b]) {
      const clock = inbox.app.get<ComplianceClock>(COMPLIANCE_CLOCK);
      jest.spyOn(clock, 'now').mockReturnValue(new Date(c.received_at.getTime() + 0.9 * (c.respond_by.getTime() - c.received_at.getTime())));
    }
    await until(async () => (await atRiskEvents(c.id)) > 0);
    // Later rounds of both processes, with the case still at risk: nobody raises it again.
    await completedSweep(a.app);
    await completedRound(b);
    expect(await atRiskEvents(c.id)).toBe(1);
    expect([leaderOf(a), leaderOf(b)]).toEqual([true, false]);
  });

  it('hands over when the leader’s database session dies', async () => {
    const { rows } = await sql.query(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = $1`,
      [SCHEDULER_LOCK_ID],
    );
    expect(rows).toHaveLength(1);
    await sql.query(`SELECT pg_terminate_backend($1)`, [rows[0].pid]);
    // Someone leads again (whoever grabs the lock first), and never both.
    await until(async () => {
      const held = await sql.query(`SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND ((classid::bigint << 32) | objid::bigint) = $1`, [SCHEDULER_LOCK_ID]);
      return held.rows.length === 1 && held.rows[0].pid !== rows[0].pid && leaderOf(a) !== leaderOf(b);
    });
  });

  it('lets the standby take over when the leading process stops, and it keeps sweeping', async () => {
    const [leader, standby] = leaderOf(a) ? [a, b] : [b, a];
    await leader.close();
    await until(() => leaderOf(standby));
    const c = await (async () => {
      const message = inboundMessage({ sender: { address: '+61414000002' }, text: 'I am unhappy: the branch was closed without notice' });
      await standby.bus.publish(TOPICS.inbound, 'k', message);
      const { rows } = await sql.query(`SELECT c.id, c.received_at, c.respond_by FROM cases c JOIN messages m ON m.case_id = c.id WHERE m.external_id = $1`, [message.externalId]);
      return rows[0] as { id: string; received_at: Date; respond_by: Date };
    })();
    const clock = standby.app.get<ComplianceClock>(COMPLIANCE_CLOCK);
    jest.spyOn(clock, 'now').mockReturnValue(new Date(c.respond_by.getTime() + 1000));
    await until(async () => (await sql.query(`SELECT 1 FROM case_events WHERE case_id = $1 AND type = 'deadline.breached' AND payload->'data'->>'deadline' = 'idr_response'`, [c.id])).rows.length === 1);
  });
});

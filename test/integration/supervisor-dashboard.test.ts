import type { Client } from 'pg';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { connectAgentClient, type AgentClient } from '../support/agent-client';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

type Volumes = { channels: Record<string, Array<{ minute: string; count: number }>> };

const total = (series: Array<{ count: number }> | undefined) => (series ?? []).reduce((n, p) => n + p.count, 0);

/**
 * The supervisors' dashboard on the in-process bus against real PostgreSQL:
 * live volumes (REST contract and the `metrics.volumes` push, supervisors
 * only), queue health with deadlines at risk and breached, and reports whose
 * figures on a fixed data set are worked out by hand below.
 */
describe('supervisor dashboard and reports (embedded bus, real PostgreSQL)', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  const tokens: Record<string, string> = {};
  const clients: AgentClient[] = [];

  beforeAll(async () => {
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { AUTO_ACKNOWLEDGEMENT: 'false', SUPERVISOR_PUSH_INTERVAL_MS: '300' } }));
    for (const [name, role] of [
      ['sam', 'supervisor'],
      ['amy', 'agent'],
    ] as const) {
      const res = await inbox.api('/api/users', { token: admin, body: { email: `${name}@test.local`, password: 'staff-password-1', name, role } });
      expect(res.status).toBe(201);
      tokens[name] = await inbox.login(`${name}@test.local`, 'staff-password-1');
    }
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await stopInboxSession({ inbox, sql });
  });

  async function send(message: InboundMessage) {
    await inbox.bus.publish(TOPICS.inbound, `${message.channel}:${message.sender.address}`, message);
  }

  let sequence = 0;
  /** A message with an id of its own (provider ids are unique per channel and account). */
  const message = (overrides: Partial<InboundMessage>) => inboundMessage({ externalId: `supervisor-test-${++sequence}`, ...overrides });
  const mix = (): InboundMessage[] => [
    ...Array.from({ length: 5 }, (_, i) => message({ channel: 'sms', sender: { address: `+6141200000${i}` } })),
    ...Array.from({ length: 3 }, (_, i) => message({ channel: 'voice', sender: { address: `+6141300000${i}` }, text: `voicemail ${i}: my card was charged twice` })),
    ...Array.from({ length: 4 }, (_, i) => message({ channel: 'email', account: 'complaints@bank.test', sender: { address: `person${i}@mail.test` } })),
    ...Array.from({ length: 2 }, (_, i) => message({ channel: 'telegram', account: 'bot', sender: { address: `70000${i}` } })),
  ];

  it('counts inbound messages per channel per minute exactly, pushes them to supervisors only, and answers the REST contract', async () => {
    const supervisor = await connectAgentClient(inbox.url, tokens.sam);
    const agent = await connectAgentClient(inbox.url, tokens.amy);
    clients.push(supervisor, agent);
    const sent = mix();
    for (const m of sent) await send(m);
    // A redelivery and an outbound reply are not inbound traffic.
    await send(sent[0]);
    const expected = { sms: 5, voice: 3, email: 4, telegram: 2 };

    const res = await inbox.api<Volumes>('/api/metrics/volumes', { token: tokens.sam });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body)).toEqual(['channels']);
    expect(Object.keys(res.body.channels).sort()).toEqual(Object.keys(expected).sort());
    for (const [channel, series] of Object.entries(res.body.channels)) {
      expect(series).toHaveLength(60);
      for (const point of series) expect(Object.keys(point).sort()).toEqual(['count', 'minute']);
      // Minutes are consecutive, oldest first, the current minute last.
      for (let i = 1; i < series.length; i++) expect(Date.parse(series[i].minute) - Date.parse(series[i - 1].minute)).toBe(60_000);
      expect([channel, total(series)]).toEqual([channel, expected[channel as keyof typeof expected]]);
    }
    // Per minute, the figures equal the messages stored in that minute.
    const { rows } = await sql.query(
      `SELECT channel, date_trunc('minute', created_at) AS minute, count(*)::int AS n FROM messages WHERE direction = 'inbound' GROUP BY 1, 2`,
    );
    for (const r of rows) {
      expect(res.body.channels[r.channel].find((p) => Date.parse(p.minute) === r.minute.getTime())?.count).toBe(r.n);
    }

    // The push has the same shape and figures; the agent receives nothing of it.
    const pushed = await supervisor.waitFor<Volumes>('metrics.volumes', (v) => total(v.channels.sms) === 5 && total(v.channels.telegram) === 2, 5_000);
    expect(Object.keys(pushed)).toEqual(['channels']);
    expect(Object.fromEntries(Object.entries(pushed.channels).map(([c, s]) => [c, total(s)]))).toEqual(expected);
    // It keeps coming: the next push arrives (every SUPERVISOR_PUSH_INTERVAL_MS, 300 here; the wait is only a "does not stop" bound).
    const pushes = () => supervisor.received.filter((r) => r.name === 'metrics.volumes').length;
    const first = pushes();
    await until(() => pushes() > first, 10_000);
    // The agent's sentinel: an answer on its own socket, sent after that push went out to the supervisors' room,
    // arrives after anything the push sent to this socket.
    await agent.call('resync', { sinceSeq: Number.MAX_SAFE_INTEGER });
    expect(agent.received.some((r) => r.name === 'metrics.volumes' || r.name === 'supervisor.overview')).toBe(false);

    const today = await inbox.api<{ since: string; channels: Record<string, number> }>('/api/metrics/volumes/today', { token: tokens.sam });
    expect(today.body.channels).toEqual(expected);
    expect((await inbox.api('/api/metrics/volumes', { token: tokens.amy })).status).toBe(403);
    expect((await inbox.api('/api/metrics/volumes')).status).toBe(401);
  });

  it('lists the deadlines at risk (80% of the time used) and breached, with the oldest unassigned case', async () => {
    const cases = (await sql.query(`SELECT id, reference FROM cases WHERE channel = 'sms' ORDER BY reference LIMIT 4`)).rows as Array<{ id: string; reference: string }>;
    const [onTrack, atRisk, breached, ackLate] = cases;
    const set = (id: string, values: string) => sql.query(`UPDATE cases SET kind = 'complaint', ${values} WHERE id = $1`, [id]);
    await set(onTrack.id, `received_at = now() - interval '1 day', respond_by = now() + interval '29 days', acknowledge_by = now() + interval '1 day', acknowledged_at = NULL`);
    await set(atRisk.id, `received_at = now() - interval '9 days', respond_by = now() + interval '1 day', acknowledge_by = now() - interval '8 days', acknowledged_at = now() - interval '8 days 1 hour'`);
    await set(breached.id, `received_at = now() - interval '31 days', respond_by = now() - interval '1 day', acknowledge_by = now() - interval '30 days', acknowledged_at = now() - interval '30 days 2 hours'`);
    await set(ackLate.id, `received_at = now() - interval '3 days', respond_by = now() + interval '27 days', acknowledge_by = now() - interval '2 days', acknowledged_at = NULL`);
    // The rest are on track and acknowledged.
    await sql.query(
      `UPDATE cases SET received_at = now() - interval '1 hour', respond_by = now() + interval '30 days', acknowledged_at = now() WHERE id <> ALL($1)`,
      [cases.map((c) => c.id)],
    );
    await sql.query(`UPDATE cases SET received_at = now() - interval '40 days' WHERE id = $1`, [breached.id]);

    const res = await inbox.api<any>('/api/supervisor/overview', { token: tokens.sam });
    expect(res.status).toBe(200);
    const { deadlines, oldestUnassigned, openByStatus } = res.body.queue;
    const listed = deadlines.cases.map((c: any) => `${c.reference} ${c.deadline} ${c.state}`).sort();
    expect(listed).toEqual(
      [`${atRisk.reference} idr_response at_risk`, `${breached.reference} idr_response breached`, `${ackLate.reference} acknowledgement breached`].sort(),
    );
    expect(deadlines.counts).toEqual({ acknowledgement: { atRisk: 0, breached: 1 }, idr_response: { atRisk: 1, breached: 1 } });
    expect(deadlines.cases.find((c: any) => c.caseId === atRisk.id).fractionUsed).toBeCloseTo(0.9, 2);
    expect(oldestUnassigned).toMatchObject({ caseId: breached.id, reference: breached.reference });
    expect(oldestUnassigned.ageSeconds).toBeGreaterThanOrEqual(40 * 86400 - 5);
    const open = Number((await sql.query(`SELECT count(*) FROM cases WHERE status IN ('new', 'open', 'pending', 'escalated')`)).rows[0].count);
    expect(Object.values(openByStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(open);
    expect(res.body.agents.map((a: any) => a.name)).toEqual(expect.arrayContaining(['sam', 'amy']));

    // The same arrives pushed to supervisors.
    const supervisor = clients[0];
    const pushed = await supervisor.waitFor<any>('supervisor.overview', (o) => o.queue.deadlines.counts.idr_response.breached === 1, 5_000);
    expect(pushed.queue.deadlines.cases.map((c: any) => c.caseId)).toEqual(expect.arrayContaining([atRisk.id, breached.id, ackLate.id]));
    expect(pushed.agents.find((a: any) => a.name === 'amy').status).toBe('online');
  });

  describe('reports on a fixed data set', () => {
    /** 2 March 2026 in Sydney (UTC+11): 2026-03-01T13:00Z is its first instant. */
    const DAY0 = Date.parse('2026-03-01T13:00:00Z');
    const at = (minutes: number) => new Date(DAY0 + minutes * 60_000);
    const ids: Record<'c1' | 'c2' | 'c3' | 'c4', string> = { c1: '', c2: '', c3: '', c4: '' };

    beforeAll(async () => {
      const senders = { c1: ['sms', '+61455500001'], c2: ['sms', '+61455500002'], c3: ['email', 'c3@mail.test'], c4: ['email', 'c4@mail.test'] } as const;
      for (const [key, [channel, address]] of Object.entries(senders) as Array<[keyof typeof ids, readonly [InboundMessage['channel'], string]]>) {
        await send(message({ channel, account: channel === 'sms' ? '+61400000000' : 'complaints@bank.test', sender: { address } }));
        if (key === 'c1') await send(message({ channel, sender: { address }, text: 'and again, charged twice' }));
        ids[key] = (await sql.query(`SELECT case_id FROM messages WHERE sender_address = $1 AND direction = 'inbound' LIMIT 1`, [address])).rows[0].case_id;
      }
      const { c1, c2, c3, c4 } = ids;
      const upd = (id: string, fields: Record<string, unknown>) => {
        const keys = Object.keys(fields);
        return sql.query(`UPDATE cases SET kind = 'complaint', ${keys.map((k, i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...keys.map((k) => fields[k])]);
      };
      const far = new Date('2030-01-01T00:00:00Z');
      // c1: acknowledged on time, answered in 10 min, resolved in 2 h (by its IDR deadline), upheld, CSAT 5.
      await upd(c1, { received_at: at(0), category: 'card/fees', acknowledge_by: at(60), acknowledged_at: at(5), respond_by: at(300), first_response_at: at(10), resolved_at: at(120), status: 'resolved' });
      // c2: acknowledged late, answered in 30 min, resolved in 10 h (after its 5 h deadline), unfounded, reopened, CSAT 2.
      await upd(c2, { received_at: at(60), category: 'card/fees', acknowledge_by: at(120), acknowledged_at: at(180), respond_by: at(360), first_response_at: at(90), resolved_at: at(660), status: 'resolved' });
      // c3: answered in 20 min, never acknowledged (deadline passed), IDR deadline still ahead.
      await upd(c3, { received_at: at(120), category: 'loan/interest', acknowledge_by: at(180), acknowledged_at: null, respond_by: far, first_response_at: at(140), resolved_at: null });
      // c4: no answer; acknowledgement not yet due, IDR deadline passed without a response.
      await upd(c4, { received_at: at(180), category: 'card/fees', acknowledge_by: far, acknowledged_at: null, respond_by: at(240), first_response_at: null, resolved_at: null });
      await sql.query(`UPDATE messages SET received_at = c.received_at FROM cases c WHERE c.id = messages.case_id AND c.id = ANY($1)`, [[c1, c2, c3, c4]]);
      for (const [id, outcome, unfounded, resolvedAt] of [
        [c1, 'upheld', false, at(120)],
        [c2, 'not_upheld', true, at(660)],
      ] as const) {
        await sql.query(
          `INSERT INTO case_resolutions (case_id, closure_state, outcome, reasons, unfounded, language, resolved_at) VALUES ($1, 'resolved', $2, 'reasons', $3, 'en', $4)`,
          [id, outcome, unfounded, resolvedAt],
        );
      }
      for (const [id, score, answered] of [
        [c1, 5, at(200)],
        [c2, 2, at(700)],
      ] as const) {
        await sql.query(
          `INSERT INTO case_satisfaction (case_id, customer_id, resolved_at, channel, score, answered_at) SELECT id, customer_id, resolved_at, channel, $2, $3 FROM cases WHERE id = $1`,
          [id, score, answered],
        );
      }
      await sql.query(`INSERT INTO case_events (case_id, type, payload) VALUES ($1, 'case.reopened', '{}')`, [c2]);
    });

    const report = (name: string, query = 'from=2026-03-02&to=2026-03-02') => inbox.api<any>(`/api/reports/${name}?${query}`, { token: tokens.sam });

    it('volumes by channel and day, in the firm\'s days', async () => {
      const res = await report('volumes');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ report: 'volumes', from: '2026-03-01T13:00:00.000Z', to: '2026-03-02T13:00:00.000Z' });
      expect(res.body.rows).toEqual([
        { day: '2026-03-02', channel: 'email', messages: 2 },
        { day: '2026-03-02', channel: 'sms', messages: 3 },
      ]);
    });

    it('first response and resolution: median and 90th percentile', async () => {
      const res = await report('response-times');
      // First responses 10, 30, 20 min → median 20, p90 20 + 0.8 × 10 = 28; resolutions 2 h, 10 h → median 6, p90 2 + 0.9 × 8 = 9.2.
      expect(res.body.rows).toEqual([
        { channel: 'all', cases: 4, responded: 3, first_response_median_min: 20, first_response_p90_min: 28, resolved: 2, resolution_median_h: 6, resolution_p90_h: 9.2 },
        { channel: 'email', cases: 2, responded: 1, first_response_median_min: 20, first_response_p90_min: 20, resolved: 0, resolution_median_h: null, resolution_p90_h: null },
        { channel: 'sms', cases: 2, responded: 2, first_response_median_min: 20, first_response_p90_min: 28, resolved: 2, resolution_median_h: 6, resolution_p90_h: 9.2 },
      ]);
      const sms = await report('response-times', 'from=2026-03-02&to=2026-03-02&channel=sms');
      expect(sms.body.rows.map((r: any) => [r.channel, r.cases])).toEqual([['all', 2], ['sms', 2]]);
      const loans = await report('response-times', 'from=2026-03-02&to=2026-03-02&product=loan');
      expect(loans.body.rows[0]).toMatchObject({ channel: 'all', cases: 1, first_response_median_min: 20 });
    });

    it('acknowledgement and IDR deadline compliance', async () => {
      const res = await report('deadline-compliance');
      // Acknowledgement due for c1 (met), c2 (late), c3 (missed) → 1/3; IDR due for c1 (met), c2 (late), c4 (missed) → 1/3.
      expect(res.body.rows[0]).toEqual({ channel: 'all', ack_due: 3, ack_met: 1, ack_compliance_pct: 33.33, idr_due: 3, idr_met: 1, idr_compliance_pct: 33.33 });
      expect(res.body.rows.find((r: any) => r.channel === 'sms')).toMatchObject({ ack_due: 2, ack_met: 1, ack_compliance_pct: 50, idr_due: 2, idr_met: 1 });
    });

    it('CSAT, complaints by category and outcome, unfounded and reopen rates', async () => {
      expect((await report('csat')).body.rows[0]).toEqual({ channel: 'all', responses: 2, average: 3.5, satisfied_pct: 50, score_1: 0, score_2: 1, score_3: 0, score_4: 0, score_5: 1 });
      expect((await report('complaints-by-category')).body.rows).toEqual([
        { category: 'card/fees', outcome: 'not_upheld', complaints: 1 },
        { category: 'card/fees', outcome: 'open', complaints: 1 },
        { category: 'card/fees', outcome: 'upheld', complaints: 1 },
        { category: 'loan/interest', outcome: 'open', complaints: 1 },
      ]);
      expect((await report('unfounded-rate')).body.rows[0]).toEqual({ channel: 'all', closed: 2, unfounded: 1, unfounded_pct: 50 });
      expect((await report('reopen-rate')).body.rows[0]).toEqual({ channel: 'all', resolved: 2, reopened: 1, reopen_pct: 50 });
      // Outside the period there is nothing.
      expect((await report('unfounded-rate', 'from=2026-03-03&to=2026-03-04')).body.rows[0]).toMatchObject({ closed: 0, unfounded: 0, unfounded_pct: null });
    });

    it('exports CSV, and refuses bad periods, unknown reports and agents', async () => {
      const res = await fetch(`${inbox.url}/api/reports/response-times.csv?from=2026-03-02&to=2026-03-02`, { headers: { authorization: `Bearer ${tokens.sam}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(res.headers.get('content-disposition')).toBe('attachment; filename="response-times-2026-03-01-2026-03-02.csv"');
      expect((await res.text()).split('\r\n')).toEqual([
        'channel,cases,responded,first_response_median_min,first_response_p90_min,resolved,resolution_median_h,resolution_p90_h',
        'all,4,3,20,28,2,6,9.2',
        'email,2,1,20,20,0,,',
        'sms,2,2,20,28,2,6,9.2',
        '',
      ]);
      expect((await report('volumes', 'from=2026-03-05&to=2026-03-01')).status).toBe(400);
      expect((await report('nonsense')).status).toBe(404);
      expect((await inbox.api('/api/reports/csat', { token: tokens.amy })).status).toBe(403);
    });
  });
});

async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

import type { Client } from 'pg';
import { QUEUE_SORTS, TOPICS, type CaseSummary, type QueueSort } from '@inbox/contracts';
import { compareCasesBy } from '../../apps/web/src/queue/queue-order';
import { connectAgentClient, type AgentClient } from '../support/agent-client';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

/**
 * The queue's order, as the server gives it (REST and the socket's snapshot)
 * and as the web workspace keeps it: IDR deadline first (none last), then
 * priority (1 most urgent), then arrival.
 */
describe('queue order', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  const clients: AgentClient[] = [];
  // The cases of the first test, by name; the second orders them each way.
  const ids = new Map<string, string>();
  const names = (cases: Array<{ id: string }>) => cases.filter((c) => ids.has(c.id)).map((c) => ids.get(c.id));

  beforeAll(async () => {
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { AUTO_ACKNOWLEDGEMENT: 'false' } }));
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await stopInboxSession({ inbox, sql });
  });

  async function newCase(phone: string): Promise<string> {
    const message = inboundMessage({ sender: { address: phone }, text: `I want to complain: my card was charged twice (${phone})` });
    await inbox.bus.publish(TOPICS.inbound, `sms:${phone}`, message);
    return (await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [message.externalId])).rows[0].case_id;
  }

  it('orders open cases by IDR deadline (none last), then priority, then arrival — over REST, in the snapshot, and in the web queue', async () => {
    const day = 86_400_000;
    const t0 = Date.now() - 3_600_000;
    // Written in an order that is none of the orders below.
    const spec = [
      { name: 'late-low-first', respondBy: t0 + 2 * day, priority: 3, receivedAt: t0 },
      { name: 'no-deadline', respondBy: null, priority: 1, receivedAt: t0 - day },
      { name: 'same-deadline-urgent-later', respondBy: t0 + 2 * day, priority: 1, receivedAt: t0 + 600_000 },
      { name: 'earliest-deadline', respondBy: t0 + day, priority: 5, receivedAt: t0 + 900_000 },
      { name: 'same-deadline-urgent-earlier', respondBy: t0 + 2 * day, priority: 1, receivedAt: t0 + 300_000 },
    ];
    for (const [i, s] of spec.entries()) {
      const id = await newCase(`+6141260000${i}`);
      ids.set(id, s.name);
      await sql.query(`UPDATE cases SET respond_by = $2, priority = $3, received_at = $4, kind = CASE WHEN $2::timestamptz IS NULL THEN 'enquiry' ELSE kind END WHERE id = $1`, [
        id,
        s.respondBy === null ? null : new Date(s.respondBy),
        s.priority,
        new Date(s.receivedAt),
      ]);
    }
    const expected = ['earliest-deadline', 'same-deadline-urgent-earlier', 'same-deadline-urgent-later', 'late-low-first', 'no-deadline'];

    const rest = await inbox.api<{ items: CaseSummary[] }>('/api/cases?status=open&limit=100', { token: admin });
    expect(rest.status).toBe(200);
    expect(names(rest.body.items)).toEqual(expected);

    const agent = await connectAgentClient(inbox.url, admin);
    clients.push(agent);
    expect(names(agent.snapshot.cases)).toEqual(expected);

    // The web queue sorts what it holds with its own comparison: the same order from any starting order.
    const shuffled = [...rest.body.items].reverse();
    expect(names([...shuffled].sort(compareCasesBy()))).toEqual(expected);
  });

  it('orders by any of the queue’s sorts over REST (search too) as the web queue does, and refuses a sort it does not know', async () => {
    // Latest activity: the no-deadline case was written to last, the earliest-deadline case first.
    const lastActivity = ['no-deadline', 'late-low-first', 'same-deadline-urgent-later', 'same-deadline-urgent-earlier', 'earliest-deadline'];
    for (const [i, name] of lastActivity.entries()) {
      const id = [...ids].find(([, n]) => n === name)![0];
      await sql.query(`UPDATE cases SET last_message_at = now() - ($2::int * interval '1 minute') WHERE id = $1`, [id, i]);
    }
    const expected: Record<QueueSort, string[]> = {
      deadline: ['earliest-deadline', 'same-deadline-urgent-earlier', 'same-deadline-urgent-later', 'late-low-first', 'no-deadline'],
      priority: ['same-deadline-urgent-earlier', 'same-deadline-urgent-later', 'no-deadline', 'late-low-first', 'earliest-deadline'],
      newest: ['earliest-deadline', 'same-deadline-urgent-later', 'same-deadline-urgent-earlier', 'late-low-first', 'no-deadline'],
      oldest: ['no-deadline', 'late-low-first', 'same-deadline-urgent-earlier', 'same-deadline-urgent-later', 'earliest-deadline'],
      last_activity: lastActivity,
    };
    for (const sort of QUEUE_SORTS) {
      const rest = await inbox.api<{ items: CaseSummary[] }>(`/api/cases?status=open&limit=100&sort=${sort}`, { token: admin });
      expect({ sort, order: names(rest.body.items) }).toEqual({ sort, order: expected[sort] });
      // A search merges two ways in before it sorts: the order holds there too.
      const search = await inbox.api<{ items: CaseSummary[] }>(`/api/cases?q=charged&limit=100&sort=${sort}`, { token: admin });
      expect({ sort, order: names(search.body.items) }).toEqual({ sort, order: expected[sort] });
      expect({ sort, order: names([...rest.body.items].reverse().sort(compareCasesBy(sort))) }).toEqual({ sort, order: expected[sort] });
    }
    const unknown = await inbox.api<{ message: string | string[] }>(`/api/cases?sort=${encodeURIComponent('received_at; DROP TABLE cases')}`, { token: admin });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('sort must be one of deadline, priority, newest, oldest, last_activity');
  });

  it('counts at most 10,000 matches, and says when there are more (totalCapped)', async () => {
    // 10,050 open cases written directly, as the benchmark seeds them (a count is what is tested, not intake).
    await sql.query(
      `INSERT INTO customers (id, display_name, last_channel, created_at, updated_at)
       SELECT md5('cap-customer-' || i)::uuid, 'Capped ' || i, 'sms', now(), now() FROM generate_series(1, 10050) i`,
    );
    await sql.query(
      `INSERT INTO cases (id, reference, status, channel, account, customer_id, team_id, priority, received_at, respond_by, last_message_at, preview, created_at, updated_at)
       SELECT md5('cap-case-' || i)::uuid, 'CAP-' || i, 'open', CASE WHEN i <= 50 THEN 'telegram' ELSE 'email' END, 'cap',
              md5('cap-customer-' || i)::uuid, (SELECT id FROM teams WHERE is_default), 3, now(), now() + interval '30 days', now(), 'capped', now(), now()
         FROM generate_series(1, 10050) i`,
    );
    const all = await inbox.api<{ items: unknown[]; total: number; totalCapped?: boolean }>('/api/cases?status=open&limit=5', { token: admin });
    expect(all.status).toBe(200);
    expect({ total: all.body.total, totalCapped: all.body.totalCapped, page: all.body.items.length }).toEqual({ total: 10_000, totalCapped: true, page: 5 });
    const few = await inbox.api<{ total: number; totalCapped?: boolean }>('/api/cases?status=open&channel=telegram&limit=5', { token: admin });
    expect({ total: few.body.total, totalCapped: few.body.totalCapped }).toEqual({ total: 50, totalCapped: undefined });
  });
});

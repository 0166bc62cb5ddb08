import type { Client } from 'pg';
import { TOPICS, type CaseSummary } from '@inbox/contracts';
import { compareCases } from '../../apps/web/src/queue/queue-state';
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
    const ids = new Map<string, string>();
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
    const names = (cases: Array<{ id: string }>) => cases.filter((c) => ids.has(c.id)).map((c) => ids.get(c.id));

    const rest = await inbox.api<{ items: CaseSummary[] }>('/api/cases?status=open&limit=100', { token: admin });
    expect(rest.status).toBe(200);
    expect(names(rest.body.items)).toEqual(expected);

    const agent = await connectAgentClient(inbox.url, admin);
    clients.push(agent);
    expect(names(agent.snapshot.cases)).toEqual(expected);

    // The web queue sorts what it holds with its own comparison: the same order from any starting order.
    const shuffled = [...rest.body.items].reverse();
    expect(names([...shuffled].sort(compareCases))).toEqual(expected);
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

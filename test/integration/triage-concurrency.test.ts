import { Client } from 'pg';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { TriageModule } from '../../apps/triage/src/triage.module';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';

/**
 * Two triage workers (two processes' worth: each its own Nest app, bus and
 * connection pool) on one PostgreSQL, handling messages at the same moment.
 */
describe('triage workers in parallel', () => {
  const ITERATIONS = 25;
  let db: TestDatabase;
  let sql: Client;
  let workers: TestInbox[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const triage = { role: 'triage' as const, title: 'triage', module: (c: Parameters<typeof TriageModule.forRoot>[0]) => TriageModule.forRoot(c) };
    workers = [await startTestInbox({ db, definition: triage }), await startTestInbox({ db, definition: triage })];
    sql = new Client(db.url);
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    for (const w of workers) await w.close();
    await db.drop();
  });

  const on = (worker: TestInbox, m: InboundMessage) => worker.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);

  it('opens one case when two identities of one customer write at the same moment', async () => {
    for (let i = 0; i < ITERATIONS; i += 1) {
      // A customer known by email and by phone, with no open case (their last one was resolved long ago).
      const email = `twin${i}@example.com`;
      const phone = `+6141230${String(i).padStart(4, '0')}`;
      const { rows: [customer] } = await sql.query(`INSERT INTO customers (display_name) VALUES ('Twin') RETURNING id`);
      await sql.query(`INSERT INTO identities (customer_id, channel, address) VALUES ($1, 'email', $2), ($1, 'sms', $3)`, [customer.id, email, phone]);
      const byEmail = inboundMessage({ channel: 'email', account: 'complaints@bank.example', sender: { address: email }, text: 'My card was charged twice' });
      const bySms = inboundMessage({ channel: 'sms', sender: { address: phone }, text: 'Charged twice on my card, please fix' });
      await Promise.all([on(workers[0], byEmail), on(workers[1], bySms)]);
      const { rows } = await sql.query(
        `SELECT count(DISTINCT case_id)::int AS cases, count(*)::int AS messages, count(*) FILTER (WHERE case_id IS NULL)::int AS caseless
           FROM messages WHERE customer_id = $1 AND direction = 'inbound'`,
        [customer.id],
      );
      expect(rows[0]).toEqual({ cases: 1, messages: 2, caseless: 0 });
    }
  });

  it('opens one customer and one case when the same new phone number writes on two channels at once', async () => {
    for (let i = 0; i < ITERATIONS; i += 1) {
      const phone = `+6141240${String(i).padStart(4, '0')}`;
      const sms = inboundMessage({ channel: 'sms', sender: { address: phone }, text: 'Your app is down and I cannot pay' });
      const whatsapp = inboundMessage({ channel: 'whatsapp', account: 'waba-1', sender: { address: phone.slice(1) }, text: 'App down, cannot pay my bills' });
      await Promise.all([on(workers[0], sms), on(workers[1], whatsapp)]);
      const { rows } = await sql.query(
        `SELECT count(DISTINCT m.customer_id)::int AS customers, count(DISTINCT m.case_id)::int AS cases, count(*)::int AS messages
           FROM messages m WHERE m.sender_address = $1 AND m.direction = 'inbound'`,
        [phone],
      );
      expect(rows[0]).toEqual({ customers: 1, cases: 1, messages: 2 });
    }
  });

  it('stores a message redelivered to both workers at once exactly once, with one case', async () => {
    for (let i = 0; i < ITERATIONS; i += 1) {
      const phone = `+6141250${String(i).padStart(4, '0')}`;
      const message = inboundMessage({ sender: { address: phone }, text: 'I was charged a late fee by mistake' });
      await Promise.all([on(workers[0], message), on(workers[1], message), on(workers[0], message), on(workers[1], { ...message })]);
      const { rows } = await sql.query(
        `SELECT count(*)::int AS messages, count(DISTINCT case_id)::int AS cases,
                (SELECT count(*)::int FROM cases c JOIN identities i ON i.customer_id = c.customer_id WHERE i.address = $1) AS customer_cases
           FROM messages WHERE external_id = $2`,
        [phone, message.externalId],
      );
      expect(rows[0]).toEqual({ messages: 1, cases: 1, customer_cases: 1 });
    }
    const { rows: [events] } = await sql.query(
      `SELECT count(DISTINCT e.seq)::int AS n FROM case_events e JOIN messages m ON m.case_id = e.case_id
        WHERE e.type = 'case.created' AND m.direction = 'inbound' AND m.sender_address LIKE '+6141250%'`,
    );
    expect(events.n).toBe(ITERATIONS);
  });

  it('resolves the senders of one batch together: one customer per new number across channels and per new address, a known number found', async () => {
    for (let i = 0; i < 5; i += 1) {
      const fresh = `+6141260${String(i).padStart(4, '0')}`;
      const known = `+6141270${String(i).padStart(4, '0')}`;
      const email = `batch${i}@example.com`;
      const { rows: [customer] } = await sql.query(`INSERT INTO customers (display_name) VALUES ('Known') RETURNING id`);
      await sql.query(`INSERT INTO identities (customer_id, channel, address) VALUES ($1, 'sms', $2)`, [customer.id, known]);
      // The first record leaves alone; the ones published with it wait and leave together in the next batch.
      await Promise.all(
        [
          inboundMessage({ sender: { address: `+6141280${String(i).padStart(4, '0')}` }, text: 'A late fee again' }),
          inboundMessage({ channel: 'sms', sender: { address: fresh }, text: 'My card was charged twice' }),
          inboundMessage({ channel: 'whatsapp', account: 'waba-1', sender: { address: fresh.slice(1) }, text: 'Charged twice, please refund' }),
          inboundMessage({ channel: 'email', account: 'complaints@bank.example', sender: { address: email }, text: 'The app is down' }),
          inboundMessage({ channel: 'email', account: 'complaints@bank.example', sender: { address: email }, text: 'Still down' }),
          inboundMessage({ channel: 'whatsapp', account: 'waba-1', sender: { address: known.slice(1) }, text: 'I was charged a fee I did not agree to' }),
        ].map((m) => on(workers[0], m)),
      );
      const { rows } = await sql.query(
        `SELECT m.sender_address AS address, count(DISTINCT m.customer_id)::int AS customers, count(DISTINCT m.case_id)::int AS cases,
                count(*)::int AS messages, (SELECT count(*)::int FROM identities i WHERE i.address = m.sender_address) AS identities
           FROM messages m WHERE m.sender_address = ANY($1) AND m.direction = 'inbound' GROUP BY m.sender_address ORDER BY 1`,
        [[fresh, known, email]],
      );
      expect(rows).toEqual(
        [
          { address: fresh, customers: 1, cases: 1, messages: 2, identities: 2 },
          { address: known, customers: 1, cases: 1, messages: 1, identities: 2 },
          { address: email, customers: 1, cases: 1, messages: 2, identities: 1 },
        ].sort((a, b) => (a.address < b.address ? -1 : 1)),
      );
      const { rows: [owner] } = await sql.query(`SELECT customer_id FROM identities WHERE channel = 'whatsapp' AND address = $1`, [known]);
      expect(owner.customer_id).toBe(customer.id);
    }
  });
});

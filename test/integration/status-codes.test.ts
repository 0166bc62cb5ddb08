import { createHash } from 'node:crypto';
import { request } from 'node:http';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { TOPICS } from '@inbox/contracts';
import { MIGRATIONS } from '../../libs/platform/src/database/migrations';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { createTestDatabase } from '../support/test-database';
import { inboundMessage, startInboxSession, startTestInbox, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { eventually } from '../support/eventually';

const OUR_NUMBER = '+61255550160';

/** POSTs a code to the status page from a chosen loopback source address (127.0.0.0/8 is all this machine). */
function postCode(baseUrl: string, reference: string, code: string, localAddress: string): Promise<string> {
  const url = new URL(`/status/${reference}`, baseUrl.replace('localhost', '127.0.0.1'));
  const body = new URLSearchParams({ code }).toString();
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
    req.end(body);
  });
}


/**
 * The status page code: the customer receives it on their channel; what is
 * stored is its keyed hash and the acknowledgement with the code masked. And
 * no number of wrong codes from elsewhere keeps the owner out.
 */
describe('Status page codes', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    ({ inbox, sql } = await startInboxSession({
      env: { TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000160', TWILIO_AUTH_TOKEN: 'status-code-token', TWILIO_API_BASE: twilio.baseUrl },
    }, { signIn: false }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await twilio?.close();
  });

  async function complaint(phone: string) {
    await inbox.bus.publish(TOPICS.inbound, `sms:${phone}`, inboundMessage({ account: OUR_NUMBER, sender: { address: phone }, text: 'You charged my card twice, I want to complain' }));
    const ack = await eventually(() => twilio.requests.find((r) => r.form.To === phone && /C-\d{6}/.test(r.form.Body))?.form.Body);
    const code = /code ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(ack)![1];
    const reference = /C-\d{6}/.exec(ack)![0];
    const [c] = (await sql.query(`SELECT id FROM cases WHERE reference = $1`, [reference])).rows;
    return { caseId: c.id as string, reference, code, ack };
  }

  it('sends the real code to the customer but stores only its keyed hash and the acknowledgement masked', async () => {
    const { caseId, reference, code, ack } = await complaint('+61412160001');
    const [stored] = (await sql.query(`SELECT status_secret_hash FROM case_compliance WHERE case_id = $1`, [caseId])).rows;
    expect(stored.status_secret_hash).toMatch(/^hmac1:[0-9a-f]{64}$/);
    expect(stored.status_secret_hash).not.toContain(createHash('sha256').update(`${reference}:${code.replace('-', '')}`).digest('hex'));
    const { rows: messages } = await sql.query(`SELECT text FROM messages WHERE case_id = $1 AND direction = 'outbound'`, [caseId]);
    expect(messages).toEqual([{ text: ack.replace(code, '****-****') }]);
    // Nowhere in the database: not the message, the case's events, the audit trail; the outbox entry that
    // carried the text to the sender is deleted once published.
    await eventually(async () => (await sql.query(`SELECT count(*)::int AS n FROM outbox`)).rows[0].n === 0);
    for (const table of ['messages', 'case_events', 'outbox', 'compliance_audit', 'case_compliance']) {
      const { rows } = await sql.query(`SELECT count(*)::int AS n FROM ${table} t WHERE t::text LIKE $1`, [`%${code}%`]);
      expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
    }
    expect(await postCode(inbox.url, reference, code, '127.0.0.1')).toContain('Final response due by');
  });

  it('slows down the address that guesses, never the reference: the owner gets in at once after 12 wrong codes', async () => {
    const { reference, code } = await complaint('+61412160002');
    const guesses = [];
    for (let i = 0; i < 12; i++) guesses.push(await postCode(inbox.url, reference, `AAAA-AA${String(i).padStart(2, '2').replace(/[01]/g, '2')}`, '127.0.0.2'));
    // The owner, elsewhere, is not locked out (a lock per reference would keep them out here).
    expect(await postCode(inbox.url, reference, code, '127.0.0.3')).toContain('Final response due by');
    expect(guesses.slice(0, 5).every((page) => page.includes('do not match') && !page.includes('Too many'))).toBe(true);
    // The sixth wrong code earns a wait; from then the guesser is told to wait, without the code being checked.
    expect(guesses[5]).toContain('Too many wrong codes from your network');
    expect(guesses[11]).toContain('Too many wrong codes from your network');
    expect(guesses[11]).not.toContain('Final response');
    // Even the right code waits, from the guessing address.
    expect(await postCode(inbox.url, reference, code, '127.0.0.2')).toContain('Too many wrong codes');
    expect(await postCode(inbox.url, reference, code, '127.0.0.4')).toContain('Final response due by');
    // Shared through PostgreSQL (every process sees the same counters).
    const { rows } = await sql.query(`SELECT key FROM status_page_attempts ORDER BY key`);
    expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(['fail:127.0.0.2', 'wait:127.0.0.2']));
  });
});

/**
 * Rows written before codes were keyed: the migration masks the codes left in
 * stored acknowledgements (and their case events), the next start keys the
 * stored hashes, and the customer's code still works.
 */
describe('Status codes stored by earlier versions', () => {
  it('are masked by the migration and keyed at start, and the code still opens the status page', async () => {
    const db = await createTestDatabase();
    const ds = await new DataSource({ type: 'postgres', url: db.url, migrations: MIGRATIONS }).initialize();
    let inbox: TestInbox | undefined;
    try {
      // Back to the schema before these changes (and whatever came after them).
      while ((await ds.query(`SELECT 1 FROM migrations WHERE name = 'EarnedIdentities1732400000000'`)).length > 0) {
        await ds.undoLastMigration({ transaction: 'all' });
      }
      const code = 'K7PQ-M2XW';
      const reference = 'C-000777';
      const text = `We have received your complaint. Your reference is ${reference}. Open the status page and enter the code ${code}.`;
      const [customer] = await ds.query(`INSERT INTO customers (display_name) VALUES ('Legacy') RETURNING id`);
      await ds.query(`INSERT INTO identities (customer_id, channel, address, created_at) VALUES ($1, 'sms', '+61412160777', '2026-01-01T00:00:00Z')`, [customer.id]);
      const [c] = await ds.query(
        `INSERT INTO cases (reference, status, channel, account, customer_id, received_at, respond_by, last_message_at, kind)
         VALUES ($1, 'open', 'sms', $2, $3, now(), now() + interval '30 days', now(), 'complaint') RETURNING id`,
        [reference, OUR_NUMBER, customer.id],
      );
      await ds.query(
        `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, sender_address, text, received_at, created_at)
         VALUES (gen_random_uuid(), $1, $2, 'sms', $3, 'inbound', '+61412160777', 'complaint', now(), '2026-01-01T00:00:00Z')`,
        [c.id, customer.id, OUR_NUMBER],
      );
      const [m] = await ds.query(
        `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, sender_address, text, received_at)
         VALUES (gen_random_uuid(), $1, $2, 'sms', $3, 'outbound', '+61412160777', $4, now()) RETURNING id`,
        [c.id, customer.id, OUR_NUMBER, text],
      );
      await ds.query(`INSERT INTO case_events (case_id, type, payload) VALUES ($1, 'message.created', $2)`, [c.id, JSON.stringify({ type: 'message.created', message: { id: m.id, text } })]);
      const legacyHash = createHash('sha256').update(`${reference}:${code.replace('-', '')}`).digest('hex');
      await ds.query(`INSERT INTO case_compliance (case_id, language, status_secret_hash, acknowledgement_message_id) VALUES ($1, 'en', $2, $3)`, [c.id, legacyHash, m.id]);
      // A claimed address an earlier version made an identity (no message ever came from it).
      await ds.query(`INSERT INTO identities (customer_id, channel, address) VALUES ($1, 'email', 'claimed@example.com')`, [customer.id]);

      await ds.runMigrations({ transaction: 'all' });
      const masked = text.replace(code, '****-****');
      expect((await ds.query(`SELECT text FROM messages WHERE id = $1`, [m.id]))[0].text).toBe(masked);
      expect((await ds.query(`SELECT payload->'message'->>'text' AS text FROM case_events WHERE case_id = $1`, [c.id]))[0].text).toBe(masked);
      expect(await ds.query(`SELECT action FROM compliance_audit WHERE action = 'status_code.redacted'`)).toEqual([{ action: 'status_code.redacted' }]);
      // The audit trail is immutable again.
      await expect(ds.query(`UPDATE case_events SET type = 'x' WHERE case_id = $1`, [c.id])).rejects.toThrow(/cannot be changed/);
      // The claimed identity is a claim again; the earned one stays.
      expect(await ds.query(`SELECT channel FROM identities WHERE customer_id = $1`, [customer.id])).toEqual([{ channel: 'sms' }]);
      expect(await ds.query(`SELECT channel, address, status FROM identity_claims WHERE customer_id = $1`, [customer.id])).toEqual([
        { channel: 'email', address: 'claimed@example.com', status: 'unverified' },
      ]);

      inbox = await startTestInbox({ db });
      const [{ status_secret_hash: keyed }] = await ds.query(`SELECT status_secret_hash FROM case_compliance WHERE case_id = $1`, [c.id]);
      expect(keyed).toMatch(/^hmac1:[0-9a-f]{64}$/);
      expect(await postCode(inbox.url, reference, code.toLowerCase(), '127.0.0.1')).toContain('Final response due by');
      expect(await postCode(inbox.url, reference, 'AAAA-BBBB', '127.0.0.1')).toContain('do not match');
    } finally {
      await ds.destroy();
      await inbox?.close();
      await db.drop();
    }
  });
});

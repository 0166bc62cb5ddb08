import { ImapFlow } from 'imapflow';
import { Client } from 'pg';
import { parseMailboxUrl } from '../../libs/channels/src/email/mailbox-url';
import { MAX_IMPORT_ATTEMPTS } from '../../libs/channels/src/email/mailbox-importer';
import { adversarialTexts } from '../support/adversarial-inputs';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestInbox, type TestInbox } from '../support/test-inbox';
import { signTwilioWebhook } from '../support/twilio-stand-in';
import { eventually } from '../support/eventually';

const OUR_ADDRESS = 'complaints@example.test';
const PUBLIC_URL = 'https://inbox.example.test';
const TWILIO_TOKEN = 'poison-twilio-token';

let counter = 0;
function rfc822(from: string, body: string, extra: string[] = [], contentType = 'text/plain; charset=utf-8'): string {
  return [
    `From: ${from}`,
    `To: ${OUR_ADDRESS}`,
    'Subject: My complaint',
    `Message-ID: <poison-${++counter}.${Date.now()}@mail.example.org>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    ...extra,
    `Content-Type: ${contentType}`,
    '',
    body,
  ].join('\r\n');
}

/**
 * No mail stops the mailbox: one that keeps failing (or kept killing the
 * process) is set aside for admins with its raw source and the mail behind it
 * is imported; a hostile 1 MB mail is imported while SMS webhooks are still
 * answered promptly. Against a real Dovecot.
 */
describe('email: no mail stops the inbox', () => {
  let dovecot: Dovecot;
  let db: TestDatabase;
  let inbox: TestInbox | undefined;
  let sql: Client;
  let customer: ImapFlow;

  beforeAll(async () => {
    dovecot = await startDovecot({ user: OUR_ADDRESS });
    db = await createTestDatabase();
    sql = new Client(db.url);
    await sql.connect();
    customer = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    customer.on('error', () => undefined);
    await customer.connect();
  });

  afterAll(async () => {
    await customer?.logout().catch(() => undefined);
    await inbox?.close();
    await sql?.end();
    await db?.drop();
    await dovecot?.close();
  });

  const append = async (raw: string) => {
    const result = await customer.append('INBOX', raw);
    if (!result || !result.uid) throw new Error('APPEND gave no UID');
    return result.uid;
  };
  const inboundFrom = async (address: string) =>
    (await sql.query(`SELECT id, case_id, text, attachments FROM messages WHERE direction = 'inbound' AND sender_address = $1`, [address])).rows;

  it('sets aside a mail that kept failing, with its source, and imports the mail behind it', async () => {
    const poison = rfc822('poison@mail.example.org', 'The process died reading this mail, three times');
    const poisonUid = await append(poison);
    // A file name with a NUL (legal in RFC 2231) used to make PostgreSQL refuse the attachment row, on every attempt.
    const oddName = rfc822(
      'odd@mail.example.org',
      ['--b', 'Content-Type: text/plain', '', 'Please see the attached statement, you charged me twice', '--b', 'Content-Type: application/pdf', "Content-Disposition: attachment; filename*=utf-8''state%00ment.pdf", '', 'PDF', '--b--', ''].join('\r\n'),
      [],
      'multipart/mixed; boundary="b"',
    );
    await append(oddName);
    await append(rfc822('good@mail.example.org', 'You charged my card twice and I want my money back'));
    // As if the process had crashed or hung on the first mail as often as it may be tried.
    const { uidValidity } = await customer.mailboxOpen('INBOX');
    const mailboxKey = parseMailboxUrl(dovecot.imapUrl()).key;
    await sql.query(`INSERT INTO mailbox_import_attempts (mailbox, uid_validity, uid, attempts) VALUES ($1, $2, $3, $4)`, [
      mailboxKey,
      String(uidValidity),
      poisonUid,
      MAX_IMPORT_ATTEMPTS,
    ]);

    inbox = await startTestInbox({
      db,
      env: {
        IMAP_URL: dovecot.imapUrl(),
        PUBLIC_URL,
        TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000000',
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        TWILIO_API_BASE: 'http://127.0.0.1:9',
        AUTO_ACKNOWLEDGEMENT: 'false',
      },
    });

    const [good] = await eventually(async () => ((await inboundFrom('good@mail.example.org')).length ? inboundFrom('good@mail.example.org') : undefined), 20_000, 'the good mail');
    expect(good.case_id).toBeTruthy();
    const [odd] = await inboundFrom('odd@mail.example.org');
    expect(odd.attachments).toEqual([expect.objectContaining({ fileName: 'statement.pdf' })]);
    expect(await inboundFrom('poison@mail.example.org')).toEqual([]);

    const token = await inbox.login();
    const letters = await inbox.api<{ items: Array<{ id: number; topic: string; error: string; hasSource: boolean }> }>('/api/admin/dead-letters', { token });
    const letter = letters.body.items.find((l) => l.topic === 'email.import');
    expect(letter).toMatchObject({ hasSource: true, error: expect.stringContaining(`after ${MAX_IMPORT_ATTEMPTS} attempts`) });
    const source = await fetch(`${inbox.url}/api/admin/dead-letters/${letter!.id}/source`, { headers: { authorization: `Bearer ${token}` } });
    expect(source.status).toBe(200);
    expect(source.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await source.text()).replace(/\r\n/g, '\n')).toBe(poison.replace(/\r\n/g, '\n'));
    // Set aside like an imported mail: flagged, never read again.
    const flags = await customer.fetchOne(String(poisonUid), { flags: true }, { uid: true });
    expect(flags && flags.flags?.has('\\Seen')).toBe(true);
  }, 60_000);

  it('answers SMS webhooks promptly while a hostile 1 MB mail is imported', async () => {
    const hostile = adversarialTexts();
    await append(rfc822('hostile@mail.example.org', `You charged me twice.\n${hostile['trailing blank lines with spaces']}`));
    await append(rfc822('hostile2@mail.example.org', hostile['unclosed script tags'], [], 'text/html; charset=utf-8'));
    const latencies: number[] = [];
    let sent = 0;
    const imported = async () => (await inboundFrom('hostile2@mail.example.org')).length > 0 && (await inboundFrom('hostile@mail.example.org')).length > 0;
    while (!(await imported())) {
      const params = { MessageSid: `SMpoison${++sent}`, From: '+61412345678', To: '+61299990000', Body: `Still waiting ${sent}`, NumMedia: '0' };
      const started = performance.now();
      const res = await fetch(`${inbox!.url}/webhooks/twilio/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(TWILIO_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params) },
        body: new URLSearchParams(params).toString(),
      });
      latencies.push(performance.now() - started);
      expect(res.status).toBe(200);
      if (latencies.length > 300) throw new Error('the hostile mails were not imported');
    }
    expect(sent).toBeGreaterThan(0);
    // A parser stuck on the mail holds the event loop for minutes (about 19 before the fix); a webhook that waits
    // seconds is a loaded machine (4 s seen at load 13 on 2 cores). Speed itself is the benchmark's business.
    expect(Math.max(...latencies)).toBeLessThan(10_000);
    const [first] = await inboundFrom('hostile@mail.example.org');
    expect(first.text).toBe('You charged me twice.\na');
  }, 120_000);
});

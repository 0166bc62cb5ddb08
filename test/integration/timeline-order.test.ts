import { ImapFlow } from 'imapflow';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { postWebhook, signedWebhook, streamSender, WEBHOOK_CREDENTIALS } from '../support/signed-webhooks';
import { startTestInbox, type TestInbox } from '../support/test-inbox';

interface CaseMessage {
  id: string;
  text: string;
  channel: string;
  receivedAt: string;
  sentAt: string | null;
  intakeSeq: number;
}
interface CaseDetail {
  id: string;
  receivedAt: string;
  deadlines: { acknowledgeBy: string | null; respondBy: string | null };
  messages: CaseMessage[];
  timeline: Array<{ kind: string; text?: string }>;
}

/**
 * Timelines follow the order the inbox took messages in, not what senders'
 * devices claim; RG 271 clocks start from the firm's own receipt records
 * (webhook arrival, IMAP INTERNALDATE), never from a header the sender wrote.
 */
describe('Timeline order and receipt times', () => {
  let inbox: TestInbox;
  let dovecot: Dovecot;
  let token: string;

  beforeAll(async () => {
    dovecot = await startDovecot({ user: 'complaints@example.test' });
    const c = WEBHOOK_CREDENTIALS;
    inbox = await startTestInbox({
      env: {
        PUBLIC_URL: c.publicUrl,
        TWILIO_ACCOUNT_SID: c.twilioAccountSid,
        TWILIO_AUTH_TOKEN: c.twilioAuthToken,
        TWILIO_API_BASE: 'http://127.0.0.1:9',
        META_APP_SECRET: c.metaAppSecret,
        META_VERIFY_TOKEN: c.metaVerifyToken,
        META_PAGE_ACCESS_TOKEN: c.metaPageToken,
        META_GRAPH_API_BASE: 'http://127.0.0.1:9/v21.0',
        IMAP_URL: dovecot.imapUrl(),
        SMTP_URL: 'smtp://127.0.0.1:9',
        MAIL_FROM: 'Complaints <complaints@example.test>',
        // Replies are not part of this test: no automatic acknowledgement going out.
        AUTO_ACKNOWLEDGEMENT: 'false',
      },
    });
    token = await inbox.login();
  });

  afterAll(async () => {
    await inbox?.close();
    await inbox?.db.drop();
    await dovecot?.close();
  });

  async function caseOf(address: string): Promise<CaseDetail> {
    const customers = await inbox.db.query(`SELECT DISTINCT customer_id FROM identities WHERE address = $1`, [address]);
    expect(customers).toHaveLength(1);
    const cases = await inbox.db.query(`SELECT id FROM cases WHERE customer_id = $1`, [(customers[0] as { customer_id: string }).customer_id]);
    expect(cases).toHaveLength(1);
    const detail = await inbox.api<CaseDetail>(`/api/cases/${(cases[0] as { id: string }).id}`, { token });
    expect(detail.status).toBe(200);
    return detail.body;
  }

  it('shows SMS, WhatsApp, SMS sent one after another in that order, with WhatsApp’s own whole-second time beside it', async () => {
    const sms = streamSender('sms', 4242);
    const whatsapp = streamSender('whatsapp', 4242);
    expect(whatsapp.address).toBe(sms.address);
    const started = Date.now();
    expect(await postWebhook(inbox.url, signedWebhook(sms, 'First: my card was charged twice', 'order-1'))).toBe(200);
    // WhatsApp stamps whole seconds from the phone's clock, here two seconds behind: earlier than the SMS before it.
    const claimed = Math.floor(Date.now() / 1000) - 2;
    expect(await postWebhook(inbox.url, signedWebhook(whatsapp, 'Second: still waiting for the refund', 'order-2', { sentAtSeconds: claimed }))).toBe(200);
    expect(await postWebhook(inbox.url, signedWebhook(sms, 'Third: please call me back', 'order-3'))).toBe(200);

    const detail = await caseOf(sms.address);
    expect(detail.messages.map((m) => m.text)).toEqual(['First: my card was charged twice', 'Second: still waiting for the refund', 'Third: please call me back']);
    expect(detail.messages.map((m) => m.channel)).toEqual(['sms', 'whatsapp', 'sms']);
    const [first, second, third] = detail.messages;
    expect(first.intakeSeq).toBeLessThan(second.intakeSeq);
    expect(second.intakeSeq).toBeLessThan(third.intakeSeq);
    // Received when the webhook arrived; the sender's claim kept beside it.
    expect(second.sentAt).toBe(new Date(claimed * 1000).toISOString());
    expect(Date.parse(second.receivedAt)).toBeGreaterThanOrEqual(Date.parse(first.receivedAt));
    expect(Date.parse(second.receivedAt)).toBeGreaterThanOrEqual(started);
    expect(first.sentAt).toBeNull();
    // The case's messages are not repeated in the customer's timeline (the case screen shows both together).
    expect(detail.timeline.filter((e) => e.kind === 'message')).toEqual([]);
    // The RG 271 clock starts at the first message's arrival.
    expect(detail.receivedAt).toBe(first.receivedAt);
  });

  it('starts the clock of an email dated 2019 from when the mail server received it (INTERNALDATE), keeping the Date as the sender’s claim', async () => {
    const customer = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    customer.on('error', () => undefined);
    await customer.connect();
    // The mail server took it in a few minutes ago (INTERNALDATE has whole seconds); the sender dated it 2019.
    const internalDate = new Date(Math.floor(Date.now() / 1000) * 1000 - 5 * 60_000);
    const raw = [
      'From: Old Clock <old.clock@example.org>',
      'To: complaints@example.test',
      'Subject: Refund never arrived',
      `Message-ID: <dated-2019.${Date.now()}@example.org>`,
      'Date: Fri, 01 Mar 2019 09:00:00 +0000',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'I complained about the refund and nothing happened.',
    ].join('\r\n');
    await customer.append('INBOX', raw, [], internalDate);
    await customer.logout();

    const deadline = Date.now() + 20_000;
    let rows: unknown[] = [];
    while (rows.length === 0 && Date.now() < deadline) {
      rows = await inbox.db.query(`SELECT 1 FROM messages WHERE sender_address = 'old.clock@example.org' AND case_id IS NOT NULL`);
      if (rows.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    const detail = await caseOf('old.clock@example.org');
    const [message] = detail.messages;
    expect(message.sentAt).toBe('2019-03-01T09:00:00.000Z');
    expect(message.receivedAt).toBe(internalDate.toISOString());
    expect(detail.receivedAt).toBe(internalDate.toISOString());
    // Deadlines counted from 5 minutes ago, so still ahead, not years overdue.
    expect(Date.parse(detail.deadlines.respondBy!)).toBeGreaterThan(Date.now());
    expect(Date.parse(detail.deadlines.acknowledgeBy!)).toBeGreaterThan(Date.now());
  }, 60_000);
});

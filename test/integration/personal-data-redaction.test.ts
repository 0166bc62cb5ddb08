import { Client } from 'pg';
import { ImapFlow } from 'imapflow';
import { io, type Socket } from 'socket.io-client';
import { TOPICS, type Redaction } from '@inbox/contracts';
import { JsonLogger } from '@inbox/platform';
import { startDnsStandIn, type DnsStandIn } from '../support/dns-stand-in';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { signMetaWebhook } from '../support/graph-api-stand-in';
import { startTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in';
import { signTwilioWebhook } from '../support/twilio-stand-in';
import { startTestInbox, stopInboxSession, type TestInbox } from '../support/test-inbox';

// What customers disclose; the full value of each must be nowhere once the inbox has taken the message.
const CARD = '4556737586899855';
const CARD_SPACED = '4556 7375 8689 9855';
const CARD_DASHED = '5425-2334-3010-9903';
const SECURITY_CODE = 'cvv 739';
const TFN = '876543210';
const TFN_SPACED = '876 543 210';
const PASSWORD = 'Zq8!wombat';
const MEMBER = 'MBR-58213377';
const FORBIDDEN = [CARD, CARD_SPACED, CARD_DASHED, CARD_DASHED.replace(/-/g, ''), SECURITY_CODE, TFN, TFN_SPACED, PASSWORD, MEMBER];
const DISCLOSURE = `My card is ${CARD_SPACED} ${SECURITY_CODE}, the other one ${CARD_DASHED}, TFN ${TFN_SPACED}, password: ${PASSWORD}, member ${MEMBER}. I was charged twice!`;
const EVERY_KIND = ['card_number', 'card_security_code', 'tax_file_number', 'password', 'custom'];

const TWILIO_TOKEN = 'redaction-twilio-token';
const ACCOUNT_SID = 'AC00000000000000000000000000000009';
const META_SECRET = 'redaction-meta-secret';
const PAGE_ID = '104000000000009';
const PUBLIC_URL = 'https://inbox.example.test';
const TELEGRAM_SECRET = 'redaction-telegram-secret_01';
const OUR_ADDRESS = 'complaints@firm.example';

/**
 * Each kind of sensitive value, sent through every channel (SMS, a voice
 * call's transcription, email subject/body/HTML/attachment name, Telegram,
 * Messenger, web chat), and then looked for everywhere the inbox keeps or
 * shows anything: every row of every table, the log lines, search, the bus
 * topics and the agent's socket.
 */
describe('redaction on arrival, through every channel', () => {
  let inbox: TestInbox;
  let sql: Client;
  let dovecot: Dovecot;
  let dns: DnsStandIn;
  let telegram: TelegramStandIn;
  let agent: Socket;
  let token: string;
  const logLines: string[] = [];
  const busPayloads: string[] = [];
  const socketPayloads: string[] = [];

  beforeAll(async () => {
    dns = await startDnsStandIn();
    dovecot = await startDovecot({ user: OUR_ADDRESS });
    telegram = await startTelegramStandIn();
    inbox = await startTestInbox({
      env: {
        PUBLIC_URL,
        AUTO_ACKNOWLEDGEMENT: 'false',
        LOG_LEVEL: 'debug',
        REDACT_PATTERNS: JSON.stringify({ 'member number': 'MBR-[0-9]{8}' }),
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        META_APP_SECRET: META_SECRET,
        META_VERIFY_TOKEN: 'redaction-verify',
        META_PAGE_ACCESS_TOKEN: 'redaction-page-token',
        TELEGRAM_BOT_TOKEN: telegram.token,
        TELEGRAM_WEBHOOK_SECRET: TELEGRAM_SECRET,
        TELEGRAM_API_ROOT: telegram.apiRoot,
        IMAP_URL: dovecot.imapUrl(),
        EMAIL_DNS_SERVERS: dns.server,
      },
      logger: new JsonLogger('debug', {}, (line) => void logLines.push(line)),
    });
    for (const topic of [TOPICS.inbound, TOPICS.caseEvents]) {
      await inbox.bus.subscribe(topic, { group: `redaction-observer-${topic}` }, async (record) => void busPayloads.push(JSON.stringify(record.value)));
    }
    token = await inbox.login();
    agent = io(`${inbox.url}/agents`, { auth: { token }, transports: ['websocket'], reconnection: false });
    agent.onAny((_event: string, ...args: unknown[]) => void socketPayloads.push(JSON.stringify(args)));
    await new Promise((resolve, reject) => (agent.once('queue.snapshot', resolve), agent.once('connect_error', reject)));
    sql = new Client(inbox.db.url);
    await sql.connect();
  }, 120_000);

  afterAll(async () => {
    agent?.close();
    await stopInboxSession({ inbox, sql });
    await telegram?.close();
    await dovecot?.close();
    await dns?.close();
  });

  async function twilioWebhook(path: string, params: Record<string, string>) {
    const res = await fetch(`${inbox.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioWebhook(TWILIO_TOKEN, `${PUBLIC_URL}${path}`, params) },
      body: new URLSearchParams(params).toString(),
    });
    return { status: res.status, text: await res.text() };
  }

  async function storedRedactions(channel: string): Promise<Redaction[]> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await sql.query(`SELECT redactions FROM messages WHERE channel = $1 AND direction = 'inbound' AND redactions IS NOT NULL`, [channel]);
      const all = rows.flatMap((r: { redactions: Redaction[] }) => r.redactions);
      if (EVERY_KIND.every((kind) => all.some((r) => r.kind === kind)) || Date.now() > deadline) return all;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('removes every kind from SMS, voice transcription, email, Telegram, Messenger and web chat, and records what it removed', async () => {
    // SMS
    expect((await twilioWebhook('/webhooks/twilio/sms', { MessageSid: 'SMredact0001', AccountSid: ACCOUNT_SID, From: '+61412000001', To: '+61255550100', Body: DISCLOSURE, NumMedia: '0' })).status).toBe(200);

    // Voice: the call, then its transcription minutes later.
    const callSid = 'CAredact0001';
    const voice = await twilioWebhook('/webhooks/twilio/voice', { CallSid: callSid, AccountSid: ACCOUNT_SID, From: '+61412000002', To: '+61255550100', CallStatus: 'ringing', Direction: 'inbound' });
    expect(voice.status).toBe(200);
    const transcribeCallback = /transcribeCallback="([^"]+)"/.exec(voice.text)![1]!.replace(/&amp;/g, '&');
    const transcription = { CallSid: callSid, AccountSid: ACCOUNT_SID, TranscriptionText: DISCLOSURE, TranscriptionStatus: 'completed', RecordingSid: 'REredact1' };
    expect((await twilioWebhook(transcribeCallback.slice(PUBLIC_URL.length), transcription)).status).toBe(204);

    // Telegram
    const update = { update_id: 9001, message: { message_id: 11, from: { id: 5550001, is_bot: false, first_name: 'Olga' }, chat: { id: 5550001, type: 'private' }, date: Math.floor(Date.now() / 1000), text: DISCLOSURE } };
    const tg = await fetch(`${inbox.url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET }, body: JSON.stringify(update) });
    expect(tg.status).toBe(200);

    // A channel post nobody sent goes to the dead letters: redacted there too.
    const senderless = { update_id: 9002, channel_post: { message_id: 12, chat: { id: -1005550002, type: 'channel' }, date: Math.floor(Date.now() / 1000), text: DISCLOSURE } };
    const dead = await fetch(`${inbox.url}/webhooks/telegram`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TELEGRAM_SECRET }, body: JSON.stringify(senderless) });
    expect(dead.status).toBe(200);
    expect((await sql.query(`SELECT count(*)::int AS n FROM dead_letters WHERE topic = 'telegram.updates'`)).rows[0].n).toBe(1);

    // Messenger
    const raw = JSON.stringify({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging: [{ sender: { id: '7000000000000901' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid: 'm_redact1', text: DISCLOSURE } }] }] });
    const meta = await fetch(`${inbox.url}/webhooks/meta`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signMetaWebhook(META_SECRET, raw) }, body: raw });
    expect(meta.status).toBe(200);

    // Web chat
    const visitor = io(`${inbox.url}/webchat`, { transports: ['websocket'], reconnection: false });
    await new Promise((resolve, reject) => (visitor.once('session', resolve), visitor.once('connect_error', reject)));
    expect(await visitor.timeout(10_000).emitWithAck('message', { text: DISCLOSURE })).toMatchObject({ ok: true });
    visitor.close();

    // Email: subject, plain body, HTML body and an attachment's name.
    const mailbox = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    mailbox.on('error', () => undefined);
    await mailbox.connect();
    await mailbox.append('INBOX', multipartMail());
    await mailbox.logout();

    for (const channel of ['sms', 'voice', 'telegram', 'messenger', 'webchat', 'email']) {
      const kinds = new Set((await storedRedactions(channel)).map((r) => r.kind));
      expect({ channel, kinds: [...kinds].sort() }).toEqual({ channel, kinds: [...EVERY_KIND].sort() });
    }
    const email = await storedRedactions('email');
    expect(new Set(email.map((r) => r.where))).toEqual(new Set(['text', 'html', 'subject', 'attachment_name', 'provider_payload']));

    // Agents see what was removed on the message.
    const { rows } = await sql.query(`SELECT case_id FROM messages WHERE channel = 'sms' AND direction = 'inbound' AND case_id IS NOT NULL LIMIT 1`);
    const detail = await inbox.api<{ messages: Array<{ text: string; redactions?: Redaction[] }> }>(`/api/cases/${rows[0].case_id}`, { token });
    const message = detail.body.messages.find((m) => m.redactions)!;
    expect(message.text).toContain('4556 73** **** 9855');
    expect(message.redactions).toEqual(expect.arrayContaining([{ kind: 'card_number', where: 'text', count: 2 }]));
  }, 90_000);

  it('leaves the full values nowhere: not in any table, the logs, search, the bus topics or the agent\'s socket', async () => {
    const { rows: tables } = await sql.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    const dump: string[] = [];
    for (const { tablename } of tables as Array<{ tablename: string }>) {
      const { rows } = await sql.query(`SELECT t::text AS row FROM "${tablename}" t`);
      for (const r of rows as Array<{ row: string }>) dump.push(`${tablename}: ${r.row}`);
    }
    expect(dump.length).toBeGreaterThan(50);
    expect(dump.join('\n')).toContain('4556 73** **** 9855');
    expect(busPayloads.length).toBeGreaterThan(6);
    expect(socketPayloads.length).toBeGreaterThan(6);
    expect(logLines.length).toBeGreaterThan(0);
    for (const [place, text] of [
      ['database', dump.join('\n')],
      ['logs', logLines.join('\n')],
      ['bus', busPayloads.join('\n')],
      ['agent socket', socketPayloads.join('\n')],
    ] as const) {
      for (const value of FORBIDDEN) expect({ place, found: text.toLowerCase().includes(value.toLowerCase()) ? value : null }).toEqual({ place, found: null });
    }
    for (const value of [CARD, TFN, PASSWORD, MEMBER]) {
      const found = await inbox.api<{ total: number }>(`/api/cases?q=${encodeURIComponent(value)}`, { token });
      expect({ value, total: found.body.total }).toEqual({ value, total: 0 });
    }
    // The masked form is what search finds.
    expect((await inbox.api<{ total: number }>(`/api/cases?q=${encodeURIComponent('charged twice')}`, { token })).body.total).toBeGreaterThanOrEqual(6);
  });
});

function multipartMail(): string {
  const boundary = 'b-redact-1';
  return [
    'From: Ana <ana@example.org>',
    `To: ${OUR_ADDRESS}`,
    `Subject: Card ${CARD} charged twice`,
    'Message-ID: <redact1@example.org>',
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    '',
    DISCLOSURE,
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    `<p>${DISCLOSURE}</p>`,
    '--alt--',
    `--${boundary}`,
    `Content-Type: text/plain; name="tfn ${TFN}.txt"`,
    `Content-Disposition: attachment; filename="tfn ${TFN}.txt"`,
    '',
    'statement',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

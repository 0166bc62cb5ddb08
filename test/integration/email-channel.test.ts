import type { ImapFlow } from 'imapflow';
import { Client } from 'pg';
import { TOPICS, type CaseEvent, type InboundMessage } from '@inbox/contracts';
import type { DnsStandIn } from '../support/dns-stand-in';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { openMailbox, startMailPeers, type MailPeers } from '../support/mail-peers';
import type { SmtpReceiver } from '../support/smtp-receiver';
import { startTestInbox, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { eventually } from '../support/eventually';

const OUR_ADDRESS = 'complaints@example.test';
const MAX_ATTACHMENT_BYTES = 1024 * 1024;
const REOPEN_WINDOW_DAYS = 14;

/**
 * Email end to end against real peers on loopback: mail APPENDed into a real
 * Dovecot mailbox is picked up through IDLE; replies go through nodemailer to
 * a real SMTP server (smtp-server) and are checked as parsed by mailparser.
 */
describe('Email channel', () => {
  let mail: MailPeers;
  let dns: DnsStandIn;
  let dovecot: Dovecot;
  let smtp: SmtpReceiver;
  let inbox: TestInbox;
  let sql: Client;
  let token: string;
  let customer: ImapFlow;
  const published: InboundMessage[] = [];
  let counter = 0;

  const env = () => ({
    IMAP_URL: dovecot.imapUrl(),
    SMTP_URL: smtp.url,
    MAIL_FROM: `Complaints <${OUR_ADDRESS}>`,
    EMAIL_MAX_ATTACHMENT_BYTES: String(MAX_ATTACHMENT_BYTES),
    REOPEN_WINDOW_DAYS: String(REOPEN_WINDOW_DAYS),
    // Sender checks ask the test's own DNS server (which knows none of these domains), never the network.
    EMAIL_DNS_SERVERS: dns.server,
  });

  async function start(db?: TestInbox['db']): Promise<TestInbox> {
    const started = await startTestInbox({ env: env(), db });
    // Observe the canonical messages the channel publishes, as any other consumer group would.
    await started.bus.subscribe(TOPICS.inbound, { group: 'email-test-observer' }, async (record) => {
      published.push(record.value);
    });
    return started;
  }

  beforeAll(async () => {
    mail = await startMailPeers(OUR_ADDRESS);
    ({ dns, dovecot, smtp } = mail);
    inbox = await start();
    token = await inbox.login();
    sql = new Client(inbox.db.url);
    await sql.connect();
    customer = await imapClient();
  });

  afterAll(async () => {
    await customer?.logout().catch(() => undefined);
    await stopInboxSession({ inbox, sql });
    await mail?.close();
  });

  /** The customer's side of the mailbox: where a test puts the mail a customer sends. */
  const imapClient = () => openMailbox(dovecot, { connectionTimeout: 5_000, greetingTimeout: 5_000 });


  /** An RFC 5322 message as a customer's mail client writes it. */
  function rfc822(options: {
    from: string;
    subject: string;
    body?: string;
    messageId?: string;
    inReplyTo?: string;
    references?: string[];
    headers?: string[];
    contentType?: string;
  }): { raw: string; messageId: string } {
    const messageId = options.messageId ?? `<m${++counter}.${Date.now()}@mail.example.org>`;
    const lines = [
      `From: ${options.from}`,
      `To: ${OUR_ADDRESS}`,
      `Subject: ${options.subject}`,
      `Message-ID: ${messageId}`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      ...(options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo}`] : []),
      ...(options.references ? [`References: ${options.references.join(' ')}`] : []),
      ...(options.headers ?? []),
      `Content-Type: ${options.contentType ?? 'text/plain; charset=utf-8'}`,
      '',
      options.body ?? 'Hello',
    ];
    return { raw: lines.join('\r\n'), messageId };
  }

  async function append(raw: string): Promise<number> {
    const result = await customer.append('INBOX', raw);
    if (!result || !result.uid) throw new Error('APPEND gave no UID');
    return result.uid;
  }

  async function rowsFrom(address: string) {
    const { rows } = await sql.query(
      `SELECT m.id, m.case_id, m.text, m.external_id, m.thread, m.attachments, m.raw, c.reference
         FROM messages m JOIN cases c ON c.id = m.case_id
        WHERE m.direction = 'inbound' AND m.sender_address = $1 ORDER BY m.received_at, m.created_at`,
      [address],
    );
    return rows as Array<{
      id: string;
      case_id: string;
      text: string;
      external_id: string;
      thread: Record<string, unknown>;
      attachments: Array<Record<string, unknown>>;
      raw: Record<string, unknown>;
      reference: string;
    }>;
  }

  async function flagsOf(uid: number): Promise<Set<string>> {
    const lock = await customer.getMailboxLock('INBOX');
    try {
      const message = await customer.fetchOne(String(uid), { flags: true }, { uid: true });
      return message && message.flags ? message.flags : new Set();
    } finally {
      lock.release();
    }
  }

  async function reply(caseId: string, text: string) {
    const res = await inbox.api<{ id: string }>(`/api/cases/${caseId}/replies`, { token, body: { text } });
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function outbound(messageId: string) {
    const { rows } = await sql.query(`SELECT case_id, external_id, delivery_status, delivery_error, thread FROM messages WHERE id = $1`, [messageId]);
    return rows[0] as { case_id: string; external_id: string | null; delivery_status: string; delivery_error: string | null; thread: Record<string, unknown> | null };
  }

  it('turns a mail appended to the mailbox into a case on the agent’s socket, and flags it \\Seen once stored', async () => {
    const agent = await inbox.agentSocket(token);
    const mail = rfc822({
      from: '"Jane Citizen" <jane@example.org>',
      subject: 'Charged twice for my plan',
      body: 'You charged my card twice this month.\r\n\r\n-- \r\nJane Citizen\r\n0400 000 000',
    });
    const uid = await append(mail.raw);
    // Pushed by IDLE, not found by the full check every EMAIL_POLL_INTERVAL_MS (60 s): how fast is in `npm run bench` (timings).
    const event = await agent.waitFor((e: CaseEvent) => e.type === 'case.created' && e.message?.text === 'You charged my card twice this month.', 15_000);
    expect(event.case.channel).toBe('email');
    agent.socket.close();

    const [row] = await rowsFrom('jane@example.org');
    expect(row.external_id).toBe(mail.messageId);
    expect(row.thread).toEqual(expect.objectContaining({ messageId: mail.messageId, subject: 'Charged twice for my plan' }));
    // The signature is stripped from the text the agent reads; the full body is kept.
    expect(String(row.raw.fullText)).toContain('0400 000 000');
    await eventually(async () => (await flagsOf(uid)).has('\\Seen'), 5_000, '\\Seen');
  });

  it('sends the agent’s reply threaded to the customer’s mail, and the customer’s reply to it joins the same case', async () => {
    const first = rfc822({ from: 'sam@example.org', subject: 'Broken router', body: 'My router has not worked for a week.' });
    await append(first.raw);
    const [original] = await eventually(async () => (await rowsFrom('sam@example.org')).length === 1 && rowsFrom('sam@example.org'));

    const replyId = await reply(original.case_id, 'We are sending a technician.\n\nKind regards,\nAlex');
    // The complaint's automatic acknowledgement goes to Sam too, in the same thread and in either order: pick the agent's reply.
    const sent = await smtp.waitFor((m) => m.envelope.to.includes('sam@example.org') && Boolean(m.parsed.text?.includes('We are sending a technician.')));
    expect(sent.parsed.subject).toBe(`Re: Broken router [${original.reference}]`);
    expect(sent.parsed.inReplyTo).toBe(first.messageId);
    expect([sent.parsed.references].flat()).toContain(first.messageId);
    expect(sent.parsed.from?.value[0].address).toBe(OUR_ADDRESS);
    expect(sent.parsed.text?.trim()).toBe('We are sending a technician.\n\nKind regards,\nAlex');
    expect(sent.parsed.html).toContain('<p>We are sending a technician.</p>');
    const stored = await eventually(async () => {
      const row = await outbound(replyId);
      return row.delivery_status === 'sent' && row;
    });
    expect(stored.external_id).toBe(sent.parsed.messageId);
    expect(stored.thread?.messageId).toBe(sent.parsed.messageId);

    // An agent resolves the case (no API for that yet); a reply in the thread still belongs to it…
    await sql.query(`UPDATE cases SET status = 'resolved' WHERE id = $1`, [original.case_id]);
    const answer = rfc822({
      from: 'sam@example.org',
      subject: 'technician?',
      body: 'When is he coming?\r\n\r\nOn Mon, Alex <complaints@example.test> wrote:\r\n> We are sending a technician.',
      inReplyTo: sent.parsed.messageId,
      references: [first.messageId, sent.parsed.messageId!],
    });
    await append(answer.raw);
    const rows = await eventually(async () => {
      const all = await rowsFrom('sam@example.org');
      return all.length === 2 && all;
    });
    expect(rows[1]).toEqual(expect.objectContaining({ case_id: original.case_id, text: 'When is he coming?' }));

    // …while a mail outside the thread, naming no case, opens a new one. By the triage rules a customer's open case takes
    // any mail, and a complaint reopens the case resolved last within the reopen window: so the case is resolved past it.
    await sql.query(`UPDATE cases SET status = 'resolved', resolved_at = now() - make_interval(days => $2) WHERE id = $1`, [
      original.case_id,
      REOPEN_WINDOW_DAYS + 1,
    ]);
    await append(rfc822({ from: 'sam@example.org', subject: 'Another thing', body: 'Also my bill is wrong: you charged me twice.' }).raw);
    const all = await eventually(async () => {
      const list = await rowsFrom('sam@example.org');
      return list.length === 3 && list;
    });
    expect(all[2].case_id).not.toBe(original.case_id);
  });

  it('puts a mail naming a case reference in its subject on that case', async () => {
    await append(rfc822({ from: 'lee@example.org', subject: 'Fees', body: 'Why this fee?' }).raw);
    const [first] = await eventually(async () => (await rowsFrom('lee@example.org')).length === 1 && rowsFrom('lee@example.org'));
    await sql.query(`UPDATE cases SET status = 'resolved' WHERE id = $1`, [first.case_id]);

    await append(rfc822({ from: 'lee@example.org', subject: `About my complaint ${first.reference}`, body: 'Still waiting.' }).raw);
    const rows = await eventually(async () => {
      const list = await rowsFrom('lee@example.org');
      return list.length === 2 && list;
    });
    expect(rows[1].case_id).toBe(first.case_id);
  });

  it('flags an out-of-office reply as written by a machine', async () => {
    const ooo = rfc822({
      from: 'away@example.org',
      subject: 'Automatic reply: Re: Your complaint',
      body: 'I am out of the office until Monday.',
      headers: ['Auto-Submitted: auto-replied', 'X-Autoreply: yes'],
    });
    await append(ooo.raw);
    const message = await eventually(async () => published.find((m) => m.externalId === ooo.messageId), 10_000, 'the out-of-office');
    expect(message.autoReply).toBe(true);
    // Triage takes autoReply as noise: stored on the customer, and with no open case of theirs, on no case.
    const stored = await eventually(async () => {
      const { rows } = await sql.query(`SELECT case_id FROM messages WHERE direction = 'inbound' AND external_id = $1`, [ooo.messageId]);
      return rows.length === 1 && rows;
    }, 5_000, 'the stored out-of-office');
    expect(stored[0].case_id).toBeNull();
    const normal = published.find((m) => m.sender.address === 'jane@example.org');
    expect(normal?.autoReply).toBeUndefined();
  });

  it('keeps attachments within the size limit, refuses a huge one with the reason, and carries on', async () => {
    const small = Buffer.from('%PDF-1.4 a small receipt');
    const huge = Buffer.alloc(3 * MAX_ATTACHMENT_BYTES, 7);
    const body = [
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'You charged me twice; receipts attached.',
      '--b1',
      'Content-Type: application/pdf; name="receipt.pdf"',
      'Content-Disposition: attachment; filename="receipt.pdf"',
      'Content-Transfer-Encoding: base64',
      '',
      small.toString('base64'),
      '--b1',
      'Content-Type: video/mp4; name="video.mp4"',
      'Content-Disposition: attachment; filename="video.mp4"',
      'Content-Transfer-Encoding: base64',
      '',
      huge.toString('base64').replace(/.{76}/g, '$&\r\n'),
      '--b1--',
    ].join('\r\n');
    await append(rfc822({ from: 'kim@example.org', subject: 'Receipts', contentType: 'multipart/mixed; boundary="b1"', body }).raw);
    const [row] = await eventually(async () => (await rowsFrom('kim@example.org')).length === 1 && rowsFrom('kim@example.org'), 20_000);
    expect(row.text).toBe('You charged me twice; receipts attached.');
    const receipt = row.attachments.find((a) => a.fileName === 'receipt.pdf')!;
    const video = row.attachments.find((a) => a.fileName === 'video.mp4')!;
    expect(receipt).toEqual(expect.objectContaining({ contentType: 'application/pdf', sizeBytes: small.length }));
    expect(video).toEqual(expect.objectContaining({ sizeBytes: huge.length, refusedReason: expect.stringContaining('over the 1.0 MB limit') }));
    expect(video.url).toBeUndefined();

    // The agent finds both on the case and downloads the kept one: served as a download, never rendered.
    const view = await inbox.api<{ messages: Array<{ attachments?: Array<Record<string, unknown>> }> }>(`/api/cases/${row.case_id}`, { token });
    expect(view.body.messages[0].attachments).toEqual([
      expect.objectContaining({ fileName: 'receipt.pdf', url: receipt.url }),
      expect.objectContaining({ fileName: 'video.mp4', refusedReason: video.refusedReason }),
    ]);
    const res = await fetch(`${inbox.url}${String(receipt.url)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment');
    expect(Buffer.from(await res.arrayBuffer()).equals(small)).toBe(true);
    expect((await fetch(`${inbox.url}${String(receipt.url)}`)).status).toBe(401);

    await append(rfc822({ from: 'kim@example.org', subject: 'And', body: 'one more thing' }).raw);
    await eventually(async () => (await rowsFrom('kim@example.org')).length === 2, 10_000, 'the next mail');
  });

  it('retries a transient SMTP failure, and records a permanent one on the message', async () => {
    await append(rfc822({ from: 'ana@example.org', subject: 'Late delivery', body: 'Where is my parcel?' }).raw);
    const [row] = await eventually(async () => (await rowsFrom('ana@example.org')).length === 1 && rowsFrom('ana@example.org'));

    smtp.failNext(1, 451, 'Temporary local problem, try later');
    const retried = await reply(row.case_id, 'It is on its way.');
    const delivered = await smtp.waitFor((m) => m.envelope.to.includes('ana@example.org'));
    expect(delivered.parsed.text?.trim()).toBe('It is on its way.');
    expect(await eventually(async () => (await outbound(retried)).delivery_status === 'sent' && outbound(retried))).toEqual(
      expect.objectContaining({ delivery_error: null }),
    );
    expect(smtp.received.filter((m) => m.envelope.to.includes('ana@example.org'))).toHaveLength(1);

    smtp.failNext(1, 550, 'Mailbox unavailable');
    const refused = await reply(row.case_id, 'A second note.');
    const failed = await eventually(async () => {
      const r = await outbound(refused);
      return r.delivery_status === 'failed' && r;
    });
    expect(failed.delivery_error).toMatch(/refused the message.*550/);
  });

  it('records a bounce against the reply it bounces, without opening a case', async () => {
    await append(rfc822({ from: 'gone@example.org', subject: 'Refund', body: 'Please refund me.' }).raw);
    const [row] = await eventually(async () => (await rowsFrom('gone@example.org')).length === 1 && rowsFrom('gone@example.org'));
    const replyId = await reply(row.case_id, 'Your refund is on its way.');
    // The complaint's automatic acknowledgement goes to the same address: the bounce is of the agent's reply.
    const sent = await smtp.waitFor((m) => m.envelope.to.includes('gone@example.org') && Boolean(m.parsed.text?.includes('Your refund is on its way.')));
    await eventually(async () => (await outbound(replyId)).delivery_status === 'sent');
    const agent = await inbox.agentSocket(token);
    await agent.view((await outbound(replyId)).case_id);

    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
      `To: ${OUR_ADDRESS}`,
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <dsn${Date.now()}@mx.example.org>`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
      '',
      '--r',
      'Content-Type: text/plain',
      '',
      'I could not deliver your message.',
      '--r',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.org',
      '',
      'Final-Recipient: rfc822; gone@example.org',
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <gone@example.org>: User unknown',
      '--r',
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${OUR_ADDRESS}`,
      `Message-ID: ${sent.parsed.messageId}`,
      '--r--',
    ].join('\r\n');
    await append(dsn);
    const update = await agent.waitFor((e: CaseEvent) => e.type === 'message.updated' && e.message?.id === replyId);
    expect(update.message?.deliveryStatus).toBe('failed');
    expect(update.message?.deliveryError).toContain('5.1.1');
    agent.socket.close();
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE sender_address ILIKE 'mailer-daemon@%'`);
    expect(rows[0].n).toBe(0);
  });

  it('reconnects after the IMAP server restarts, saying so in /health meanwhile', async () => {
    const healthy = await inbox.api<{ connections: Record<string, { ok: boolean; state: string; mode: string }> }>('/health');
    expect(Object.values(healthy.body.connections)).toEqual([expect.objectContaining({ ok: true, state: 'connected', mode: 'idle' })]);

    await dovecot.stop();
    const down = await eventually(async () => {
      const res = await inbox.api<{ status: string; connections: Record<string, { state: string; lastError?: string }> }>('/health');
      return Object.values(res.body.connections)[0].state === 'reconnecting' && res;
    });
    expect(down.status).toBe(200);
    expect(down.body.status).toBe('degraded');

    await dovecot.start();
    await customer.logout().catch(() => undefined);
    customer = await imapClient();
    await append(rfc822({ from: 'max@example.org', subject: 'After the outage', body: 'Are you there?' }).raw);
    await eventually(async () => (await rowsFrom('max@example.org')).length === 1, 20_000, 'import after reconnect');
    const back = await inbox.api<{ status: string }>('/health');
    expect(back.body.status).toBe('ok');
  });

  it('neither duplicates nor skips mail across a restart mid-stream, nor after a crash before \\Seen', async () => {
    const sender = 'stream@example.org';
    const uids: number[] = [];
    // Complaints, so each one is stored on a case (the classifier reads a bare "Message number N" as noise, which opens none).
    for (let i = 0; i < 8; i++) uids.push(await append(rfc822({ from: sender, subject: `Part ${i}`, body: `You charged me twice, complaint number ${i}` }).raw));
    await eventually(async () => (await rowsFrom(sender)).length >= 1, 10_000, 'the first of the stream');
    await inbox.close();
    // While the inbox is down, more mail arrives.
    for (let i = 8; i < 12; i++) uids.push(await append(rfc822({ from: sender, subject: `Part ${i}`, body: `You charged me twice, complaint number ${i}` }).raw));

    inbox = await start(inbox.db);
    token = await inbox.login();
    const rows = await eventually(async () => {
      const list = await rowsFrom(sender);
      return list.length >= 12 && list;
    }, 20_000, 'all 12 messages');
    expect(rows.map((r) => r.text).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `You charged me twice, complaint number ${i}`).sort());
    for (const uid of uids) await eventually(async () => (await flagsOf(uid)).has('\\Seen'), 5_000, `\\Seen on ${uid}`);

    // A crash after the bus took three mails but before they were flagged and recorded: they come again.
    await inbox.close();
    const { rows: state } = await sql.query(`SELECT mailbox, last_uid FROM mailbox_sync_state`);
    await sql.query(`UPDATE mailbox_sync_state SET last_uid = last_uid - 3`);
    const lock = await customer.getMailboxLock('INBOX');
    await customer.messageFlagsRemove(uids.slice(-3).join(','), ['\\Seen'], { uid: true });
    lock.release();
    inbox = await start(inbox.db);
    token = await inbox.login();
    await eventually(async () => {
      const { rows: now } = await sql.query(`SELECT last_uid FROM mailbox_sync_state WHERE mailbox = $1`, [state[0].mailbox]);
      return Number(now[0].last_uid) === Number(state[0].last_uid);
    }, 10_000, 'the re-import');
    for (const uid of uids.slice(-3)) await eventually(async () => (await flagsOf(uid)).has('\\Seen'), 5_000, `\\Seen again on ${uid}`);
    expect(await rowsFrom(sender)).toHaveLength(12);
  });

  it('polls several mailboxes on a server without IDLE, moving imported mail when IMAP_AFTER_IMPORT says so', async () => {
    const plain = await startDovecot({ user: 'noidle@example.test', idle: false });
    const writer = await openMailbox(plain);
    await writer.mailboxCreate('Complaints');
    const other = await startTestInbox({
      env: {
        IMAP_URL: `${plain.imapUrl('INBOX')},${plain.imapUrl('Complaints')}`,
        EMAIL_POLL_INTERVAL_MS: '500',
        IMAP_AFTER_IMPORT: 'move:Imported',
        EMAIL_DNS_SERVERS: dns.server,
      },
    });
    const otherSql = new Client(other.db.url);
    await otherSql.connect();
    try {
      const mailboxes = await eventually(async () => {
        const res = await other.api<{ connections: Record<string, { state: string; mode: string }> }>('/health');
        const list = Object.values(res.body.connections);
        return list.every((m) => m.state === 'connected') && list;
      });
      expect(mailboxes.map((m) => m.mode)).toEqual(['polling', 'polling']);
      await writer.append('INBOX', rfc822({ from: 'poll@example.org', subject: 'Polled', body: 'Found by polling' }).raw);
      await writer.append('Complaints', rfc822({ from: 'poll@example.org', subject: 'Filed', body: 'Filed by a rule' }).raw);
      // Without a sender there is no one to answer: the mail goes to the dead letters, and the next one still comes in.
      await writer.append('INBOX', ['To: noidle@example.test', 'Subject: from nobody', '', 'orphan'].join('\r\n'));
      await writer.append('INBOX', rfc822({ from: 'poll@example.org', subject: 'Again', body: 'After the orphan' }).raw);
      await eventually(async () => {
        const { rows } = await otherSql.query(`SELECT text FROM messages WHERE sender_address = 'poll@example.org' AND direction = 'inbound' ORDER BY text`);
        return rows.map((r) => r.text).join('|') === 'After the orphan|Filed by a rule|Found by polling';
      }, 10_000, 'the polled mail');
      const { rows: dead } = await otherSql.query(`SELECT topic, error FROM dead_letters`);
      expect(dead).toEqual([expect.objectContaining({ topic: 'email.import', error: expect.stringContaining('no From address') })]);
      const counts = async () =>
        Promise.all(
          ['INBOX', 'Complaints', 'Imported'].map(async (box) => {
            const status = await writer.status(box, { messages: true });
            return status ? status.messages : undefined;
          }),
        );
      expect(await eventually(async () => {
        const c = await counts();
        return c[0] === 0 && c[1] === 0 && c;
      }, 5_000, 'the moves')).toEqual([0, 0, 4]);
    } finally {
      await otherSql.end();
      await writer.logout().catch(() => undefined);
      await other.close();
      await other.db.drop();
      await plain.close();
    }
  });

  it('imports each mail once when two processes watch the same mailbox', async () => {
    type Health = { connections: Record<string, { state: string; imported: number }> };
    const imported = async (app: TestInbox) => Object.values((await app.api<Health>('/health')).body.connections)[0].imported;
    const second = await start(inbox.db);
    try {
      await eventually(async () => Object.values((await second.api<Health>('/health')).body.connections)[0].state === 'connected');
      const before = (await imported(inbox)) + (await imported(second));
      const uids: number[] = [];
      // Complaints, so each one is stored on a case (noise from a customer with no open case opens none).
      for (let i = 0; i < 6; i++) uids.push(await append(rfc822({ from: 'twice@example.org', subject: `Twice ${i}`, body: `Watched twice ${i}: you charged my card twice.` }).raw));
      await eventually(async () => (await rowsFrom('twice@example.org')).length === 6, 10_000, 'six messages');
      for (const uid of uids) await eventually(async () => (await flagsOf(uid)).has('\\Seen'), 5_000, `\\Seen on ${uid}`);
      // Both saw the mail arrive; the mailbox lock let only one of them take each.
      const after = await eventually(async () => {
        const sum = (await imported(inbox)) + (await imported(second));
        return sum - before >= 6 && sum;
      });
      expect(after - before).toBe(6);
      expect(await rowsFrom('twice@example.org')).toHaveLength(6);
    } finally {
      await second.close();
    }
  });
});

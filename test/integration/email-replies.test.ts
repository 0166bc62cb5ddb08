import type { ImapFlow } from 'imapflow';
import type { Client } from 'pg';
import type { DnsStandIn } from '../support/dns-stand-in';
import type { Dovecot } from '../support/dovecot';
import { openMailbox, startMailPeers, type MailPeers } from '../support/mail-peers';
import type { SmtpReceiver } from '../support/smtp-receiver';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { eventually } from '../support/eventually';

const OUR_ADDRESS = 'complaints@example.test';
const MAX_ATTACHMENT_BYTES = 64 * 1024;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * Replies a firm would send, end to end: mail in a real Dovecot mailbox,
 * replies through nodemailer to a real SMTP server, read back with
 * mailparser — signatures (mailbox and agent), Cc and Bcc, the customer's
 * copied addresses, HTML with a text part, files from the composer, and the
 * customer's HTML mail with its inline picture shown safely.
 */
describe('Email replies as a firm sends them', () => {
  let mail: MailPeers;
  let dns: DnsStandIn;
  let dovecot: Dovecot;
  let smtp: SmtpReceiver;
  let inbox: TestInbox;
  let sql: Client;
  let token: string;
  let writer: ImapFlow;
  let caseId: string;
  let inboundId: string;

  beforeAll(async () => {
    mail = await startMailPeers(OUR_ADDRESS);
    ({ dns, dovecot, smtp } = mail);
    ({ inbox, token, sql } = await startInboxSession({
      env: {
        IMAP_URL: dovecot.imapUrl(),
        SMTP_URL: smtp.url,
        MAIL_FROM: `Complaints <${OUR_ADDRESS}>`,
        EMAIL_MAX_ATTACHMENT_BYTES: String(MAX_ATTACHMENT_BYTES),
        EMAIL_DNS_SERVERS: dns.server,
      },
    }));
    writer = await openMailbox(dovecot);
  });

  afterAll(async () => {
    await writer?.logout().catch(() => undefined);
    await stopInboxSession({ inbox, sql });
    await mail?.close();
  });

  it('saves a signature for the mailbox (HTML sanitised) and one for the agent', async () => {
    const firm = await inbox.api<{ account: string; html: string }>(`/api/email/signatures/${encodeURIComponent(OUR_ADDRESS)}`, {
      method: 'PUT',
      token,
      body: { text: 'Example Bank — Complaints team\n1800 000 000', html: '<p><b>Example Bank</b> — Complaints team<br>1800 000 000</p><script>alert(1)</script>' },
    });
    expect(firm.status).toBe(200);
    expect(firm.body.html).toBe('<p><b>Example Bank</b> — Complaints team<br />1800 000 000</p>');
    const mine = await inbox.api('/api/me/email-signature', { method: 'PUT', token, body: { text: 'Alex Agent\nSenior case manager' } });
    expect(mine.status).toBe(200);
    expect((await inbox.api<{ text: string }>('/api/me/email-signature', { token })).body.text).toBe('Alex Agent\nSenior case manager');
  });

  it('keeps the addresses the customer copied on the case, and the customer’s HTML mail with its inline picture, shown safely', async () => {
    const raw = [
      'From: Jane Citizen <jane@example.org>',
      `To: ${OUR_ADDRESS}, partner@example.org`,
      'Cc: Adviser <adviser@broker.example>',
      'Subject: Double charge',
      'Message-ID: <html-mail-1@example.org>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="alt"',
      '',
      '--alt',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'You charged my card twice. Screenshot attached.',
      '--alt',
      'Content-Type: multipart/related; boundary="rel"',
      '',
      '--rel',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>You charged my card <b>twice</b>.</p><img src="cid:shot@jane" alt="statement"><img src="https://tracker.example/open.gif"><script>alert(1)</script>',
      '--rel',
      'Content-Type: image/png; name="statement.png"',
      'Content-ID: <shot@jane>',
      'Content-Disposition: inline; filename="statement.png"',
      'Content-Transfer-Encoding: base64',
      '',
      PNG.toString('base64'),
      '--rel--',
      '--alt--',
    ].join('\r\n');
    await writer.append('INBOX', raw);
    const row = await eventually(async () => {
      const { rows } = await sql.query(`SELECT id, case_id FROM messages WHERE external_id = '<html-mail-1@example.org>'`);
      return rows[0] as { id: string; case_id: string } | undefined;
    }, 10_000, 'the mail');
    caseId = row.case_id;
    inboundId = row.id;
    const detail = await inbox.api<{ copied: string[]; messages: Array<{ id: string; hasHtml?: boolean; copied?: string[] }> }>(`/api/cases/${caseId}`, { token });
    expect(detail.body.copied).toEqual(['partner@example.org', 'adviser@broker.example']);
    expect(detail.body.messages.find((m) => m.id === inboundId)).toEqual(expect.objectContaining({ hasHtml: true }));

    const html = await inbox.api<{ html: string; remoteImages: number; missingInlineImages: number }>(`/api/messages/${inboundId}/html`, { token });
    expect(html.status).toBe(200);
    expect(html.body.html).toContain(`src="data:image/png;base64,${PNG.toString('base64')}"`);
    expect(html.body.html).not.toContain('<script');
    expect(html.body).toEqual(expect.objectContaining({ remoteImages: 1, missingInlineImages: 0 }));
    expect((await inbox.api(`/api/messages/${inboundId}/html`)).status).toBe(401);
  });

  it('sends a reply with Cc, Bcc, a file from the composer and both signatures, as HTML with a text part', async () => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4 refund letter')], { type: 'application/pdf' }), 'refund-letter.pdf');
    const uploaded = await fetch(`${inbox.url}/api/cases/${caseId}/reply-attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    expect(uploaded.status).toBe(201);
    const file = (await uploaded.json()) as { id: string; fileName: string; sizeBytes: number };
    expect(file).toEqual(expect.objectContaining({ fileName: 'refund-letter.pdf', sizeBytes: 22 }));

    const tooBig = new FormData();
    tooBig.append('file', new Blob([Buffer.alloc(MAX_ATTACHMENT_BYTES + 1, 1)], { type: 'application/octet-stream' }), 'huge.bin');
    const refused = await fetch(`${inbox.url}/api/cases/${caseId}/reply-attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: tooBig });
    expect(refused.status).toBe(413);

    const bad = await inbox.api<{ message: string }>(`/api/cases/${caseId}/replies`, { token, body: { text: 'x', cc: ['not an address'] } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('CC has an address that is not an email address');

    const reply = await inbox.api<{ id: string; cc?: string[]; bcc?: string[]; attachments: Array<{ fileName: string; url: string }> }>(`/api/cases/${caseId}/replies`, {
      token,
      body: { text: 'We are refunding the second charge.\n\nPlease find our letter attached.', cc: ['partner@example.org', 'adviser@broker.example'], bcc: ['quality@example.test'], attachmentIds: [file.id] },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toEqual(expect.objectContaining({ cc: ['partner@example.org', 'adviser@broker.example'], bcc: ['quality@example.test'] }));
    expect(reply.body.attachments).toEqual([expect.objectContaining({ fileName: 'refund-letter.pdf', url: `/api/attachments/${file.id}` })]);

    const sent = await smtp.waitFor((m) => Boolean(m.parsed.text?.includes('We are refunding the second charge.')));
    expect([...sent.envelope.to].sort()).toEqual(['adviser@broker.example', 'jane@example.org', 'partner@example.org', 'quality@example.test']);
    const ccHeader = [sent.parsed.cc].flat().flatMap((a) => a?.value.map((v) => v.address) ?? []);
    expect(ccHeader).toEqual(['partner@example.org', 'adviser@broker.example']);
    expect(sent.raw).not.toMatch(/^bcc:/im);
    expect(sent.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(sent.parsed.text).toContain('Please find our letter attached.\n\n-- \nAlex Agent\nSenior case manager\n\nExample Bank — Complaints team\n1800 000 000');
    expect(sent.parsed.html).toContain('<p><b>Example Bank</b> — Complaints team<br />1800 000 000</p>');
    expect(sent.parsed.html).toContain('Alex Agent<br>Senior case manager');
    expect(sent.parsed.attachments.map((a) => [a.filename, a.contentType, a.content.toString()])).toEqual([['refund-letter.pdf', 'application/pdf', '%PDF-1.4 refund letter']]);

    // The file now belongs to the reply: agents download it from the timeline, and it cannot be sent again as an upload.
    const download = await fetch(`${inbox.url}/api/attachments/${file.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('%PDF-1.4 refund letter');
    const again = await inbox.api<{ message: string }>(`/api/cases/${caseId}/replies`, { token, body: { text: 'again', attachmentIds: [file.id] } });
    expect(again.status).toBe(400);
    expect(again.body.message).toContain('was sent already');
  });

  it('adds the mailbox’s signature to system messages too (the automatic acknowledgement)', async () => {
    const ack = await smtp.waitFor((m) => m.envelope.to.includes('jane@example.org') && !m.parsed.text?.includes('We are refunding'));
    expect(ack.parsed.text).toContain('-- \nExample Bank — Complaints team\n1800 000 000');
    expect(ack.parsed.text).not.toContain('Alex Agent');
  });
});

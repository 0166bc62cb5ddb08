import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import { dkimSign } from 'mailauth';
import type { Client } from 'pg';
import type { DnsStandIn } from '../support/dns-stand-in';
import type { Dovecot } from '../support/dovecot';
import { openMailbox, startMailPeers, type MailPeers } from '../support/mail-peers';
import type { SmtpReceiver } from '../support/smtp-receiver';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { eventually } from '../support/eventually';

const OUR_ADDRESS = 'complaints@example.test';
const OUR_MX = 'mx.ours.test';
const CUSTOMER_IP = '192.0.2.10';
const FORGER_IP = '203.0.113.66';

/**
 * (The domains are ordinary registrable names because DMARC finds a domain's
 * policy through the public suffix list; all their records come from the
 * test's own DNS server, nothing leaves the machine.)
 *
 * Who really sent it, end to end: mail in a real Dovecot mailbox, signed (or
 * not) with DKIM keys this test generates, its SPF, DKIM and DMARC records
 * served by a real DNS server on loopback (EMAIL_DNS_SERVERS); the inbox
 * checks each mail with mailauth, stores the verdict on the message, and
 * never joins a mail that fails DMARC to a customer or case by its From:.
 */
describe('Email sender authentication (SPF, DKIM, DMARC)', () => {
  let mail: MailPeers;
  let dns: DnsStandIn;
  let dovecot: Dovecot;
  let smtp: SmtpReceiver;
  let inbox: TestInbox;
  let sql: Client;
  let token: string;
  let writer: ImapFlow;
  let counter = 0;
  const keys: Record<string, KeyObject> = {};

  function publishDomain(domain: string, dmarc: string | null, spf: string): void {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys[domain] = privateKey;
    const der = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    dns.txt(`s1._domainkey.${domain}`, `v=DKIM1; k=rsa; p=${der}`);
    if (dmarc) dns.txt(`_dmarc.${domain}`, dmarc);
    dns.txt(domain, spf);
  }

  beforeAll(async () => {
    mail = await startMailPeers(OUR_ADDRESS);
    ({ dns, dovecot, smtp } = mail);
    publishDomain('customer-mail.com', 'v=DMARC1; p=reject; adkim=r; aspf=r', `v=spf1 ip4:${CUSTOMER_IP} -all`);
    publishDomain('attacker-mail.net', 'v=DMARC1; p=none', `v=spf1 ip4:${FORGER_IP} -all`);
    publishDomain('plain-mail.org', null, 'v=spf1 -all');
    ({ inbox, token, sql } = await startInboxSession({
      env: {
        IMAP_URL: dovecot.imapUrl(),
        SMTP_URL: smtp.url,
        MAIL_FROM: `Complaints <${OUR_ADDRESS}>`,
        EMAIL_DNS_SERVERS: dns.server,
        EMAIL_TRUSTED_AUTHSERV_IDS: OUR_MX,
      },
    }));
    writer = await openMailbox(dovecot);
  });

  afterAll(async () => {
    await writer?.logout().catch(() => undefined);
    await stopInboxSession({ inbox, sql });
    await mail?.close();
  });

  /** A mail as it lands in our mailbox: optionally DKIM-signed by `signedBy`, then stamped by our MX with the client's address. */
  async function deliver(options: { from: string; subject: string; body: string; signedBy?: string; ip: string; envelopeFrom?: string; headers?: string[] }) {
    const messageId = `<a${++counter}.${Date.now()}@sender.example>`;
    let raw = [
      `From: ${options.from}`,
      `To: ${OUR_ADDRESS}`,
      `Subject: ${options.subject}`,
      `Message-ID: ${messageId}`,
      `Date: ${new Date().toUTCString()}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      options.body,
      '',
    ].join('\r\n');
    if (options.signedBy) {
      const signer = { signingDomain: options.signedBy, selector: 's1', privateKey: keys[options.signedBy].export({ type: 'pkcs8', format: 'pem' }).toString() };
      const signed = await dkimSign(raw, { ...signer, signatureData: [signer] });
      raw = signed.signatures + raw;
    }
    const envelopeFrom = options.envelopeFrom ?? /<([^>]+)>|(\S+@\S+)/.exec(options.from)!.slice(1).find(Boolean)!;
    const stamped = [
      ...(options.headers ?? []),
      `Return-Path: <${envelopeFrom}>`,
      `Received: from sender.example (sender.example [${options.ip}]) by ${OUR_MX} with ESMTPS id ${counter}; ${new Date().toUTCString()}`,
    ].join('\r\n');
    await writer.append('INBOX', `${stamped}\r\n${raw}`);
    return messageId;
  }

  async function stored(externalId: string) {
    const row = await eventually(async () => {
      const { rows } = await sql.query(
        `SELECT m.id, m.case_id, m.customer_id, m.sender_auth, m.thread, c.reference FROM messages m LEFT JOIN cases c ON c.id = m.case_id
          WHERE m.external_id = $1 AND m.direction = 'inbound'`,
        [externalId],
      );
      return rows[0];
    }, 15_000, `the mail ${externalId}`);
    return row as { id: string; case_id: string | null; customer_id: string; sender_auth: Record<string, unknown>; thread: Record<string, unknown>; reference: string | null };
  }

  let jane: { customer_id: string; case_id: string | null; reference: string | null };

  it('verifies a DKIM-signed mail from an SPF-authorised server (DMARC pass) and shows the verdict on the message', async () => {
    const id = await deliver({ from: 'Jane Citizen <jane@customer-mail.com>', subject: 'Charged twice', body: 'You charged my card twice this month.', signedBy: 'customer-mail.com', ip: CUSTOMER_IP });
    const row = await stored(id);
    expect(row.sender_auth).toEqual(expect.objectContaining({ dmarc: 'pass', dkim: 'pass', spf: 'pass', fromDomain: 'customer-mail.com', checkedBy: 'mailauth', dkimDomains: ['customer-mail.com'], policy: 'reject' }));
    jane = row;
    const view = await inbox.api<{ messages: Array<{ id: string; senderAuth?: Record<string, unknown> }> }>(`/api/cases/${row.case_id}`, { token });
    expect(view.body.messages.find((m) => m.id === row.id)?.senderAuth).toEqual(expect.objectContaining({ dmarc: 'pass' }));
    expect(dns.queries.some((q) => q.startsWith('s1._domainkey.customer-mail.com'))).toBe(true);
  });

  it('takes in an unsigned mail forged from the customer’s address (DMARC fail) under a new, unverified customer, with a claim for an agent', async () => {
    const id = await deliver({ from: 'Jane Citizen <jane@customer-mail.com>', subject: 'Change my address', body: 'Please send my card statements to 1 Forger Lane, you charged me twice.', ip: FORGER_IP });
    const row = await stored(id);
    expect(row.sender_auth).toEqual(expect.objectContaining({ dmarc: 'fail', spf: 'fail', dkim: 'none', fromDomain: 'customer-mail.com' }));
    expect(row.customer_id).not.toBe(jane.customer_id);
    expect(row.case_id).not.toBe(jane.case_id);
    expect(row.case_id).not.toBeNull();
    // The address stays with the customer who proved it; the forger's customer has no identity, only a claim to confirm.
    const { rows: identities } = await sql.query(`SELECT customer_id FROM identities WHERE channel = 'email' AND address = 'jane@customer-mail.com'`);
    expect(identities).toEqual([{ customer_id: jane.customer_id }]);
    const { rows: claims } = await sql.query(`SELECT customer_id, owner_customer_id FROM identity_claims WHERE address = 'jane@customer-mail.com'`);
    expect(claims).toEqual([{ customer_id: row.customer_id, owner_customer_id: jane.customer_id }]);
  });

  it('does not take a DKIM signature of another domain as proof (forged From:, attacker’s valid signature)', async () => {
    const id = await deliver({ from: 'jane@customer-mail.com', subject: 'Refund to new account', body: 'Refund me to BSB 000-000, you charged me twice.', signedBy: 'attacker-mail.net', ip: FORGER_IP, envelopeFrom: 'bounce@attacker-mail.net' });
    const row = await stored(id);
    expect(row.sender_auth).toEqual(expect.objectContaining({ dmarc: 'fail', dkim: 'pass', dkimDomains: ['attacker-mail.net'], fromDomain: 'customer-mail.com' }));
    expect(row.customer_id).not.toBe(jane.customer_id);
  });

  it('answers no status request from a forged sender, while the real customer’s is answered', async () => {
    const forged = await deliver({ from: 'jane@customer-mail.com', subject: 'status', body: 'status', ip: FORGER_IP });
    const forgedRow = await stored(forged);
    expect(forgedRow.thread?.statusRequest).toBeUndefined();
    // The sentinel: the real Jane asks too, and her answer (listing her case) is the only status answer sent.
    const genuine = await deliver({ from: 'jane@customer-mail.com', subject: 'status', body: 'status', signedBy: 'customer-mail.com', ip: CUSTOMER_IP });
    expect((await stored(genuine)).thread?.statusRequest).toBe(true);
    const answer = await smtp.waitFor((m) => Boolean(m.parsed.text?.includes(jane.reference!)));
    expect(answer.envelope.to).toEqual(['jane@customer-mail.com']);
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE direction = 'outbound' AND (thread->>'statusReply')::boolean`);
    expect(rows[0].n).toBe(1);
  });

  it('joins an unsigned mail from a domain without a DMARC policy as before, recording that nothing proves it', async () => {
    const first = await deliver({ from: 'sam@plain-mail.org', subject: 'Broken router', body: 'My router is broken, I want a refund.', ip: CUSTOMER_IP });
    const second = await deliver({ from: 'sam@plain-mail.org', subject: 'Still broken', body: 'Still broken.', ip: CUSTOMER_IP });
    const [a, b] = [await stored(first), await stored(second)];
    expect(a.sender_auth).toEqual(expect.objectContaining({ dmarc: 'none', dkim: 'none', spf: 'fail' }));
    expect(b.customer_id).toBe(a.customer_id);
    expect(b.case_id).toBe(a.case_id);
  });

  it('trusts Authentication-Results only from our own server’s authserv-id', async () => {
    const byOurMx = await deliver({
      from: 'lee@customer-mail.com',
      subject: 'Fees',
      body: 'Why this fee? I want it refunded.',
      signedBy: 'customer-mail.com',
      ip: CUSTOMER_IP,
      headers: [`Authentication-Results: ${OUR_MX}; spf=fail (sender IP is ${FORGER_IP}) smtp.mailfrom=customer-mail.com; dkim=none; dmarc=fail action=reject header.from=customer-mail.com`],
    });
    // Our server said it failed (it saw the connection): taken as it said, though the mail in the box carries a valid signature.
    expect((await stored(byOurMx)).sender_auth).toEqual({ dmarc: 'fail', spf: 'fail', dkim: 'none', fromDomain: 'customer-mail.com', checkedBy: OUR_MX });

    const forgedHeader = await deliver({
      from: 'jane@customer-mail.com',
      subject: 'Close my account',
      body: 'Close it, you charged me twice.',
      ip: FORGER_IP,
      headers: ['Authentication-Results: mx.evil.test; spf=pass smtp.mailfrom=customer-mail.com; dkim=pass header.d=customer-mail.com; dmarc=pass header.from=customer-mail.com'],
    });
    const row = await stored(forgedHeader);
    expect(row.sender_auth).toEqual(expect.objectContaining({ dmarc: 'fail', checkedBy: 'mailauth' }));
    expect(row.customer_id).not.toBe(jane.customer_id);
  });
});

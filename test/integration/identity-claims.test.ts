import { createHash } from 'node:crypto';
import type { Client } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { TOPICS } from '@inbox/contracts';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp-receiver';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { eventually } from '../support/eventually';

interface ChatLine {
  id: string;
  from: 'visitor' | 'agent';
  text: string;
}

const OUR_NUMBER = '+61255550999';
const MAILBOX = 'complaints@bank.test';

/** A widget on a network of its own (a loopback source address): code sends are limited per network. */
async function connectVisitor(url: string, localAddress: string) {
  const socket: Socket = io(`${url.replace('localhost', '127.0.0.1')}/webchat`, { transports: ['websocket'], reconnection: false, localAddress } as never);
  const received: ChatLine[] = [];
  socket.on('message', (line: ChatLine) => received.push(line));
  const session = await new Promise<{ visitorId: string }>((resolve, reject) => {
    socket.once('session', resolve);
    socket.once('connect_error', reject);
  });
  const call = (event: string, payload?: unknown) => socket.timeout(10_000).emitWithAck(event, payload) as Promise<any>;
  return { socket, session, received, call };
}


/**
 * Identities are earned, not claimed: an address typed into the web chat is
 * an unverified claim until a code sent there is entered, or an agent
 * confirms it. Played as the attacker would: claim the victim's address,
 * wait for the victim to write, ask for `status`.
 */
describe('Claimed addresses', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let smtp: SmtpReceiver;
  let twilio: TwilioStandIn;

  beforeAll(async () => {
    smtp = await startSmtpReceiver();
    twilio = await startTwilioStandIn();
    ({ inbox, token: admin, sql } = await startInboxSession({
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: `Complaints <${MAILBOX}>`,
        TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000016',
        TWILIO_AUTH_TOKEN: 'identity-test-token',
        TWILIO_API_BASE: twilio.baseUrl,
        TWILIO_SMS_FROM: OUR_NUMBER,
      },
    }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await smtp?.close();
    await twilio?.close();
  });

  const customerOf = async (channel: string, address: string): Promise<string | undefined> =>
    (await sql.query(`SELECT customer_id FROM identities WHERE channel = $1 AND address = $2`, [channel, address])).rows[0]?.customer_id;
  const smsTo = (to: string) => twilio.requests.filter((r) => r.path.endsWith('/Messages.json') && r.form.To === to).map((r) => r.form.Body);
  const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1];

  it('never hands a victim’s mail, texts, replies or case list to a visitor who typed their address', async () => {
    const victimEmail = 'victim@example.com';
    const victimPhone = '+61412999001';
    const visitor = await connectVisitor(inbox.url, '127.0.1.1');
    expect(await visitor.call('identify', { name: 'Victim Person', email: victimEmail, phone: victimPhone })).toMatchObject({ ok: true });
    expect(await visitor.call('message', { text: 'Hello, I have a question about my account', clientId: 'att-1' })).toMatchObject({ ok: true });
    const visitorCustomer = await eventually(() => customerOf('webchat', visitor.session.visitorId));

    // The victim writes by email and by SMS.
    const email = inboundMessage({
      channel: 'email',
      account: MAILBOX,
      sender: { address: victimEmail, displayName: 'Real Victim' },
      text: 'You charged my card twice for the funeral costs and nobody answers. This is a complaint.',
      thread: { messageId: '<victim-1@example.com>', subject: 'Double charge' },
    });
    await inbox.bus.publish(TOPICS.inbound, `email:${victimEmail}`, email);
    const sms = inboundMessage({ channel: 'sms', account: OUR_NUMBER, sender: { address: victimPhone }, text: 'Complaint: my hardship application was lost, please call me' });
    await inbox.bus.publish(TOPICS.inbound, `sms:${victimPhone}`, sms);

    // Each went to the victim's own customer — the owner of that address — never to the visitor's.
    const victimMessages = (
      await sql.query(
        `SELECT m.channel, m.customer_id, m.case_id, c.reference FROM messages m LEFT JOIN cases c ON c.id = m.case_id
          WHERE m.direction = 'inbound' AND m.sender_address = ANY($1)`,
        [[victimEmail, victimPhone]],
      )
    ).rows;
    expect(victimMessages).toHaveLength(2);
    for (const m of victimMessages) {
      expect(m.customer_id).not.toBe(visitorCustomer);
      expect(m.customer_id).toBe(await customerOf(m.channel, m.channel === 'email' ? victimEmail : victimPhone));
      expect(m.case_id).toBeTruthy();
    }
    const emailCase = victimMessages.find((m) => m.channel === 'email')!;
    const smsCase = victimMessages.find((m) => m.channel === 'sms')!;

    // An agent replies on the victim's email case: it goes to the victim's mailbox.
    const reply = await inbox.api(`/api/cases/${emailCase.case_id}/replies`, { token: admin, body: { text: 'We are sorry — we are refunding the duplicate charge.' } });
    expect(reply.status).toBe(201);
    await smtp.waitFor((mail) => mail.envelope.to.includes(victimEmail) && mail.parsed.text!.includes('refunding the duplicate'));
    // The visitor's customer has no email or phone to reply to: a claim is not a route.
    const [visitorCase] = (await sql.query(`SELECT id FROM cases WHERE customer_id = $1`, [visitorCustomer])).rows;
    if (visitorCase) {
      for (const channel of ['email', 'sms']) {
        const refused = await inbox.api<any>(`/api/cases/${visitorCase.id}/replies`, { token: admin, body: { text: 'hello', channel } });
        expect(refused.status).toBe(400);
        expect(refused.body.error).toBe('no_identity_on_channel');
      }
    }

    // The visitor asks for the status: none of the victim's cases is listed.
    expect(await visitor.call('message', { text: 'status', clientId: 'att-2' })).toMatchObject({ ok: true });
    const answer = await eventually(() => visitor.received.find((l) => l.from === 'agent' && /status|no complaint/i.test(l.text)));
    expect(answer.text).not.toContain(emailCase.reference);
    expect(answer.text).not.toContain(smsCase.reference);
    await new Promise((r) => setTimeout(r, 300));
    const everything = [...visitor.received.map((l) => l.text), ...(await visitor.call('history')).messages.map((l: ChatLine) => l.text)].join('\n');
    for (const secret of [emailCase.reference, smsCase.reference, 'refunding the duplicate', 'funeral', 'hardship']) expect(everything).not.toContain(secret);
    // And the visitor's customer holds none of it.
    const { rows: onVisitor } = await sql.query(`SELECT count(*)::int AS n FROM messages WHERE customer_id = $1 AND sender_address = ANY($2)`, [
      visitorCustomer,
      [victimEmail, victimPhone],
    ]);
    expect(onVisitor[0].n).toBe(0);
    // The claims are kept, unverified, for agents to see.
    const { rows: claims } = await sql.query(`SELECT channel, address, status FROM identity_claims WHERE customer_id = $1 ORDER BY channel`, [visitorCustomer]);
    expect(claims).toEqual([
      { channel: 'email', address: victimEmail, status: 'unverified' },
      { channel: 'sms', address: victimPhone, status: 'unverified' },
    ]);
    visitor.socket.close();
  });

  it('links an email address once the visitor enters the code mailed to it: expiring, single use, limited tries, kept only hashed', async () => {
    const address = 'mia.code@example.com';
    const visitor = await connectVisitor(inbox.url, '127.0.1.2');
    const ack = await visitor.call('identify', { name: 'Mia', email: address });
    expect(ack).toEqual({ ok: true, verification: [{ channel: 'email', sent: true, expiresInMinutes: 10 }] });
    const mail = await smtp.waitFor((m) => m.envelope.to.includes(address));
    const code = codeIn(mail.parsed.text!)!;
    expect(code).toMatch(/^\d{6}$/);
    // Only a keyed hash of it is stored.
    const { rows: stored } = await sql.query(`SELECT code_hmac FROM contact_verifications WHERE address = $1`, [address]);
    expect(stored).toHaveLength(1);
    expect(stored[0].code_hmac).not.toContain(code);
    expect(stored[0].code_hmac).not.toBe(createHash('sha256').update(code).digest('hex'));

    await visitor.call('message', { text: 'Hi, about my loan', clientId: 'v-1' });
    const customer = await eventually(() => customerOf('webchat', visitor.session.visitorId));
    expect(await customerOf('email', address)).toBeUndefined();

    const wrong = code === '000000' ? '111111' : '000000';
    expect(await visitor.call('verify', { code: wrong })).toMatchObject({ error: 'verification_code_wrong', attemptsLeft: 4 });
    expect(await visitor.call('verify', { code })).toEqual({ ok: true, verified: [{ channel: 'email' }] });
    expect(await customerOf('email', address)).toBe(customer);
    // Single use.
    expect(await visitor.call('verify', { code })).toMatchObject({ error: 'verification_not_pending' });
    const { rows: audit } = await sql.query(`SELECT action, actor_user_id FROM compliance_audit WHERE action = 'identity.verified_by_code' AND data->>'customerId' = $1`, [customer]);
    expect(audit).toEqual([{ action: 'identity.verified_by_code', actor_user_id: null }]);

    // Now a proven identity: the address's mail joins the visitor's customer.
    await inbox.bus.publish(TOPICS.inbound, `email:${address}`, inboundMessage({ channel: 'email', account: MAILBOX, sender: { address }, text: 'Following up on my loan question' }));
    const { rows } = await sql.query(`SELECT customer_id FROM messages WHERE sender_address = $1 AND direction = 'inbound'`, [address]);
    expect(rows).toEqual([{ customer_id: customer }]);
    visitor.socket.close();
  });

  it('confirms a phone number by SMS code given before the first message, and refuses expired codes and too many tries', async () => {
    const phone = '+61412999050';
    const visitor = await connectVisitor(inbox.url, '127.0.1.3');
    expect(await visitor.call('identify', { phone: '0412 999 050' })).toMatchObject({ ok: true, verification: [{ channel: 'sms', sent: true }] });
    const body = await eventually(() => smsTo(phone)[0]);
    expect(twilio.requests.find((r) => r.form.To === phone)!.form.From).toBe(OUR_NUMBER);
    const code = codeIn(body)!;
    // Right before any message: applied when the visitor first writes.
    expect(await visitor.call('verify', { code })).toEqual({ ok: true, verified: [{ channel: 'sms' }] });
    await visitor.call('message', { text: 'Hello there', clientId: 'p-1' });
    const customer = await eventually(() => customerOf('webchat', visitor.session.visitorId));
    expect(await eventually(() => customerOf('sms', phone))).toBe(customer);

    // Expired: not accepted.
    const late = await connectVisitor(inbox.url, '127.0.1.3');
    await late.call('identify', { phone: '+61412999051' });
    const lateCode = codeIn(await eventually(() => smsTo('+61412999051')[0]))!;
    await sql.query(`UPDATE contact_verifications SET expires_at = now() - interval '1 second' WHERE address = '+61412999051'`);
    expect(await late.call('verify', { code: lateCode })).toMatchObject({ error: 'verification_not_pending' });

    // Five wrong tries and even the right code no longer works.
    const guesser = await connectVisitor(inbox.url, '127.0.1.3');
    await guesser.call('identify', { email: 'guess.target@example.com' });
    const realCode = codeIn((await smtp.waitFor((m) => m.envelope.to.includes('guess.target@example.com'))).parsed.text!)!;
    const wrongCode = realCode === '123456' ? '654321' : '123456';
    const tries = [];
    for (let i = 0; i < 5; i++) tries.push(await guesser.call('verify', { code: wrongCode }));
    expect(tries.map((t) => t.attemptsLeft)).toEqual([4, 3, 2, 1, 0]);
    expect(await guesser.call('verify', { code: realCode })).toMatchObject({ error: 'verification_not_pending' });
    expect(await customerOf('email', 'guess.target@example.com')).toBeUndefined();

    // Codes to one address are limited, whoever asks.
    const flooders = await Promise.all([0, 1, 2, 3, 4].map(() => connectVisitor(inbox.url, '127.0.1.4')));
    const acks = [];
    for (const f of flooders) acks.push(await f.call('identify', { email: 'flooded@example.com' }));
    expect(acks.filter((a) => a.verification[0].sent)).toHaveLength(5);
    const sixth = await connectVisitor(inbox.url, '127.0.1.4');
    expect((await sixth.call('identify', { email: 'flooded@example.com' })).verification[0]).toMatchObject({ sent: false, error: 'verification_rate_limited' });
    // And per network: made-up visitors from one address get at most 10 codes an hour.
    const script = [];
    for (let i = 0; i < 11; i++) {
      const v = await connectVisitor(inbox.url, '127.0.1.6');
      script.push((await v.call('identify', { email: `target${i}@example.com` })).verification[0]);
      v.socket.close();
    }
    expect(script.filter((v) => v.sent)).toHaveLength(10);
    expect(script[10]).toMatchObject({ sent: false, error: 'verification_rate_limited' });
    for (const v of [visitor, late, guesser, sixth, ...flooders]) v.socket.close();
  });

  it('shows an unverified claim to agents, who can confirm it (audited), after which it routes', async () => {
    const address = 'confirm.me@example.com';
    const visitor = await connectVisitor(inbox.url, '127.0.1.5');
    await visitor.call('identify', { email: address });
    await visitor.call('message', { text: 'My card was declined and I was charged a fee, I want to complain', clientId: 'c-1' });
    const customer = await eventually(() => customerOf('webchat', visitor.session.visitorId));
    const profile = await inbox.api<any>(`/api/customers/${customer}/profile`, { token: admin });
    expect(profile.body.identities.map((i: any) => i.channel)).toEqual(['webchat']);
    expect(profile.body.claims).toEqual([{ id: expect.any(String), channel: 'email', address, status: 'unverified', ownedByAnotherCustomer: false, createdAt: expect.any(String) }]);
    const claimId = profile.body.claims[0].id;

    const confirmed = await inbox.api<any>(`/api/customers/${customer}/claims/${claimId}/confirm`, { token: admin, method: 'POST' });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toEqual({ claimId, outcome: 'linked' });
    expect(await customerOf('email', address)).toBe(customer);
    const [me] = (await sql.query(`SELECT id FROM users WHERE email = 'admin@test.local'`)).rows;
    const { rows: audit } = await sql.query(`SELECT actor_user_id FROM compliance_audit WHERE action = 'identity.confirmed_by_agent' AND data->>'claimId' = $1`, [claimId]);
    expect(audit).toEqual([{ actor_user_id: me.id }]);
    const again = await inbox.api<any>(`/api/customers/${customer}/claims/${claimId}/confirm`, { token: admin, method: 'POST' });
    expect(again.status).toBe(409);
    expect((await inbox.api<any>(`/api/customers/${customer}/profile`, { token: admin })).body.claims).toEqual([]);

    // A claim of another customer's address cannot be confirmed onto this one: that is a merge.
    const other = await connectVisitor(inbox.url, '127.0.1.5');
    await other.call('identify', { email: address });
    await other.call('message', { text: 'I am them too', clientId: 'c-2' });
    const otherCustomer = await eventually(() => customerOf('webchat', other.session.visitorId));
    const otherProfile = await inbox.api<any>(`/api/customers/${otherCustomer}/profile`, { token: admin });
    expect(otherProfile.body.claims).toEqual([expect.objectContaining({ address, ownedByAnotherCustomer: true })]);
    const refused = await inbox.api<any>(`/api/customers/${otherCustomer}/claims/${otherProfile.body.claims[0].id}/confirm`, { token: admin, method: 'POST' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('claim_owned_by_other_customer');
    expect(await customerOf('email', address)).toBe(customer);
    visitor.socket.close();
    other.socket.close();
  });

  it('suggests a merge when a visitor proves by code an address that is another customer’s, moving nothing', async () => {
    const address = 'owned.already@example.com';
    await inbox.bus.publish(TOPICS.inbound, `email:${address}`, inboundMessage({ channel: 'email', account: MAILBOX, sender: { address }, text: 'A question about my statement' }));
    const owner = await eventually(() => customerOf('email', address));

    const visitor = await connectVisitor(inbox.url, '127.0.1.7');
    expect(await visitor.call('identify', { email: address })).toMatchObject({ ok: true, verification: [{ channel: 'email', sent: true }] });
    // The owner's case may be acknowledged by mail too (its reference has six digits): take the code's own mail.
    const codeMail = await smtp.waitFor((m) => m.envelope.to.includes(address) && /confirmation code/i.test(m.parsed.subject ?? ''));
    const code = codeIn(codeMail.parsed.text!)!;
    await visitor.call('message', { text: 'Hello, it is me again', clientId: 'm-1' });
    const visitorCustomer = await eventually(() => customerOf('webchat', visitor.session.visitorId));
    expect(await visitor.call('verify', { code })).toEqual({ ok: true, verified: [{ channel: 'email' }] });

    // The address stays its owner's; the two customers are put to an agent as a merge.
    expect(await customerOf('email', address)).toBe(owner);
    const { rows } = await sql.query(`SELECT customer_id, other_customer_id, reason FROM merge_suggestions WHERE customer_id = $1 OR other_customer_id = $1`, [visitorCustomer]);
    expect(rows).toEqual([{ customer_id: visitorCustomer, other_customer_id: owner, reason: 'verified_claim' }]);
    visitor.socket.close();
  });
});

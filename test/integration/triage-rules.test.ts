import type { Client } from 'pg';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

/** Triage rules end to end on the in-process bus and real PostgreSQL: one customer, one case, noise, reopen window. */
describe('triage rules', () => {
  let inbox: TestInbox;
  let token: string;
  let sql: Client;

  beforeAll(async () => {
    ({ inbox, token, sql } = await startInboxSession({ env: { REOPEN_WINDOW_DAYS: '14' } }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  const publish = (m: InboundMessage) => inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
  const at = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();
  async function caseOf(externalId: string): Promise<string | null> {
    const { rows } = await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [externalId]);
    expect(rows).toHaveLength(1);
    return rows[0].case_id;
  }

  it('SMS, then a call from the same number, then WhatsApp: one customer, one case, three messages in order', async () => {
    const sms = inboundMessage({ channel: 'sms', sender: { address: '0412 700 001', displayName: 'Ann Lee' }, text: 'You charged my card twice for one purchase', receivedAt: at(60_000) });
    const call = inboundMessage({ channel: 'voice', sender: { address: '+61412700001' }, text: 'Voicemail: I sent an SMS about a double charge, please call back', receivedAt: at(40_000) });
    // WhatsApp Cloud sends the number as digits without "+"; the Meta channel is built elsewhere, so its canonical message goes straight on the bus.
    const whatsapp = inboundMessage({ channel: 'whatsapp', account: 'waba-phone-1', sender: { address: '61412700001' }, text: 'Still waiting for the refund of the double charge', receivedAt: at(20_000) });
    for (const m of [sms, call, whatsapp]) await publish(m);

    const caseId = await caseOf(sms.externalId);
    const detail = await inbox.api<any>(`/api/cases/${caseId}`, { token });
    expect(detail.status).toBe(200);
    // Inbound only: the automatic RG 271 acknowledgement follows on the case.
    const inbound = detail.body.messages.filter((m: any) => m.direction === 'inbound');
    expect(inbound.map((m: any) => [m.channel, m.text])).toEqual([
      ['sms', sms.text],
      ['voice', call.text],
      ['whatsapp', whatsapp.text],
    ]);
    expect(inbound.every((m: any) => m.classification && m.classification.kind)).toBe(true);
    const { rows } = await sql.query(`SELECT count(DISTINCT customer_id)::int AS customers, count(DISTINCT case_id)::int AS cases FROM messages WHERE external_id = ANY($1)`, [
      [sms.externalId, call.externalId, whatsapp.externalId],
    ]);
    expect(rows[0]).toEqual({ customers: 1, cases: 1 });
    const identities = await sql.query(`SELECT channel, address FROM identities WHERE customer_id = $1 ORDER BY created_at`, [detail.body.customer.id]);
    expect(identities.rows).toEqual([
      { channel: 'sms', address: '+61412700001' },
      { channel: 'voice', address: '+61412700001' },
      { channel: 'whatsapp', address: '+61412700001' },
    ]);
  });

  it('joins the open case, unless the message names another of the customer’s cases', async () => {
    const first = inboundMessage({ sender: { address: '+61412700002' }, text: 'My home loan repayment was taken twice', receivedAt: at(120_000) });
    await publish(first);
    const firstCase = await caseOf(first.externalId);
    // Resolved long ago: the next complaint opens a second case, linked to the first.
    await sql.query(`UPDATE cases SET status = 'resolved', resolved_at = now() - interval '30 days' WHERE id = $1`, [firstCase]);
    const second = inboundMessage({ sender: { address: '+61412700002' }, channel: 'whatsapp', text: 'A different problem: my card is blocked', receivedAt: at(60_000) });
    await publish(second);
    const secondCase = await caseOf(second.externalId);
    expect(secondCase).not.toBe(firstCase);
    // An agent reopens the first: now both are open, and the older one is where messages go by default.
    await sql.query(`UPDATE cases SET status = 'open' WHERE id = $1`, [firstCase]);
    const plain = inboundMessage({ sender: { address: '+61412700002' }, channel: 'voice', text: 'Voicemail: call me about the loan repayment', receivedAt: at(30_000) });
    await publish(plain);
    expect(await caseOf(plain.externalId)).toBe(firstCase);
    const { rows: [named] } = await sql.query(`SELECT reference FROM cases WHERE id = $1`, [secondCase]);
    const aboutSecond = inboundMessage({ sender: { address: '+61412700002' }, text: `About ${named.reference.toLowerCase()}: the card is still blocked`, receivedAt: at(0) });
    await publish(aboutSecond);
    expect(await caseOf(aboutSecond.externalId)).toBe(secondCase);
  });

  it('reopens a case resolved within the window, and opens a new linked case after it', async () => {
    const inside = inboundMessage({ sender: { address: '+61412700003' }, text: 'The fee you charged me is wrong' });
    await publish(inside);
    const resolvedRecently = await caseOf(inside.externalId);
    await sql.query(`UPDATE cases SET status = 'resolved', resolved_at = now() - interval '13 days' WHERE id = $1`, [resolvedRecently]);
    const again = inboundMessage({ sender: { address: '+61412700003' }, text: 'The fee is back on my statement, this is not fixed' });
    await publish(again);
    expect(await caseOf(again.externalId)).toBe(resolvedRecently);
    const { rows: [reopened] } = await sql.query(`SELECT status, reopen_count FROM cases WHERE id = $1`, [resolvedRecently]);
    expect(reopened).toEqual({ status: 'open', reopen_count: 1 });
    const events = await sql.query(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq`, [resolvedRecently]);
    expect(events.rows.map((r) => r.type)).toContain('case.reopened');

    await sql.query(`UPDATE cases SET status = 'resolved', resolved_at = now() - interval '15 days' WHERE id = $1`, [resolvedRecently]);
    const later = inboundMessage({ sender: { address: '+61412700003' }, text: 'Now the fee is charged again, third time' });
    await publish(later);
    const newCase = await caseOf(later.externalId);
    expect(newCase).not.toBe(resolvedRecently);
    const { rows: [linked] } = await sql.query(`SELECT status, linked_case_id FROM cases WHERE id = $1`, [newCase]);
    expect(linked).toEqual({ status: 'new', linked_case_id: resolvedRecently });
    const { rows: [old] } = await sql.query(`SELECT status FROM cases WHERE id = $1`, [resolvedRecently]);
    expect(old.status).toBe('resolved');
  });

  it('never opens a case for noise: it is kept on the customer and shown on the profile', async () => {
    const thanks = inboundMessage({ sender: { address: '+61412700004' }, text: 'Thanks!' });
    const autoReply = { ...inboundMessage({ channel: 'email', account: 'complaints@bank.example', sender: { address: 'Out.Of.Office@Example.com ' }, text: 'I will be back on Monday.' }), autoReply: true };
    const sticker = inboundMessage({ channel: 'telegram', account: 'bank_bot', sender: { address: '777001' }, text: '', attachments: [{ providerFileId: 'CAACAgIAAx', contentType: 'application/x-tgsticker' }] });
    for (const m of [thanks, autoReply, sticker]) await publish(m as InboundMessage);
    for (const m of [thanks, autoReply, sticker]) expect(await caseOf(m.externalId)).toBeNull();
    const { rows } = await sql.query(`SELECT count(*)::int AS n FROM cases c JOIN messages m ON m.customer_id = c.customer_id WHERE m.external_id = ANY($1)`, [
      [thanks.externalId, autoReply.externalId, sticker.externalId],
    ]);
    expect(rows[0].n).toBe(0);

    const { rows: [owner] } = await sql.query(`SELECT customer_id FROM messages WHERE external_id = $1`, [thanks.externalId]);
    const profile = await inbox.api<any>(`/api/customers/${owner.customer_id}/profile`, { token });
    expect(profile.status).toBe(200);
    expect(profile.body.noise.map((m: any) => m.text)).toEqual(['Thanks!']);
    expect(profile.body.noise[0].classification.kind).toBe('noise');
    expect(profile.body.cases).toEqual([]);
    const { rows: [email] } = await sql.query(`SELECT address FROM identities i JOIN messages m ON m.customer_id = i.customer_id WHERE m.external_id = $1`, [autoReply.externalId]);
    expect(email.address).toBe('out.of.office@example.com');
  });

  it('attaches noise to an open case without changing its status, deadlines or place in the queue', async () => {
    const complaint = inboundMessage({ sender: { address: '+61412700005' }, text: 'My transfer has been delayed for a week', receivedAt: at(60_000) });
    await publish(complaint);
    const caseId = await caseOf(complaint.externalId);
    const before = (await sql.query(`SELECT status, respond_by, last_message_at, preview FROM cases WHERE id = $1`, [caseId])).rows[0];
    const thanks = inboundMessage({ sender: { address: '+61412700005' }, text: 'thank you', receivedAt: at(0) });
    await publish(thanks);
    expect(await caseOf(thanks.externalId)).toBe(caseId);
    const after = (await sql.query(`SELECT status, respond_by, last_message_at, preview FROM cases WHERE id = $1`, [caseId])).rows[0];
    expect(after).toEqual(before);
  });

  it('opens an enquiry without the RG 271 clock, and starts the clock when it turns into a complaint', async () => {
    const question = inboundMessage({ sender: { address: '+61412700006' }, text: 'What are your branch opening hours on Saturday?' });
    await publish(question);
    const caseId = await caseOf(question.externalId);
    const enquiry = (await sql.query(`SELECT kind, acknowledge_by, respond_by FROM cases WHERE id = $1`, [caseId])).rows[0];
    expect(enquiry).toEqual({ kind: 'enquiry', acknowledge_by: null, respond_by: null });
    const complaint = inboundMessage({ sender: { address: '+61412700006' }, text: 'I went on Saturday and the branch was closed, this is unacceptable and I lost a day' });
    await publish(complaint);
    expect(await caseOf(complaint.externalId)).toBe(caseId);
    const upgraded = (await sql.query(`SELECT kind, respond_by FROM cases WHERE id = $1`, [caseId])).rows[0];
    expect(upgraded.kind).toBe('complaint');
    expect(upgraded.respond_by).not.toBeNull();
  });

  it('takes a reply to a satisfaction question as its answer, on the resolved case, without reopening it', async () => {
    const complaint = inboundMessage({ sender: { address: '+61412700008' }, text: 'My direct debit was taken twice' });
    await publish(complaint);
    const caseId = await caseOf(complaint.externalId);
    await sql.query(`UPDATE cases SET status = 'resolved', resolved_at = now() - interval '1 hour' WHERE id = $1`, [caseId]);
    // The question the inbox asked on resolution.
    await sql.query(`INSERT INTO case_satisfaction (case_id, customer_id, resolved_at, channel) SELECT id, customer_id, resolved_at, 'sms' FROM cases WHERE id = $1`, [caseId]);
    const score = inboundMessage({ sender: { address: '+61412700008' }, text: '5' });
    await publish(score);
    expect(await caseOf(score.externalId)).toBe(caseId);
    const { rows: [after] } = await sql.query(`SELECT c.status, s.score FROM cases c JOIN case_satisfaction s ON s.case_id = c.id WHERE c.id = $1`, [caseId]);
    expect(after).toEqual({ status: 'resolved', score: 5 });
  });

  it('gives a message kept as noise its case when an agent says it is a complaint', async () => {
    const thanks = inboundMessage({ sender: { address: '+61412700009' }, text: 'thanks' });
    await publish(thanks);
    expect(await caseOf(thanks.externalId)).toBeNull();
    const { rows: [m] } = await sql.query(`SELECT id FROM messages WHERE external_id = $1`, [thanks.externalId]);
    const fixed = await inbox.api<any>(`/api/messages/${m.id}/classification`, { method: 'PATCH', token, body: { kind: 'complaint' } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.caseId).toBeTruthy();
    const { rows: [c] } = await sql.query(`SELECT kind, status, respond_by FROM cases WHERE id = $1`, [fixed.body.caseId]);
    expect(c).toMatchObject({ kind: 'complaint', status: 'new' });
    expect(c.respond_by).not.toBeNull();
    const types = (await sql.query(`SELECT type FROM case_events WHERE case_id = $1 ORDER BY seq`, [fixed.body.caseId])).rows.map((r) => r.type);
    expect(types).toEqual(expect.arrayContaining(['case.created', 'message.created', 'classification.corrected']));
  });

  it('stores an agent’s correction for training and applies it to the case; a downgrade needs a reason', async () => {
    const message = inboundMessage({ sender: { address: '+61412700007' }, text: 'My card has a strange fee on it' });
    await publish(message);
    const caseId = await caseOf(message.externalId);
    const { rows: [m] } = await sql.query(`SELECT id FROM messages WHERE external_id = $1`, [message.externalId]);

    const bad = await inbox.api<any>(`/api/messages/${m.id}/classification`, { method: 'PATCH', token, body: { kind: 'spam' } });
    expect(bad.status).toBe(400);
    const noReason = await inbox.api<any>(`/api/cases/${caseId}/classification`, { method: 'PATCH', token, body: { kind: 'enquiry' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.code ?? JSON.stringify(noReason.body)).toContain('reason_required');

    const fixed = await inbox.api<any>(`/api/messages/${m.id}/classification`, { method: 'PATCH', token, body: { product: 'card', issue: 'fees_charges' } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.classification).toMatchObject({ kind: 'complaint', product: 'card', issue: 'fees_charges', category: 'card/fees_charges', source: 'agent' });
    const { rows: corrections } = await sql.query(`SELECT message_id, text, kind, product, issue, corrected_by IS NOT NULL AS by_agent FROM classification_corrections WHERE message_id = $1`, [m.id]);
    expect(corrections).toEqual([{ message_id: m.id, text: message.text, kind: 'complaint', product: 'card', issue: 'fees_charges', by_agent: true }]);
    const { rows: [c] } = await sql.query(`SELECT category FROM cases WHERE id = $1`, [caseId]);
    expect(c.category).toBe('card/fees_charges');
    const events = await sql.query(`SELECT type FROM case_events WHERE case_id = $1`, [caseId]);
    expect(events.rows.map((r) => r.type)).toContain('classification.corrected');
  });
});

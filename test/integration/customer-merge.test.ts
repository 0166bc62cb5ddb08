import type { Client } from 'pg';
import type { InboundMessage } from '@inbox/contracts';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { ago, customerSide, publishInbound } from '../support/builders';

/** Merge suggestions, merge and unmerge through the REST API on real PostgreSQL. */
describe('customer merge and unmerge', () => {
  let inbox: TestInbox;
  let token: string;
  let sql: Client;

  beforeAll(async () => {
    ({ inbox, token, sql } = await startInboxSession());
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  const publish = (m: InboundMessage) => publishInbound(inbox.bus, m);
  const at = ago;
  async function row(externalId: string): Promise<{ id: string; case_id: string | null; customer_id: string }> {
    const { rows } = await sql.query(`SELECT id, case_id, customer_id FROM messages WHERE external_id = $1`, [externalId]);
    return rows[0];
  }
  const sideOf = (customerId: string) => customerSide(inbox.db.query, customerId);

  it('suggests a merge when a customer writes another customer’s phone number, merges, and unmerges what came from each side', async () => {
    const a1 = inboundMessage({ sender: { address: '+61411100001', displayName: 'Sam Park' }, text: 'My card was charged a fee twice', receivedAt: at(600_000) });
    const b1 = inboundMessage({ sender: { address: '+61422200002' }, text: 'My loan statement is wrong', receivedAt: at(500_000) });
    const b2 = inboundMessage({ sender: { address: '+61422200002' }, text: 'This is my work phone, you can also call me on 0411 100 001', receivedAt: at(400_000) });
    for (const m of [a1, b1, b2]) await publish(m);
    const a = (await row(a1.externalId)).customer_id;
    const b = (await row(b1.externalId)).customer_id;
    expect(a).not.toBe(b);
    const beforeA = await sideOf(a);
    const beforeB = await sideOf(b);

    const suggestions = await inbox.api<any>(`/api/customers/${b}/suggestions`, { token });
    expect(suggestions.status).toBe(200);
    expect(suggestions.body.items).toEqual([
      expect.objectContaining({ customerId: b, otherCustomerId: a, reason: 'mentioned_phone', messageId: (await row(b2.externalId)).id, status: 'open' }),
    ]);
    // The same suggestion shows on the other customer's profile too.
    const profileA = await inbox.api<any>(`/api/customers/${a}/profile`, { token });
    expect(profileA.body.suggestions.map((s: any) => s.otherCustomerId)).toEqual([b]);

    const accepted = await inbox.api<any>(`/api/merge-suggestions/${suggestions.body.items[0].id}/accept`, { token, body: {} });
    expect(accepted.status).toBe(201);
    // Messages: B's two, plus whatever the inbox itself sent on B's case meanwhile (e.g. an acknowledgement).
    expect(accepted.body).toMatchObject({ survivorId: a, mergedId: b, identities: 1, cases: 1 });
    const { rows: [recorded] } = await sql.query(`SELECT count(*)::int AS n FROM customer_merge_items WHERE merge_id = $1 AND item_type = 'message'`, [accepted.body.mergeId]);
    expect(recorded.n).toBe(accepted.body.messages);
    expect(accepted.body.messages).toBeGreaterThanOrEqual(2);
    const merged = await sideOf(a);
    expect(merged.identities).toEqual([...beforeA.identities, ...beforeB.identities].sort());
    expect((await sideOf(b)).messages).toEqual([]);
    expect((await sql.query(`SELECT merged_into_id FROM customers WHERE id = $1`, [b])).rows[0].merged_into_id).toBe(a);
    expect((await sql.query(`SELECT status FROM merge_suggestions`)).rows).toEqual([{ status: 'accepted' }]);

    // After the merge B's number is the survivor's: its next message joins the survivor's oldest open case (A's).
    const aCase = beforeA.cases[0];
    const bCase = beforeB.cases[0];
    const b3 = inboundMessage({ sender: { address: '+61422200002' }, text: 'And the card fee is still on my account', receivedAt: at(300_000) });
    await publish(b3);
    expect(await row(b3.externalId)).toMatchObject({ customer_id: a, case_id: aCase });

    // New identities after the merge, one from each side: WhatsApp from B's number writing on B's case by its
    // reference, and WhatsApp from A's number writing on A's case.
    const { rows: [bRef] } = await sql.query(`SELECT reference FROM cases WHERE id = $1`, [bCase]);
    const bLater = inboundMessage({ channel: 'whatsapp', account: 'waba-1', sender: { address: '61422200002' }, text: `Re ${bRef.reference}: the loan statement is still wrong`, receivedAt: at(200_000) });
    await publish(bLater);
    expect((await row(bLater.externalId)).case_id).toBe(bCase);
    const aLater = inboundMessage({ channel: 'whatsapp', account: 'waba-1', sender: { address: '61411100001' }, text: 'The card fee is still there', receivedAt: at(100_000) });
    await publish(aLater);
    expect((await row(aLater.externalId)).case_id).toBe(aCase);

    const history = await inbox.api<any>(`/api/customers/${a}/profile`, { token });
    const mergeId = history.body.merges[0].id;
    const undone = await inbox.api<any>(`/api/customer-merges/${mergeId}/unmerge`, { token, body: {} });
    expect(undone.status).toBe(200);

    const afterA = await sideOf(a);
    const afterB = await sideOf(b);
    expect(afterB.cases).toEqual([bCase]);
    expect(afterA.cases).toEqual([aCase]);
    // B gets back its SMS number and the WhatsApp identity that first wrote on B's case; A keeps its SMS and its own new WhatsApp.
    expect(afterB.identities).toEqual(['sms:+61422200002', 'whatsapp:+61422200002']);
    expect(afterA.identities).toEqual(['sms:+61411100001', 'whatsapp:+61411100001']);
    // Messages follow their cases: B's case keeps its timeline, including what arrived during the merge.
    const bCaseMessages = (await sql.query(`SELECT customer_id, external_id FROM messages WHERE case_id = $1 AND direction = 'inbound'`, [bCase])).rows;
    expect(bCaseMessages.every((m) => m.customer_id === b)).toBe(true);
    expect(bCaseMessages.map((m) => m.external_id).sort()).toEqual([b1.externalId, b2.externalId, bLater.externalId].sort());
    // …and A's case keeps B's message that joined it during the merge (a timeline is never split).
    expect((await row(b3.externalId)).customer_id).toBe(a);
    expect((await sql.query(`SELECT merged_into_id FROM customers WHERE id = $1`, [b])).rows[0].merged_into_id).toBeNull();

    // Audited: the merge row, and an event on every case of both customers, for the merge and the unmerge.
    const { rows: [audit] } = await sql.query(`SELECT merged_by IS NOT NULL AS by, unmerged_by IS NOT NULL AS unby FROM customer_merges WHERE id = $1`, [mergeId]);
    expect(audit).toEqual({ by: true, unby: true });
    for (const caseId of [aCase, bCase]) {
      const types = (await sql.query(`SELECT type FROM case_events WHERE case_id = $1`, [caseId])).rows.map((r) => r.type);
      expect(types).toEqual(expect.arrayContaining(['customer.merged', 'customer.unmerged']));
    }
    const again = await inbox.api<any>(`/api/customer-merges/${mergeId}/unmerge`, { token, body: {} });
    expect(again.status).toBe(409);
  });

  it('merges directly, refuses nonsense, and dismissed suggestions stay dismissed', async () => {
    const x = inboundMessage({ sender: { address: '+61433300003', displayName: 'Kim Ng' }, text: 'My insurance claim was declined unfairly' });
    const y = inboundMessage({ channel: 'telegram', account: 'bot', sender: { address: '900300', displayName: 'Kim  NG' }, text: 'My insurance claim is taking forever' });
    for (const m of [x, y]) await publish(m);
    const xId = (await row(x.externalId)).customer_id;
    const yId = (await row(y.externalId)).customer_id;
    const suggested = await inbox.api<any>(`/api/customers/${yId}/suggestions`, { token });
    const sameName = suggested.body.items.find((s: any) => s.reason === 'same_name_product');
    expect(sameName).toMatchObject({ otherCustomerId: xId });
    expect((await inbox.api(`/api/merge-suggestions/${sameName.id}/dismiss`, { token, body: {} })).status).toBe(204);
    expect((await inbox.api<any>(`/api/customers/${yId}/suggestions`, { token })).body.items).toEqual([]);
    expect((await inbox.api(`/api/merge-suggestions/${sameName.id}/accept`, { token, body: {} })).status).toBe(409);

    expect((await inbox.api(`/api/customers/${xId}/merge`, { token, body: { otherCustomerId: xId } })).status).toBe(400);
    expect((await inbox.api(`/api/customers/${xId}/merge`, { token, body: { otherCustomerId: '00000000-0000-4000-8000-000000000000' } })).status).toBe(404);
    const merged = await inbox.api<any>(`/api/customers/${xId}/merge`, { token, body: { otherCustomerId: yId } });
    expect(merged.status).toBe(201);
    expect((await inbox.api(`/api/customers/${xId}/merge`, { token, body: { otherCustomerId: yId } })).status).toBe(409);
    const profile = await inbox.api<any>(`/api/customers/${xId}/profile`, { token });
    expect(profile.body.names).toEqual(['Kim Ng', 'Kim  NG']);
    expect(profile.body.identities.map((i: any) => i.channel)).toEqual(['sms', 'telegram']);
    expect(profile.body.preferredChannel).toBe('sms');
    expect(profile.body.products.map((p: any) => p.product)).toContain('insurance');
    expect((await inbox.api(`/api/customers/${xId}/products`, { token, body: { product: 'Home_Insurance', accountRef: 'POL-88' } })).status).toBe(204);
    expect((await inbox.api(`/api/customers/${xId}/products`, { token, body: { product: '  ' } })).status).toBe(400);
    const withProduct = await inbox.api<any>(`/api/customers/${xId}/profile`, { token });
    expect(withProduct.body.products).toEqual(expect.arrayContaining([{ product: 'home_insurance', accountRef: 'POL-88', source: 'agent', mentions: 0 }]));
    expect(profile.body.cases).toHaveLength(2);
  });
});

import { IntakeModule, InboundIntakeService } from '@inbox/intake';
import { IntakeBatchWriter } from '@inbox/intake';
import { useMediumContext } from '../support/medium-context';
import { complaintMessage, inboundMessage, placedMessage } from '../support/builders';

/** Group commit of inbound messages (IntakeBatchWriter) against the real schema: placement and exactly-once. */
describe('intake batch writer', () => {
  const ctx = useMediumContext({ imports: [IntakeModule], providers: [IntakeBatchWriter] });
  const writer = () => ctx.current.get<IntakeBatchWriter>(IntakeBatchWriter);
  const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);

  it('places one batch’s messages by sender: one customer and one case per sender, in the order they came', async () => {
    const first = complaintMessage({ sender: { address: '+61411000001' } });
    const second = inboundMessage({ sender: { address: '+61411000001' }, text: 'And the second fee too, please refund both' });
    const other = complaintMessage({ sender: { address: '+61422000002' } });

    const outcomes = await writer().write([first, other, second]);

    expect(outcomes.map((o) => o.kind)).toEqual(['stored', 'stored', 'stored']);
    const [a1, b1, a2] = await Promise.all([first, other, second].map((m) => placedMessage(query, m.externalId)));
    expect(a2.customerId).toBe(a1.customerId);
    expect(a2.caseId).toBe(a1.caseId);
    expect(b1.customerId).not.toBe(a1.customerId);
    expect(b1.caseId).not.toBe(a1.caseId);
    const caseIds = [a1.caseId, b1.caseId];
    const created = await query<{ case_id: string; n: number }>(
      `SELECT case_id, count(*)::int AS n FROM case_events WHERE type = 'case.created' AND case_id = ANY($1::uuid[]) GROUP BY case_id`,
      [caseIds],
    );
    expect(created).toHaveLength(2);
    expect(created.every((c) => c.n === 1)).toBe(true);
  });

  it('places the first messages of the senders it creates together, in the order they came, beside the others', async () => {
    const known = complaintMessage({ sender: { address: '+61466100000' } });
    await writer().write([known, inboundMessage({ sender: { address: '+61466100009' } })]);
    const firstOfA = complaintMessage({ sender: { address: '+61466100001' } });
    const fromKnown = inboundMessage({ sender: { address: '+61466100000' }, text: 'Any news on the double charge?' });
    const firstOfB = complaintMessage({ sender: { address: '+61466100002' } });
    const secondOfA = inboundMessage({ sender: { address: '+61466100001' }, text: 'And the second fee too, please refund both' });
    const statusRequest = inboundMessage({ sender: { address: '+61466100003' }, text: 'status' });

    const outcomes = await writer().write([firstOfA, fromKnown, firstOfB, secondOfA, statusRequest]);

    expect(outcomes.map((o) => o.kind)).toEqual(['stored', 'stored', 'stored', 'stored', 'stored']);
    const [a1, k, b1, a2, s] = await Promise.all([firstOfA, fromKnown, firstOfB, secondOfA, statusRequest].map((m) => placedMessage(query, m.externalId)));
    expect(outcomes.map((o) => (o.kind === 'stored' ? o.caseId : undefined))).toEqual([a1.caseId, k.caseId, b1.caseId, a2.caseId, s.caseId]);
    expect(a2.caseId).toBe(a1.caseId);
    expect(k.caseId).toBe((await placedMessage(query, known.externalId)).caseId);
    // A status request is answered, never a case, even from a sender first seen in this batch.
    expect(await query(`SELECT id FROM cases WHERE customer_id = $1`, [s.customerId])).toEqual([]);
    const cases = await query<{ id: string; reference: string }>(`SELECT id, reference FROM cases WHERE id = ANY($1::uuid[])`, [[a1.caseId, b1.caseId]]);
    const reference = (caseId: string | null) => cases.find((c) => c.id === caseId)!.reference;
    expect(reference(a1.caseId) < reference(b1.caseId)).toBe(true);
    const seq = await query<{ id: string; intake_seq: string }>(`SELECT id, intake_seq FROM messages WHERE id = ANY($1::uuid[])`, [[a1.messageId, a2.messageId]]);
    const intakeSeq = (id: string) => Number(seq.find((m) => m.id === id)!.intake_seq);
    expect(intakeSeq(a1.messageId)).toBeLessThan(intakeSeq(a2.messageId));
    const events = await query<{ case_id: string; type: string; message_id: string | null }>(
      `SELECT case_id, type, payload->'message'->>'id' AS message_id FROM case_events
        WHERE case_id = ANY($1::uuid[]) AND type IN ('case.created', 'message.created') ORDER BY seq`,
      [[a1.caseId, b1.caseId]],
    );
    expect(events).toEqual([
      { case_id: a1.caseId, type: 'case.created', message_id: a1.messageId },
      { case_id: a1.caseId, type: 'message.created', message_id: a1.messageId },
      { case_id: b1.caseId, type: 'case.created', message_id: b1.messageId },
      { case_id: b1.caseId, type: 'message.created', message_id: b1.messageId },
      { case_id: a1.caseId, type: 'message.created', message_id: a2.messageId },
    ]);
  });

  it('suggests merging the new senders of a batch with the customers of the same name who wrote about the same product', async () => {
    const earlier = complaintMessage({ sender: { address: '+61477100001', displayName: 'Jane Namesake' } });
    await writer().write([earlier, inboundMessage({ sender: { address: '+61477100009' } })]);
    const namesake = complaintMessage({ sender: { address: '+61477100002', displayName: 'jane  namesake' } });
    const stranger = complaintMessage({ sender: { address: '+61477100003', displayName: 'Someone Else' } });

    await writer().write([stranger, namesake]);

    const [e, n, s] = await Promise.all([earlier, namesake, stranger].map((m) => placedMessage(query, m.externalId)));
    const suggestions = await query<{ pair: string[]; reason: string; message_id: string }>(
      `SELECT ARRAY[customer_id, other_customer_id]::text[] AS pair, reason, message_id FROM merge_suggestions
        WHERE $1 IN (customer_id, other_customer_id) OR $2 IN (customer_id, other_customer_id)`,
      [n.customerId, s.customerId],
    );
    expect(suggestions).toEqual([{ pair: [n.customerId, e.customerId], reason: 'same_name_product', message_id: n.messageId }]);
  });

  it('stores a redelivered message once, whether it comes again in the same batch or in a later one', async () => {
    const message = complaintMessage({ sender: { address: '+61433000003' } });
    const companion = inboundMessage({ sender: { address: '+61433000004' } });

    const firstDelivery = await writer().write([message, companion, message]);
    expect(firstDelivery.map((o) => o.kind)).toEqual(['stored', 'stored', 'duplicate']);
    const redelivery = await writer().write([companion, message]);
    expect(redelivery.map((o) => o.kind)).toEqual(['duplicate', 'duplicate']);

    const stored = await query<{ n: number }>(`SELECT count(*)::int AS n FROM messages WHERE external_id = ANY($1::text[])`, [[message.externalId, companion.externalId]]);
    expect(stored[0]!.n).toBe(2);
    const { caseId } = await placedMessage(query, message.externalId);
    const events = await query<{ type: string }>(`SELECT type FROM case_events WHERE case_id = $1 AND type IN ('case.created', 'message.created') ORDER BY seq`, [caseId]);
    expect(events.map((e) => e.type)).toEqual(['case.created', 'message.created']);
  });

  it('rolls the whole batch back when one message is invalid, so the bus can split it and retry the others', async () => {
    const good = complaintMessage({ sender: { address: '+61444000005' } });
    const poison = { ...inboundMessage(), sender: undefined };

    await expect(writer().write([good, poison])).rejects.toThrow(/sender/i);
    expect(await query(`SELECT id FROM messages WHERE external_id = $1`, [good.externalId])).toEqual([]);
    // Alone (as the bus retries it after the split) the good message is stored.
    const alone = await ctx.current.get<InboundIntakeService>(InboundIntakeService).intake(good);
    expect(alone.kind).toBe('stored');
  });

  it('links a batch’s complaints to the open incident together, each link with its event and the count it made', async () => {
    const first = complaintMessage({ sender: { address: '+61455100001' } });
    await writer().write([first, inboundMessage({ sender: { address: '+61455100002' }, text: 'Thanks, all sorted' })]);
    const [{ category }] = await query<{ category: string }>(`SELECT c.category FROM cases c JOIN messages m ON m.case_id = c.id WHERE m.external_id = $1`, [first.externalId]);
    const [incident] = await query<{ id: string }>(
      `INSERT INTO incidents (key, title, window_started_at) VALUES ($1, 'Burst', now() - interval '1 hour') RETURNING id`,
      [`category:${category}`],
    );
    const burst = ['+61455100003', '+61455100004', '+61455100005'].map((address) => complaintMessage({ sender: { address } }));

    await writer().write(burst);

    const caseIds = (await Promise.all(burst.map((m) => placedMessage(query, m.externalId)))).map((p) => p.caseId);
    const linked = await query<{ case_id: string }>(`SELECT case_id FROM incident_cases WHERE incident_id = $1`, [incident.id]);
    expect(linked.map((l) => l.case_id).sort()).toEqual([...caseIds].sort());
    const events = await query<{ case_id: string; count: number }>(
      `SELECT case_id, (payload->'data'->>'caseCount')::int AS count FROM case_events
        WHERE type = 'incident.updated' AND payload->'data'->>'incidentId' = $1 ORDER BY seq`,
      [incident.id],
    );
    expect(events).toEqual(caseIds.map((caseId, i) => ({ case_id: caseId, count: i + 1 })));
  });
});

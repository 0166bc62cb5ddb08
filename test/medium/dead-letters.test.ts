import { TriageWorkerModule } from '@inbox/intake';
import { TOPICS } from '@inbox/contracts';
import { DeadLetterStore } from '@inbox/bus';
import { useMediumContext } from '../support/medium-context';
import { inboundMessage, placedMessage } from '../support/builders';

/**
 * The dead-letter path on the in-process bus: the triage worker's batch fails on a poison record, the bus
 * splits it, the others are stored in order, and the poison one is kept for admins with the reason, its
 * personal data removed (docs/personal-data.md).
 */
describe('dead letters from intake', () => {
  const ctx = useMediumContext({ imports: [TriageWorkerModule] });
  const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);

  it('stores the rest of a batch and dead-letters the invalid message once, with its card number redacted', async () => {
    const before = inboundMessage({ sender: { address: '+61488000001' }, text: 'First, about my statement' });
    const after = inboundMessage({ sender: { address: '+61488000001' }, text: 'Second, about my statement' });
    // A fixed id: a generated one is a run of digits that the card-number redaction may mask too.
    const poison = { ...inboundMessage({ text: 'my card 4111 1111 1111 1111 was charged', externalId: 'SMpoison-dead-letter' }), sender: { address: '' } };

    await ctx.current.bus.publishMany(TOPICS.inbound, [before, poison, after].map((value) => ({ key: 'sms:+61488000001', value })));

    const stored = await Promise.all([before, after].map((m) => placedMessage(query, m.externalId)));
    expect(stored[1]!.caseId).toBe(stored[0]!.caseId);
    expect(await query(`SELECT id FROM messages WHERE external_id = $1`, [poison.externalId])).toEqual([]);
    const letters = await ctx.current.get<DeadLetterStore>(DeadLetterStore).list();
    expect(letters).toEqual([expect.objectContaining({ topic: TOPICS.inbound, attempts: 1, error: expect.stringMatching(/sender/i) })]);
    const [kept] = await query<{ payload: string }>(`SELECT payload::text AS payload FROM dead_letters`);
    expect(kept!.payload).toContain(poison.externalId);
    expect(kept!.payload).not.toContain('4111 1111 1111 1111');
  });
});

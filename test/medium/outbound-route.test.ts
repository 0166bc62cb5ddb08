import { outboundRoute, outboundRoutes } from '@inbox/cases';
import { IntakeModule, InboundIntakeService } from '@inbox/intake';
import { useMediumContext } from '../support/medium-context';
import { ago, caseFromMessage, inboundMessage } from '../support/builders';

/** The route a reply on a case takes (libs/cases/src/outbound-writer.ts): the account and message it answers. */
describe('outbound route of a reply on a case', () => {
  const ctx = useMediumContext({ imports: [IntakeModule] });
  const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);

  it('answers the case’s own last message, not a later one the customer sent that was kept without a case', async () => {
    const sender = { address: '+61481000001' };
    const inCase = inboundMessage({ sender, account: '+61400000001', receivedAt: ago(60_000) });
    const placed = await caseFromMessage(ctx.current.get<InboundIntakeService>(InboundIntakeService), query, inCase);
    // Resolved: a later message that complains of nothing is kept without a case, not put on this one.
    await query(`UPDATE cases SET status = 'resolved', resolved_at = now(), closed_at = now() WHERE id = $1`, [placed.caseId]);
    const caseless = inboundMessage({ sender, account: '+61400000002', text: 'about this case' });
    await ctx.current.get<InboundIntakeService>(InboundIntakeService).intake(caseless);
    expect(await query(`SELECT case_id FROM messages WHERE external_id = $1`, [caseless.externalId])).toEqual([{ case_id: null }]);

    const target = { caseId: placed.caseId, customerId: placed.customerId, channel: 'sms' as const };
    const [identity] = await query<{ id: string }>(`SELECT id FROM identities WHERE customer_id = $1`, [placed.customerId]);
    const chosen = await ctx.current.dataSource.transaction((em) => outboundRoute(em, { ...target, identityId: identity!.id }));
    const [batched] = await ctx.current.dataSource.transaction((em) => outboundRoutes(em, [target]));
    for (const route of [chosen, batched]) expect(route).toMatchObject({ account: '+61400000001', lastInboundExternalId: inCase.externalId });
  });
});

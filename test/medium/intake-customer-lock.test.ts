import { InboundIntakeService, IntakeBatchWriter, IntakeModule } from '@inbox/intake';
import { useMediumContext } from '../support/medium-context';
import { inboundMessage, placedMessage } from '../support/builders';

/**
 * Intake locks a customer while it places their message, then updates their case; an automatic
 * acknowledgement locks the case, then inserts its outbound message, whose foreign key checks the
 * customer row. The two must not deadlock (PostgreSQL would break it only after deadlock_timeout, 1 s,
 * failing one of them): intake's customer lock leaves foreign-key checks through.
 */
describe('intake customer lock beside an acknowledgement', () => {
  const ctx = useMediumContext({ imports: [IntakeModule], providers: [IntakeBatchWriter] });
  const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);

  it('lets the acknowledgement write its message while intake holds the customer, so neither waits on the other', async () => {
    const first = inboundMessage({ sender: { address: '+61466000001' }, text: 'My card was charged twice' });
    await ctx.current.get<IntakeBatchWriter>(IntakeBatchWriter).write([first]);
    const { caseId, customerId } = await placedMessage(query, first.externalId);
    const intake = ctx.current.get<InboundIntakeService>(InboundIntakeService);

    let caseHeld!: () => void;
    const acknowledgementHasCase = new Promise<void>((resolve) => (caseHeld = resolve));
    let customerHeld!: () => void;
    const intakeHasCustomer = new Promise<void>((resolve) => (customerHeld = resolve));
    const order: string[] = [];

    const acknowledgement = ctx.current.dataSource.transaction(async (em) => {
      await em.query(`SELECT id FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
      caseHeld();
      await intakeHasCustomer;
      await em.query(
        `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, sender_address, text, received_at)
         VALUES (gen_random_uuid(), $1, $2, 'sms', 'ours', 'outbound', '+61466000001', 'We have your complaint', now())`,
        [caseId, customerId],
      );
      order.push('acknowledgement commits');
    });
    const secondMessage = ctx.current.dataSource.transaction(async (em) => {
      await acknowledgementHasCase;
      await intake.lockSurvivor(em, customerId!);
      customerHeld();
      await em.query(`UPDATE cases SET last_message_at = now() WHERE id = $1`, [caseId]);
      order.push('intake commits');
    });

    await expect(Promise.all([acknowledgement, secondMessage])).resolves.toBeDefined();
    expect(order).toEqual(['acknowledgement commits', 'intake commits']);
  });
});

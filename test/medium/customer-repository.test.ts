import { randomUUID } from 'node:crypto';
import { CustomerRepository } from '@inbox/cases';
import { secondLockWaits } from '../support/row-locks';
import { useRepositoryContext } from '../support/repository-context';
import { caseFromMessage, inboundMessage } from '../support/builders';

/** CustomerRepository (libs/cases/src/repositories) on a migrated database: customers and their identities. */
describe('CustomerRepository', () => {
  const { ctx, query, repository, inTransaction, intake } = useRepositoryContext(CustomerRepository);
  let phone = 61_480_000_000;
  /** A customer made by intake from one SMS: one identity, their phone. */
  const newCustomer = async (displayName = 'Ada Lovelace') => {
    const address = `+${++phone}`;
    const { customerId } = await caseFromMessage(intake(), query, inboundMessage({ sender: { address, displayName } }));
    return { customerId, address };
  };

  it('finds a customer by id, and nothing for an unknown id', async () => {
    const { customerId } = await newCustomer();
    expect(await repository().findById(customerId)).toEqual({
      id: customerId,
      display_name: 'Ada Lovelace',
      last_channel: 'sms',
      merged_into_id: null,
      created_at: expect.any(Date),
    });
    await expect(repository().findById(randomUUID())).resolves.toBeUndefined();
    await expect(inTransaction((em) => repository().lockForUpdate(em, randomUUID()))).resolves.toBeUndefined();
  });

  it('makes a second transaction that locks the same customer wait until the first commits', async () => {
    const { customerId } = await newCustomer();
    const { order, secondSaw } = await secondLockWaits(
      ctx.current.dataSource,
      query,
      (em) => repository().lockForUpdate(em, customerId),
      (em) => repository().eraseNames(em, [customerId]),
    );
    expect(order).toEqual(['first commits', 'second holds the lock']);
    expect(secondSaw).toMatchObject({ id: customerId, display_name: null });
  });

  it('reads a customer’s identities, and one identity only for its own customer', async () => {
    const ada = await newCustomer();
    const other = await newCustomer('Cy');
    const identities = await repository().identitiesOf([ada.customerId, other.customerId]);
    expect(identities.map((i) => [i.customer_id, i.channel, i.address])).toEqual([
      [ada.customerId, 'sms', ada.address],
      [other.customerId, 'sms', other.address],
    ]);
    const [adaIdentity] = identities;
    await expect(repository().identityOf(ada.customerId, adaIdentity!.id)).resolves.toEqual(adaIdentity);
    await expect(repository().identityOf(other.customerId, adaIdentity!.id)).resolves.toBeUndefined();
  });

  it('lists a customer with everyone merged into them, at any depth', async () => {
    const [survivor, merged, mergedEarlier, stranger] = [await newCustomer(), await newCustomer(), await newCustomer(), await newCustomer()];
    await query(`UPDATE customers SET merged_into_id = $2 WHERE id = $1`, [merged.customerId, survivor.customerId]);
    await query(`UPDATE customers SET merged_into_id = $2 WHERE id = $1`, [mergedEarlier.customerId, merged.customerId]);

    expect((await repository().withMerged(survivor.customerId)).sort()).toEqual([survivor.customerId, merged.customerId, mergedEarlier.customerId].sort());
    await expect(repository().withMerged(stranger.customerId)).resolves.toEqual([stranger.customerId]);
    await expect(repository().findById(merged.customerId)).resolves.toMatchObject({ merged_into_id: survivor.customerId });
  });

  it('pseudonymises identities once and forgets names', async () => {
    const { customerId } = await newCustomer();
    await expect(inTransaction((em) => repository().pseudonymiseIdentities(em, [customerId]))).resolves.toBe(1);
    await expect(inTransaction((em) => repository().pseudonymiseIdentities(em, [customerId]))).resolves.toBe(0);
    const [identity] = await repository().identitiesOf([customerId]);
    expect(identity).toMatchObject({ address: `erased:${identity!.id}`, display_name: null });

    await inTransaction((em) => repository().eraseNames(em, [customerId]));
    await expect(repository().findById(customerId)).resolves.toMatchObject({ display_name: null });
  });
});

import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxRelay } from './outbox-relay';
import { UnitOfWork } from './unit-of-work';

/** A data source whose transaction records when it committed, and a relay that records when it was woken. */
function setup() {
  const log: string[] = [];
  const em = {} as EntityManager;
  const db = {
    transaction: async <T>(work: (em: EntityManager) => Promise<T>): Promise<T> => {
      const result = await work(em);
      log.push('commit');
      return result;
    },
  } as unknown as DataSource;
  const relay = { kick: async () => void log.push('kick') } as unknown as OutboxRelay;
  return { log, em, unitOfWork: new UnitOfWork(db, relay) };
}

describe('UnitOfWork', () => {
  it('runs the work in the transaction and wakes the relay only after the commit', async () => {
    const { log, em, unitOfWork } = setup();
    const result = await unitOfWork.run(async (given) => {
      expect(given).toBe(em);
      log.push('work');
      return 42;
    });
    expect(result).toBe(42);
    expect(log).toEqual(['work', 'commit', 'kick']);
  });

  it('does not wake the relay when the work failed (its outbox rows were rolled back)', async () => {
    const { log, unitOfWork } = setup();
    await expect(unitOfWork.run(async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(log).toEqual([]);
  });

  it('does not wake the relay when the result says nothing was written', async () => {
    const { log, unitOfWork } = setup();
    expect(await unitOfWork.run(async () => 'already_asked', (outcome) => outcome === 'asked')).toBe('already_asked');
    expect(await unitOfWork.run(async () => 'asked', (outcome) => outcome === 'asked')).toBe('asked');
    expect(log).toEqual(['commit', 'commit', 'kick']);
  });
});

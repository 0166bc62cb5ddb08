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

  it('runs work again that PostgreSQL aborted as a deadlock, only when asked and only so many times', async () => {
    const deadlock = Object.assign(new Error('deadlock detected'), { driverError: { code: '40P01' } });
    const { log, unitOfWork } = setup();
    let runs = 0;
    const failingTwice = async () => {
      runs += 1;
      if (runs <= 2) throw deadlock;
      return 'merged';
    };
    expect(await unitOfWork.run(failingTwice, undefined, { deadlockAttempts: 3 })).toBe('merged');
    expect([runs, log]).toEqual([3, ['commit', 'kick']]);

    runs = 0;
    await expect(unitOfWork.run(failingTwice)).rejects.toBe(deadlock);
    expect(runs).toBe(1);
    const refused = new Error('refused');
    let tries = 0;
    await expect(unitOfWork.run(async () => Promise.reject(Object.assign(refused, { code: '23505', tries: ++tries })), undefined, { deadlockAttempts: 3 })).rejects.toBe(refused);
    expect(tries).toBe(1);
  });
});

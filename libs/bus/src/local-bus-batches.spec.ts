import { InvalidInputError, UnavailableError, type InboundMessage } from '@inbox/contracts';
import type { BusRecord, DeadLetter } from './bus.port';
import { LocalBus } from './local-bus';

const msg = (text: string) => ({ text }) as unknown as InboundMessage;
const pause = (ms: number) => new Promise((res) => setTimeout(res, ms));

describe('LocalBus batch subscriptions (group commit)', () => {
  const fastRetry = { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 };

  function makeBus() {
    const letters: DeadLetter[] = [];
    const bus = new LocalBus(async (l) => void letters.push(l), fastRetry);
    return { bus, letters };
  }

  it('hands the records published together as one batch, and a lone record at once', async () => {
    const { bus } = makeBus();
    const batches: string[][] = [];
    await bus.subscribeBatch('inbox.inbound.v1', { group: 'g', maxBatch: 100, maxGroupCommit: 8 }, async (records) => {
      batches.push(records.map((r) => r.value.text));
      await pause(5);
    });
    await bus.publish('inbox.inbound.v1', 'a', msg('alone'));
    expect(batches).toEqual([['alone']]);
    await Promise.all(Array.from({ length: 30 }, (_, i) => bus.publish('inbox.inbound.v1', `k${i}`, msg(`m${i}`))));
    // 30 records published together leave in a few batches, none over the group-commit bound (8).
    expect(batches.length).toBeLessThanOrEqual(1 + Math.ceil(30 / 8) + 1);
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(8);
    expect(batches.flat()).toHaveLength(31);
  });

  it('gathers up to maxBatch records in one batch when the subscription sets no lower group-commit bound', async () => {
    const { bus } = makeBus();
    const batches: number[] = [];
    await bus.subscribeBatch('inbox.case-events.v1', { group: 'g', maxBatch: 50 }, async (records) => {
      batches.push(records.length);
      await pause(5);
    });
    await bus.publishMany(
      'inbox.case-events.v1',
      Array.from({ length: 80 }, (_, i) => ({ key: `k${i}`, value: { text: `e${i}` } as never })),
    );
    expect(batches).toEqual([50, 30]);
  });

  it('resolves a publish only after the batch that carried it was handled', async () => {
    const { bus } = makeBus();
    const committed = new Set<string>();
    await bus.subscribeBatch('inbox.inbound.v1', { group: 'g', maxBatch: 10 }, async (records) => {
      await pause(10);
      for (const r of records) committed.add(r.value.text);
    });
    await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        await bus.publish('inbox.inbound.v1', `k${i}`, msg(`m${i}`));
        expect(committed.has(`m${i}`)).toBe(true);
      }),
    );
  });

  it("keeps one key's records in publish order across batches running side by side", async () => {
    const { bus } = makeBus();
    const seen: string[] = [];
    await bus.subscribeBatch('inbox.inbound.v1', { group: 'g', maxBatch: 3 }, async (records) => {
      await pause(records.some((r) => r.value.text.endsWith('0')) ? 20 : 1);
      for (const r of records) seen.push(r.value.text);
    });
    await Promise.all(
      ['x0', 'y0', 'x1', 'z0', 'x2', 'y1', 'x3', 'y2'].map((text) => bus.publish('inbox.inbound.v1', text[0], msg(text))),
    );
    for (const key of ['x', 'y']) {
      const order = seen.filter((t) => t.startsWith(key));
      expect(order).toEqual([...order].sort());
    }
    expect(seen).toHaveLength(8);
  });

  it('isolates a poison record by splitting the batch: the others are handled, the poison is dead-lettered', async () => {
    const { bus, letters } = makeBus();
    const handled: string[] = [];
    const sizes: number[] = [];
    await bus.subscribeBatch('inbox.inbound.v1', { group: 'g', maxBatch: 100, maxGroupCommit: 8 }, async (records: ReadonlyArray<BusRecord<InboundMessage>>) => {
      sizes.push(records.length);
      if (records.some((r) => r.value.text === 'poison')) throw new InvalidInputError('bad_message', 'cannot be handled');
      for (const r of records) handled.push(r.value.text);
    });
    const texts = Array.from({ length: 16 }, (_, i) => (i === 11 ? 'poison' : `m${i}`));
    await Promise.all(texts.map((text, i) => bus.publish('inbox.inbound.v1', `k${i}`, msg(text))));
    expect(handled.sort()).toEqual(texts.filter((t) => t !== 'poison').sort());
    expect(letters.map((l) => (l.value as InboundMessage).text)).toEqual(['poison']);
    expect(sizes[0]).toBe(8);
  });

  it('rejects only the publishes whose records still fail because a dependency is down', async () => {
    const { bus, letters } = makeBus();
    await bus.subscribeBatch('inbox.inbound.v1', { group: 'g', maxBatch: 100 }, async (records) => {
      if (records.some((r) => r.value.text === 'needs-db')) throw new UnavailableError('database', 'down');
    });
    const results = await Promise.allSettled(
      ['ok1', 'needs-db', 'ok2'].map((text, i) => bus.publish('inbox.inbound.v1', `k${i}`, msg(text))),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(letters).toEqual([]);
  });
});

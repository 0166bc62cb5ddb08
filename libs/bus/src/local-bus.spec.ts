import { InvalidInputError, UnavailableError, type InboundMessage } from '@inbox/contracts';
import type { DeadLetter } from './bus.port';
import { LocalBus } from './local-bus';

const msg = (text: string) => ({ text }) as unknown as InboundMessage;

describe('LocalBus', () => {
  const fastRetry = { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 };

  function makeBus() {
    const letters: DeadLetter[] = [];
    const bus = new LocalBus(async (l) => void letters.push(l), fastRetry);
    return { bus, letters };
  }

  it('resolves publish only after every group has handled the record', async () => {
    const { bus } = makeBus();
    const handled: string[] = [];
    await bus.subscribe('inbox.inbound.v1', { group: 'a' }, async (r) => {
      await new Promise((res) => setTimeout(res, 10));
      handled.push(`a:${r.value.text}`);
    });
    await bus.subscribe('inbox.inbound.v1', { group: 'b' }, async (r) => void handled.push(`b:${r.value.text}`));
    await bus.publish('inbox.inbound.v1', 'k', msg('1'));
    expect(handled.sort()).toEqual(['a:1', 'b:1']);
  });

  it('keeps one key in order and lets other keys run alongside', async () => {
    const { bus } = makeBus();
    const seen: string[] = [];
    await bus.subscribe('inbox.inbound.v1', { group: 'g' }, async (r) => {
      await new Promise((res) => setTimeout(res, r.value.text === 'x1' ? 20 : 1));
      seen.push(r.value.text);
    });
    await Promise.all([
      bus.publish('inbox.inbound.v1', 'x', msg('x1')),
      bus.publish('inbox.inbound.v1', 'x', msg('x2')),
      bus.publish('inbox.inbound.v1', 'y', msg('y1')),
    ]);
    expect(seen.indexOf('x1')).toBeLessThan(seen.indexOf('x2'));
    expect(seen.indexOf('y1')).toBeLessThan(seen.indexOf('x1'));
  });

  it('retries a transient failure and succeeds', async () => {
    const { bus } = makeBus();
    let calls = 0;
    await bus.subscribe('inbox.inbound.v1', { group: 'g' }, async (r) => {
      calls += 1;
      if (r.attempt < 2) throw new UnavailableError('db_down', 'database unavailable');
    });
    await bus.publish('inbox.inbound.v1', 'k', msg('1'));
    expect(calls).toBe(2);
  });

  it('rejects publish when a transient failure outlasts the retries, so the source retries', async () => {
    const { bus, letters } = makeBus();
    await bus.subscribe('inbox.inbound.v1', { group: 'g' }, async () => {
      throw new UnavailableError('db_down', 'database unavailable');
    });
    await expect(bus.publish('inbox.inbound.v1', 'k', msg('1'))).rejects.toThrow('database unavailable');
    expect(letters).toHaveLength(0);
  });

  it('dead-letters a record that still fails after the retries for its own sake, and resolves (nothing behind it waits)', async () => {
    const { bus, letters } = makeBus();
    let calls = 0;
    await bus.subscribe('inbox.inbound.v1', { group: 'g' }, async () => {
      calls += 1;
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    });
    await bus.publish('inbox.inbound.v1', 'k', msg('1'));
    expect(calls).toBe(3);
    expect(letters).toEqual([expect.objectContaining({ key: 'k', attempts: 3, error: expect.stringContaining('TypeError') })]);
  });

  it('rejects publish when the dead-letter sink fails too (the database is down)', async () => {
    const bus = new LocalBus(async () => Promise.reject(new Error('sink down')), fastRetry);
    await bus.subscribe('inbox.inbound.v1', { group: 'g' }, async () => {
      throw new Error('poison');
    });
    await expect(bus.publish('inbox.inbound.v1', 'k', msg('1'))).rejects.toThrow('sink down');
  });

  it('dead-letters a permanent failure at once and resolves', async () => {
    const { bus, letters } = makeBus();
    let calls = 0;
    await bus.subscribe('inbox.inbound.v1', { group: 'g' }, async () => {
      calls += 1;
      throw new InvalidInputError('bad', 'cannot parse');
    });
    await bus.publish('inbox.inbound.v1', 'k', msg('1'));
    expect(calls).toBe(1);
    expect(letters).toEqual([expect.objectContaining({ topic: 'inbox.inbound.v1', key: 'k', attempts: 1, error: expect.stringContaining('cannot parse') })]);
  });

  it('refuses to publish once stopped', async () => {
    const { bus } = makeBus();
    await bus.stop();
    await expect(bus.publish('inbox.inbound.v1', 'k', msg('1'))).rejects.toThrow(/stopped/);
    expect(bus.health().ok).toBe(false);
  });
});

import type { Telegram } from 'telegraf';
import { InvalidInputError, UnavailableError } from '@inbox/contracts';
import { TelegramConnection } from './telegram-connection';
import type { TelegramUpdateIntake } from './telegram-update.intake';

/** Long polling against a scripted getUpdates: what offsets are asked for says what was confirmed. */
describe('TelegramConnection (long polling)', () => {
  it('confirms an update only after it is taken, retrying one that failed, and dead-letters a malformed one', async () => {
    const batches = [[{ update_id: 1 }, { update_id: 2 }, { update_id: 3 }]];
    const offsets: number[] = [];
    let finish: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const telegram = {
      deleteWebhook: async () => true,
      callApi: async (method: string, payload: { offset: number }, options: { signal: AbortSignal }) => {
        expect(method).toBe('getUpdates');
        offsets.push(payload.offset);
        const batch = batches.shift();
        if (batch) return batch;
        finish();
        // A long poll with nothing to say: it waits until the connection aborts it at shutdown.
        return new Promise((_, reject) => options.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))));
      },
    } as unknown as Telegram;
    const taken: number[] = [];
    let failures = 1;
    const intake = {
      handle: async (update: { update_id: number }) => {
        if (update.update_id === 2 && failures-- > 0) throw new UnavailableError('not_durable', 'database down');
        if (update.update_id === 3) throw new InvalidInputError('telegram_invalid_update', 'malformed');
        taken.push(update.update_id);
      },
    } as unknown as TelegramUpdateIntake;
    const deadLetters: unknown[] = [];
    const connection = new TelegramConnection(telegram, intake, { record: async (l) => void deadLetters.push(l) }, { kind: 'polling', timeoutSeconds: 50 });
    await connection.onApplicationBootstrap();
    await finished;
    expect(taken).toEqual([1, 2]);
    expect(offsets).toEqual([0, 4]);
    expect(deadLetters).toEqual([expect.objectContaining({ key: '3', value: { update_id: 3 }, error: 'malformed' })]);
    await connection.onApplicationShutdown(); // resolves once the poll is aborted: shutdown never waits out a long poll
  });
});

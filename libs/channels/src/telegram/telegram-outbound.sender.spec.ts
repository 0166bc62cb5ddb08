import { InvalidInputError, type OutboundMessage } from '@inbox/contracts';
import { TelegramRateLimitedError, type TelegramSender } from './telegram-client';
import { TelegramOutboundSender, telegramReplyTarget } from './telegram-outbound.sender';

const reply = (overrides: Partial<OutboundMessage> = {}): OutboundMessage => ({
  messageId: 'm1',
  caseId: 'c1',
  channel: 'telegram',
  account: '7000001',
  recipient: '42',
  text: 'We are on it',
  thread: { inReplyToExternalId: '42:17' },
  ...overrides,
});

describe('telegramReplyTarget', () => {
  it('replies in the chat of the customer’s last message, to that message', () => {
    expect(telegramReplyTarget(reply())).toEqual({ chatId: '42', replyToMessageId: 17 });
    expect(telegramReplyTarget(reply({ thread: { inReplyToExternalId: '-1001234:5' } }))).toEqual({ chatId: '-1001234', replyToMessageId: 5 });
  });

  it('falls back to the customer’s private chat when the last message was not a chat message', () => {
    expect(telegramReplyTarget(reply({ thread: { inReplyToExternalId: 'update:19' } }))).toEqual({ chatId: '42' });
    expect(() => telegramReplyTarget(reply({ thread: {}, recipient: 'not-a-user' }))).toThrow(InvalidInputError);
  });
});

describe('TelegramOutboundSender', () => {
  function sender(outcomes: Array<Error | undefined>, policy = { attempts: 3, maxWaitSeconds: 60 }) {
    const sends: unknown[] = [];
    const notes: string[] = [];
    const waits: number[] = [];
    const telegram = {
      sendText: async (input: unknown) => {
        sends.push(input);
        const outcome = outcomes.shift();
        if (outcome) throw outcome;
        return { externalId: '42:900', status: 'sent' };
      },
    } as unknown as TelegramSender;
    const out = new TelegramOutboundSender(telegram, { recordRetrying: async (_id, reason) => void notes.push(reason) }, { ...policy, sleep: async (ms) => void waits.push(ms) });
    return { out, sends, notes, waits };
  }

  it('waits retry_after on 429, noting it on the message, then sends', async () => {
    const { out, sends, notes, waits } = sender([new TelegramRateLimitedError(3, 'slow down')]);
    await expect(out.send(reply())).resolves.toEqual({ externalId: '42:900', status: 'sent' });
    expect(sends).toHaveLength(2);
    expect(waits).toEqual([3000]);
    expect(notes).toEqual([expect.stringMatching(/429.*retrying in 3 s/)]);
  });

  it('leaves a long wait or repeated 429s to the bus, and never retries a refusal', async () => {
    await expect(sender([new TelegramRateLimitedError(600, 'slow')]).out.send(reply())).rejects.toBeInstanceOf(TelegramRateLimitedError);
    const repeated = sender([1, 2, 3].map(() => new TelegramRateLimitedError(1, 'slow')));
    await expect(repeated.out.send(reply())).rejects.toBeInstanceOf(TelegramRateLimitedError);
    expect(repeated.sends).toHaveLength(3);
    const refused = sender([new InvalidInputError('telegram_403', 'blocked')]);
    await expect(refused.out.send(reply())).rejects.toBeInstanceOf(InvalidInputError);
    expect(refused.sends).toHaveLength(1);
  });
});

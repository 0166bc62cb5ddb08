import type { Bus } from '@inbox/bus';
import { InvalidInputError, UnavailableError } from '@inbox/contracts';
import type { TelegramSender } from './telegram-client';
import { TelegramUpdateIntake } from './telegram-update.intake';
import { InboundPublisher } from '../inbound-publisher';

const RETENTION = { noiseDays: 1, enquiryMonths: 1, complaintYears: 1, attachmentMonths: 1, logDays: 1 };
const from = { id: 42, is_bot: false, first_name: 'Ann' };
const chat = { id: 42, type: 'private' };
const text = (t: string) => ({ update_id: 1, message: { message_id: 3, date: 1, chat, from, text: t } });

function intake(options: { publish?: () => Promise<void>; sendText?: () => Promise<unknown> } = {}) {
  const published: unknown[] = [];
  const greetings: unknown[] = [];
  const deadLetters: unknown[] = [];
  const bus = { publish: async (...args: unknown[]) => { published.push(args); await options.publish?.(); } } as unknown as Bus;
  const sender = { sendText: async (input: unknown) => { greetings.push(input); return options.sendText?.(); } } as unknown as TelegramSender;
  const subject = new TelegramUpdateIntake(new InboundPublisher(bus, { defaultPhoneRegion: 'AU', privacy: { redactPatterns: [], retention: RETENTION, runHour: 2, checkIntervalMs: 1 } }), sender, { record: async (l) => void deadLetters.push(l) }, { botId: '7', greeting: 'Hello!' });
  return { subject, published, greetings, deadLetters };
}

describe('TelegramUpdateIntake', () => {
  it('publishes a message keyed by channel and sender', async () => {
    const { subject, published } = intake();
    await subject.handle(text('help'));
    expect(published).toEqual([['inbox.inbound.v1', 'telegram:42', expect.objectContaining({ text: 'help', externalId: '42:3' })]]);
  });

  it('says "not taken" when the bus cannot store it, so Telegram delivers it again', async () => {
    const { subject } = intake({ publish: async () => { throw new Error('connection reset'); } });
    await expect(subject.handle(text('help'))).rejects.toMatchObject({ code: 'not_durable' });
    const refused = intake({ publish: async () => { throw new InvalidInputError('invalid_inbound_message', 'bad'); } });
    await expect(refused.subject.handle(text('help'))).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('greets /start in the chat, and takes the update even when the greeting cannot be sent', async () => {
    const { subject, greetings, published } = intake({ sendText: async () => { throw new UnavailableError('telegram_502', 'down'); } });
    await expect(subject.handle(text('/start'))).resolves.toBeUndefined();
    expect(greetings).toEqual([{ chatId: '42', text: 'Hello!', replyToMessageId: 3 }]);
    expect(published).toEqual([]);
  });

  it('keeps an update nobody sent as a dead letter with the raw update', async () => {
    const { subject, deadLetters, published } = intake();
    const poll = { update_id: 9, poll: { id: 'p' } };
    await subject.handle(poll);
    expect(deadLetters).toEqual([expect.objectContaining({ topic: 'telegram.updates', key: 'poll', value: poll })]);
    expect(published).toEqual([]);
  });
});

import { InvalidInputError } from '@inbox/contracts';
import { parseTelegramUpdate } from './telegram-update.parser';

const arrival = new Date('2026-03-01T09:30:00.250Z');
const options = { botId: '7000001', receivedAt: arrival };
const from = { id: 42, is_bot: false, first_name: 'Ann', last_name: 'Lee', username: 'annlee', language_code: 'en' };
const chat = { id: 42, type: 'private', first_name: 'Ann' };

describe('parseTelegramUpdate', () => {
  it('turns a text message into a canonical message keyed by chat and message id, received when it reached us and sent when Telegram says', () => {
    const update = { update_id: 10, message: { message_id: 5, date: 1_732_300_000, chat, from, text: 'My transfer never arrived' } };
    expect(parseTelegramUpdate(update, options)).toEqual({
      kind: 'message',
      message: {
        channel: 'telegram',
        account: '7000001',
        externalId: '42:5',
        sender: { address: '42', displayName: 'Ann Lee' },
        text: 'My transfer never arrived',
        attachments: [],
        thread: undefined,
        receivedAt: arrival.toISOString(),
        sentAt: new Date(1_732_300_000_000).toISOString(),
        raw: update,
      },
    });
  });

  it('keeps an edit as the same message with the new text', () => {
    const edited = { update_id: 11, edited_message: { message_id: 5, date: 1_732_300_000, edit_date: 1_732_300_060, chat, from, text: 'fixed text' } };
    const outcome = parseTelegramUpdate(edited, options);
    expect(outcome).toMatchObject({ kind: 'message', message: { externalId: '42:5', text: 'fixed text' } });
  });

  it('keeps the largest photo size, documents and voice notes as attachments with their file ids', () => {
    const photo = parseTelegramUpdate(
      {
        update_id: 12,
        message: {
          message_id: 6, date: 1, chat, from, caption: 'the receipt',
          photo: [{ file_id: 'small', file_unique_id: 's', width: 90, height: 90, file_size: 1000 }, { file_id: 'large', file_unique_id: 'l', width: 1280, height: 1280, file_size: 90_000 }],
        },
      },
      options,
    );
    expect(photo).toMatchObject({ message: { text: 'the receipt', attachments: [{ providerFileId: 'large', contentType: 'image/jpeg', sizeBytes: 90_000 }] } });
    const voice = parseTelegramUpdate({ update_id: 13, message: { message_id: 7, date: 1, chat, from, voice: { file_id: 'v1', file_unique_id: 'u', duration: 9, mime_type: 'audio/ogg', file_size: 5000 } } }, options);
    expect(voice).toMatchObject({ message: { text: '', attachments: [{ providerFileId: 'v1', contentType: 'audio/ogg', durationSeconds: 9, sizeBytes: 5000 }] } });
    const doc = parseTelegramUpdate({ update_id: 14, message: { message_id: 8, date: 1, chat, from, document: { file_id: 'd1', file_unique_id: 'u', file_name: 'statement.pdf', mime_type: 'application/pdf' } } }, options);
    expect(doc).toMatchObject({ message: { attachments: [{ providerFileId: 'd1', fileName: 'statement.pdf', contentType: 'application/pdf' }] } });
  });

  it('answers /start (also with a bot name or deep-link payload) with the greeting, not a case', () => {
    for (const text of ['/start', '/start@inbox_bot', '/start campaign-7']) {
      expect(parseTelegramUpdate({ update_id: 15, message: { message_id: 9, date: 1, chat, from, text } }, options)).toEqual({ kind: 'start', chatId: 42, replyToMessageId: 9 });
    }
    expect(parseTelegramUpdate({ update_id: 16, message: { message_id: 10, date: 1, chat, from, text: '/started already' } }, options)).toMatchObject({ kind: 'message' });
  });

  it('delivers /status as an ordinary message for the compliance engine', () => {
    expect(parseTelegramUpdate({ update_id: 17, message: { message_id: 11, date: 1, chat, from, text: '/status C-000123' } }, options)).toMatchObject({ kind: 'message', message: { text: '/status C-000123' } });
  });

  it('keeps a message it does not understand as unsupported, naming its kind, with the raw update', () => {
    const update = { update_id: 18, message: { message_id: 12, date: 1, chat, from, location: { latitude: -33.8, longitude: 151.2 } } };
    expect(parseTelegramUpdate(update, options)).toMatchObject({ kind: 'message', message: { text: '[Unsupported Telegram message: location]', raw: update } });
  });

  it('keeps an unknown update type from a customer as unsupported, and reports one nobody sent', () => {
    const reaction = { update_id: 19, callback_query: { id: 'q', from, chat_instance: 'x', data: 'yes' } };
    expect(parseTelegramUpdate(reaction, options)).toMatchObject({ kind: 'message', message: { externalId: 'update:19', sender: { address: '42' }, text: '[Unsupported Telegram update: callback_query]', raw: reaction } });
    expect(parseTelegramUpdate({ update_id: 20, poll: { id: 'p', question: '?', options: [] } }, options)).toMatchObject({ kind: 'senderless', updateType: 'poll' });
    expect(parseTelegramUpdate({ update_id: 21, channel_post: { message_id: 1, date: 1, chat: { id: -100, type: 'channel' }, text: 'news' } }, options)).toMatchObject({ kind: 'senderless', updateType: 'channel_post' });
  });

  it('refuses something that is not an update', () => {
    for (const bad of [null, [], 'x', {}, { update_id: 'one' }]) {
      expect(() => parseTelegramUpdate(bad, options)).toThrow(InvalidInputError);
    }
  });
});

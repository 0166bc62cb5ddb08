import { adversarialTexts, millisecondsFor, PROMPT_MS } from '../../../../test/support/adversarial-inputs';
import { parseTelegramUpdate } from './telegram-update.parser';

const from = { id: 42, is_bot: false, first_name: 'Ann' };
const chat = { id: 42, type: 'private' };

describe('parseTelegramUpdate on hostile 1 MB values', () => {
  it.each(Object.entries(adversarialTexts()))('returns promptly with %s as text, caption, names and file names', (_name, value) => {
    const updates = [
      { update_id: 1, message: { message_id: 1, date: 1_732_300_000, chat, from, text: value } },
      { update_id: 2, message: { message_id: 2, date: 1_732_300_000, chat, from, text: `/start ${value}` } },
      { update_id: 3, edited_message: { message_id: 3, date: 1_732_300_000, chat, from: { ...from, first_name: value, last_name: value }, caption: value } },
      { update_id: 4, message: { message_id: 4, date: 1_732_300_000, chat, from, document: { file_id: value, file_name: value, mime_type: value } } },
      { update_id: 5, [value.slice(0, 1000)]: { from, date: value } },
    ];
    for (const update of updates) expect(millisecondsFor(() => parseTelegramUpdate(update, { botId: '7', receivedAt: new Date() }))).toBeLessThan(PROMPT_MS);
  });
});

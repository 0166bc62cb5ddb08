/**
 * Reads a customer's reply to the satisfaction question as a score 1–5: a
 * digit or a number word in English or Russian, optionally "/5", "out of 5",
 * "из 5", "stars"/"звезды", or star emoji. Anything else is not an answer
 * (it may be a new complaint), so the reading is strict on purpose.
 */
const WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5,
  один: 1, одна: 1, единица: 1, кол: 1,
  два: 2, две: 2, двойка: 2,
  три: 3, тройка: 3,
  четыре: 4, четверка: 4, четвёрка: 4,
  пять: 5, пятерка: 5, пятёрка: 5,
};

const SUFFIX = /^(?:\/\s*5|of\s+5|out\s+of\s+5|из\s+5|stars?|звезд[аы]?|балл(?:а|ов)?|points?)?$/u;

export function parseSatisfactionAnswer(text: string): number | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed.length === 0 || trimmed.length > 40) return null;
  const stars = trimmed.replace(/\ufe0f/g, '');
  if (/^(?:⭐|★){1,5}$/u.test(stars)) return [...stars].length;
  const cleaned = trimmed.replace(/^[\s"'«(]+|[\s"'».,!)]+$/gu, '');
  const match = /^([1-5]|[\p{L}]+)(?:\s*(.*))?$/u.exec(cleaned);
  if (!match) return null;
  const score = /^[1-5]$/.test(match[1]) ? Number(match[1]) : WORDS[match[1]];
  if (score === undefined) return null;
  return SUFFIX.test((match[2] ?? '').trim()) ? score : null;
}

/** The question, in the customer's language (Russian when they wrote in Russian). */
export function satisfactionQuestion(reference: string, language: 'en' | 'ru'): { text: string; choices: string[] } {
  const choices = ['1', '2', '3', '4', '5'];
  if (language === 'ru') {
    return {
      text: `Ваше обращение ${reference} рассмотрено. Насколько вы довольны тем, как мы его решили? Ответьте цифрой от 1 (совсем недовольны) до 5 (очень довольны).`,
      choices,
    };
  }
  return {
    text: `Your complaint ${reference} has been resolved. How satisfied are you with how we handled it? Reply with a number from 1 (very dissatisfied) to 5 (very satisfied).`,
    choices,
  };
}

/** Russian when the customer's latest words were mostly Cyrillic or classified as Russian. */
export function customerLanguage(latest: { text: string; language?: string | null } | undefined): 'en' | 'ru' {
  if (!latest) return 'en';
  if (latest.language === 'ru') return 'ru';
  const letters = latest.text.match(/\p{L}/gu) ?? [];
  const cyrillic = latest.text.match(/\p{Script=Cyrillic}/gu) ?? [];
  return letters.length > 0 && cyrillic.length / letters.length > 0.5 ? 'ru' : 'en';
}

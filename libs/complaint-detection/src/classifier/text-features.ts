/**
 * Turns a customer message (English or Russian) into the sparse features the
 * classifier learns from: stemmed word unigrams and bigrams, character n-grams
 * inside words (they catch typos and the Russian endings the stemmer misses)
 * and a few shape features (length, URL, emoji-only, shouting).
 */

export type Language = 'en' | 'ru';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const CYRILLIC = /\p{Script=Cyrillic}/gu;
const LATIN = /\p{Script=Latin}/gu;
const EMOJI = /\p{Extended_Pictographic}/gu;
const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/giu;
const HAS_URL = /https?:\/\/|www\./i;
const MONEY = /[$€£₽]\s?\d|\d\s?(?:руб|р\.|\$|aud|usd|dollars?)/iu;

/** Lowercase, compatibility-fold, and treat ё as е (Russian writers use both). */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е').replace(/[’‘`]/g, "'");
}

/** Russian when Cyrillic letters outnumber Latin ones; English otherwise (also for text without letters). */
export function detectLanguage(text: string): Language {
  const cyr = text.match(CYRILLIC)?.length ?? 0;
  const lat = text.match(LATIN)?.length ?? 0;
  return cyr > lat ? 'ru' : 'en';
}

/** Words of the message; numbers become `#` (the amount matters less than that there is one). */
export function wordsOf(text: string): string[] {
  return (normalizeText(text).replace(URL, ' ').match(WORD) ?? []).map((w) => (/^\d+$/.test(w) ? '#' : w));
}

// Longest endings first; Russian inflection is stripped so "списали", "списание", "списать" meet.
const RU_ENDINGS = [
  'иями', 'ями', 'ами', 'иях', 'ого', 'его', 'ему', 'ому', 'ыми', 'ими', 'ией', 'ться', 'тся', 'ешь', 'ете', 'ите',
  'ала', 'яла', 'ила', 'ыла', 'ают', 'яют', 'уют', 'ует', 'ает', 'ение', 'ание', 'ость', 'ости', 'ания', 'ения',
  'ся', 'сь', 'ой', 'ей', 'ий', 'ый', 'ая', 'яя', 'ое', 'ее', 'ую', 'юю', 'ом', 'ем', 'ах', 'ях', 'ов', 'ев',
  'ть', 'ет', 'ют', 'ут', 'ит', 'ат', 'ят', 'ла', 'ло', 'ли', 'ал', 'ил', 'ия', 'ие', 'ью', 'ам', 'ям',
  'а', 'я', 'о', 'е', 'ы', 'и', 'у', 'ю', 'ь', 'й', 'л',
];
const EN_ENDINGS = ['ingly', 'edly', 'ments', 'ment', 'ings', 'ing', 'ied', 'ies', 'ed', 'es', 'ly', 's'];

/** A light stemmer: strip one common ending, keep at least three letters, cap Russian stems at six. */
export function stem(word: string): string {
  if (/^\p{Script=Cyrillic}+$/u.test(word)) {
    if (word.length <= 3) return word;
    let base = word;
    const end = RU_ENDINGS.find((e) => word.endsWith(e) && word.length - e.length >= 3);
    if (end) base = word.slice(0, word.length - end.length);
    // The verb's theme vowel (спис-а-ть, плат-и-ть) goes too, so verbs meet their nouns.
    if (base.length >= 4 && /[аеиоуыэюяь]$/.test(base)) base = base.slice(0, -1);
    return base.slice(0, 6);
  }
  if (word.length <= 3 || !/^[a-z']+$/.test(word)) return word;
  const w = word.replace(/'s$/, '').replace(/n't$/, 'nt');
  for (const end of EN_ENDINGS) {
    if (w.endsWith(end) && !w.endsWith('ss') && w.length - end.length >= 3) return w.slice(0, w.length - end.length);
  }
  return w;
}

export function stems(text: string): string[] {
  return wordsOf(text).map(stem);
}

function bucket(n: number, edges: number[]): number {
  let i = 0;
  while (i < edges.length && n > edges[i]) i++;
  return i;
}

/** The distinct feature names of one message (presence, not counts: long emails should not outweigh SMS). */
export function extractFeatures(text: string): string[] {
  const features = new Set<string>();
  const words = wordsOf(text);
  const stemmed = words.map(stem);
  for (const s of stemmed) features.add(`w:${s}`);
  // How a message opens separates questions ("how do I", "подскажите") from grievances.
  if (stemmed.length > 0) features.add(`first:${stemmed[0]}`);
  if (stemmed.length > 1) features.add(`first:${stemmed[0]}_${stemmed[1]}`);
  for (let i = 0; i + 1 < stemmed.length; i++) features.add(`b:${stemmed[i]}_${stemmed[i + 1]}`);
  for (const w of words) {
    if (w === '#') continue;
    const padded = `^${w}$`;
    for (let n = 3; n <= 4; n++) {
      for (let i = 0; i + n <= padded.length; i++) features.add(`c:${padded.slice(i, i + n)}`);
    }
  }
  const emoji = text.match(EMOJI)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  features.add(`len:${bucket(words.length, [0, 2, 5, 12, 30, 80])}`);
  if (emoji > 0) features.add('emoji');
  if (emoji > 0 && letters === 0) features.add('emoji-only');
  if (HAS_URL.test(text)) features.add('url');
  if (MONEY.test(text)) features.add('money');
  if (text.includes('?')) features.add('question');
  if (text.trim().endsWith('?')) features.add('ends-question');
  if ((text.match(/!/g)?.length ?? 0) >= 2) features.add('exclaim');
  if (letters >= 8 && upper / letters > 0.6) features.add('shouting');
  return [...features];
}

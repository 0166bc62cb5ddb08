/**
 * Russian typed in Latin letters ("spasibo za nichego, vernite dengi") is common in SMS and chat. The model
 * and the lexicons read Cyrillic, so a message that reads as transliterated Russian is turned back into
 * Cyrillic first. Informal transliteration mixes schemes (й as j or y, х as h or kh, ц as c or ts, ь as ' or
 * nothing), which the published Cyrillic→Latin tables do not reverse; hence this small table of our own.
 */

/** Common Russian words as people type them in Latin; two of them, a quarter of the words, mark a message. */
const MARKERS = new Set([
  'ne', 'ya', 'vy', 'vi', 'mne', 'menya', 'menja', 'moj', 'moi', 'moy', 'moya', 'moja', 'moe', 'za', 'eto', 'chto', 'shto', 'kak', 'pochemu',
  'uzhe', 'uje', 'opyat', 'opjat', 'snova', 'spasibo', 'spasib', 'sps', 'dengi', 'deneg', 'nichego', 'net', 'vse', 'vsyo', 'tolko', 'ochen',
  'kogda', 'gde', 'skolko', 'mozhno', 'nuzhno', 'pozhaluysta', 'pozhalujsta', 'pojaluysta', 'zdravstvujte', 'zdravstvuyte', 'privet',
  'bolshoe', 'podskazhite', 'hochu', 'bylo', 'byl', 'byla', 'budet', 'mesyac', 'nedelyu', 'dnej', 'dney', 'kartu', 'karty', 'karta',
  'schet', 'schyot', 'kredit', 'kreditu', 'perevod', 'prilozhenie', 'rabotaet', 'otvet', 'otveta', 'segodnya', 'vchera', 'bank', 'banka',
  'vernite', 'verni', 'nikto', 'tak', 'esli', 'chtoby', 'mozhet', 'ili', 'tozhe', 'eshe', 'eshche', 'sejchas', 'seychas', 'teper', 'potom',
  'dolzhen', 'nado', 'bez', 'dlya', 'dlja', 'posle', 'li', 'ponyal', 'ponyala', 'ponyatno', 'horosho', 'khorosho', 'ladno', 'otkryt',
  'zakryt', 'vklad', 'karte', 'kartoj', 'uvelichit', 'onlajn', 'onlayn', 'kreditka', 'ipoteka', 'ipoteke', 'strahovka', 'strahovku',
  'zarplata', 'zarplatu', 'rublej', 'rubley', 'ot', 'iz', 'pro', 'u', 'v', 's', 'k', 'o', 'po', 'na', 'a', 'i', 'no', 'do',
]);
/** Words that are also everyday English; they never count as markers on their own. */
const SHARED_WITH_ENGLISH = new Set(['u', 'v', 's', 'k', 'o', 'a', 'i', 'no', 'do', 'bank', 'net', 'tak', 'pro', 'ot', 'iz', 'po', 'na']);

const LATIN_WORD = /[a-z']+/g;

/** True when a Latin-script message reads as Russian. */
export function looksTransliterated(text: string): boolean {
  const words = text.toLowerCase().match(LATIN_WORD) ?? [];
  if (words.length === 0 || /\p{Script=Cyrillic}/u.test(text)) return false;
  const strong = words.filter((w) => MARKERS.has(w) && !SHARED_WITH_ENGLISH.has(w)).length;
  const any = words.filter((w) => MARKERS.has(w)).length;
  return strong >= 2 && any / words.length >= 0.25;
}

/** Frequent words whose ь or э the letter table cannot know. */
const WHOLE_WORDS: Record<string, string> = {
  eto: 'это', etot: 'этот', eta: 'эта', etu: 'эту', eti: 'эти', etogo: 'этого', etom: 'этом', dengi: 'деньги', den: 'день',
  teper: 'теперь', opyat: 'опять', opjat: 'опять', skolko: 'сколько', tolko: 'только', bolshoe: 'большое', bolshe: 'больше',
  ochen: 'очень', vsyo: 'всё', mesyac: 'месяц', platit: 'платить', zaplatit: 'заплатить', skandalit: 'скандалить',
};

// Longest first: "shch" before "sh", "zh" before "z"; "sch" is mostly сч (schet, schastye).
const MULTI: Array<[string, string]> = [
  ['shch', 'щ'], ['sch', 'сч'], ['zh', 'ж'], ['kh', 'х'], ['ch', 'ч'], ['sh', 'ш'], ['ts', 'ц'],
  ['yu', 'ю'], ['ju', 'ю'], ['ya', 'я'], ['ja', 'я'], ['yo', 'ё'], ['jo', 'ё'], ['ye', 'е'], ['je', 'е'],
];
const SINGLE: Record<string, string> = {
  a: 'а', b: 'б', v: 'в', w: 'в', g: 'г', d: 'д', e: 'е', z: 'з', i: 'и', j: 'й', k: 'к', l: 'л', m: 'м', n: 'н',
  o: 'о', p: 'п', r: 'р', s: 'с', t: 'т', u: 'у', f: 'ф', h: 'х', c: 'ц', q: 'к', "'": 'ь',
};
const VOWELS = 'aeiouy';

function wordToCyrillic(word: string): string {
  const whole = WHOLE_WORDS[word];
  if (whole) return whole;
  let out = '';
  for (let i = 0; i < word.length; ) {
    const multi = MULTI.find(([latin]) => word.startsWith(latin, i));
    if (multi) {
      out += multi[1];
      i += multi[0].length;
      continue;
    }
    const ch = word[i];
    if (ch === 'y') {
      // After a vowel or at the end after one, y is й ("moy", "kakoy"); after a consonant it is ы ("vy", "dengy").
      out += i > 0 && VOWELS.includes(word[i - 1]) ? 'й' : 'ы';
    } else if (ch === 'x') {
      out += 'кс';
    } else {
      out += SINGLE[ch] ?? ch;
    }
    i += 1;
  }
  return out;
}

/** The message in Cyrillic when it reads as transliterated Russian; otherwise unchanged. */
export function readableText(text: string): string {
  if (!looksTransliterated(text)) return text;
  return text.replace(/[A-Za-z']+/g, (word) => {
    const cyrillic = wordToCyrillic(word.toLowerCase());
    return word[0] === word[0].toUpperCase() && word[0] !== "'" ? cyrillic[0].toUpperCase() + cyrillic.slice(1) : cyrillic;
  });
}

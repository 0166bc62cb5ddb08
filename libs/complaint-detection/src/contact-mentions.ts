import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';
import { findEmailMentions } from './email-mentions';

/** Email addresses are looked for in this much of a message (a linear scan; the intake caps texts at 100,000). */
export const MAX_EMAIL_MENTION_SCAN = 100_000;
/**
 * libphonenumber's search is linear but slow on long runs of digits and spaces (tens of µs a
 * character): it is given only short runs that could be a number, and only so many of them.
 */
const MAX_PHONE_RUN = 40;
const MIN_PHONE_DIGITS = 6;
const MAX_PHONE_DIGITS = 17;
export const MAX_PHONE_CANDIDATES = 20;

/**
 * Email addresses and phone numbers a customer wrote inside a message
 * ("my email is …", "call me on 0412 …"), normalised like identities, so they
 * can be matched against other customers' identities as merge suggestions.
 */
export function findContactMentions(text: string, defaultRegion: string): { emails: string[]; phones: string[] } {
  const emails = new Set(findEmailMentions(text.slice(0, MAX_EMAIL_MENTION_SCAN)));
  const phones = new Set<string>();
  for (const candidate of phoneCandidates(text)) {
    for (const found of findPhoneNumbersInText(candidate, defaultRegion as CountryCode)) {
      if (found.number.isPossible()) phones.add(found.number.number);
    }
  }
  return { emails: [...emails], phones: [...phones] };
}

/**
 * Short runs of digits and phone punctuation ("+61 (0)412 345-678"), each with the character
 * on either side so the library still sees a number glued to a word; one pass over the text.
 */
function phoneCandidates(text: string): string[] {
  const candidates: string[] = [];
  let i = 0;
  while (i < text.length && candidates.length < MAX_PHONE_CANDIDATES) {
    if (!isDigit(text.charCodeAt(i)) && text[i] !== '+' && text[i] !== '(') {
      i++;
      continue;
    }
    const start = i;
    let digits = 0;
    while (i < text.length && isPhoneChar(text.charCodeAt(i))) {
      if (isDigit(text.charCodeAt(i))) digits++;
      i++;
    }
    if (i - start <= MAX_PHONE_RUN && digits >= MIN_PHONE_DIGITS && digits <= MAX_PHONE_DIGITS) {
      candidates.push(text.slice(Math.max(0, start - 1), i + 1));
    }
  }
  return candidates;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Digits, spaces and the punctuation people put in phone numbers: + ( ) - . / and the en dash. */
function isPhoneChar(c: number): boolean {
  return isDigit(c) || c === 0x20 || c === 0xa0 || c === 0x2b || c === 0x28 || c === 0x29 || c === 0x2d || c === 0x2e || c === 0x2f || c === 0x2013;
}

/**
 * A name compared across customers: case and spacing do not matter (the same
 * folding as the SQL index on customers: lower(regexp_replace(btrim(name), '\s+', ' ', 'g'))).
 * A single word is too weak to suggest anything.
 */
export function comparableName(name: string | null | undefined): string | null {
  if (!name) return null;
  const folded = name.trim().replace(/\s+/g, ' ').toLowerCase();
  return folded.length >= 3 && folded.includes(' ') ? folded : null;
}

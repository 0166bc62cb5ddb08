import { findPhoneNumbersInText, type CountryCode } from 'libphonenumber-js';

const EMAIL_PATTERN = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/gi;

/**
 * Email addresses and phone numbers a customer wrote inside a message
 * ("my email is …", "call me on 0412 …"), normalised like identities, so they
 * can be matched against other customers' identities as merge suggestions.
 */
export function findContactMentions(text: string, defaultRegion: string): { emails: string[]; phones: string[] } {
  const emails = new Set((text.match(EMAIL_PATTERN) ?? []).map((e) => e.trim().toLowerCase().replace(/\.+$/, '')));
  const phones = new Set<string>();
  for (const found of findPhoneNumbersInText(text, defaultRegion as CountryCode)) {
    if (found.number.isPossible()) phones.add(found.number.number);
  }
  return { emails: [...emails], phones: [...phones] };
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

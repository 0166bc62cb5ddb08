import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** The customer's language: what the classifier said, else Russian for Cyrillic text, else English. */
export function complainantLanguage(classified: string | null | undefined, text: string | null | undefined): string {
  if (classified && /^[a-z]{2,3}$/.test(classified)) return classified;
  return /[\u0400-\u04FF]/.test(text ?? '') ? 'ru' : 'en';
}

/** A date as the customer reads it, in the firm's zone: "Friday 5 July 2024" / "пятница, 5 июля 2024 г.". */
export function formatDueDate(date: Date, language: string, timeZone: string): string {
  const locale = language === 'ru' ? 'ru-RU' : 'en-AU';
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

// No 0/O, 1/I/L: the customer types it from an SMS.
const SECRET_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The code the acknowledgement carries for the status page: 8 characters, about 39 bits. */
export function newStatusSecret(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += SECRET_ALPHABET[randomInt(SECRET_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

function normaliseSecret(secret: string): string {
  return secret.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Only this hash is stored, bound to the reference. */
export function hashStatusSecret(reference: string, secret: string): string {
  return createHash('sha256').update(`${reference}:${normaliseSecret(secret)}`).digest('hex');
}

export function statusSecretMatches(reference: string, secret: string, storedHash: string | null): boolean {
  const given = Buffer.from(hashStatusSecret(reference, secret), 'hex');
  // Compare against something even when there is no hash, so timing does not tell which references exist.
  const stored = Buffer.from(storedHash ?? '0'.repeat(64), 'hex');
  return stored.length === given.length && timingSafeEqual(stored, given) && storedHash !== null;
}

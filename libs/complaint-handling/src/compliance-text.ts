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

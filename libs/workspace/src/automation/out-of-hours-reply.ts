/**
 * The automatic reply to a message that is not a complaint, sent when it arrives while its team is closed
 * (complaints get the RG 271 acknowledgement instead). One wording per language, like the compliance
 * templates (English and Russian); other languages get English. It names no customer data, so it may answer
 * a public comment in public.
 */
const WORDING: Record<'en' | 'ru', (opensAt: string) => string> = {
  en: (opensAt) => `Thank you for your message. Our team is closed right now and opens again ${opensAt}; we will answer you then. You do not need to write again.`,
  ru: (opensAt) => `Спасибо за ваше сообщение. Сейчас наша команда не работает и откроется ${opensAt}; тогда мы вам ответим. Писать повторно не нужно.`,
};

/** The reply in the customer's language, with the next opening in the firm's time zone. */
export function outOfHoursReplyText(language: string | null | undefined, opensAt: Date, timeZone: string): { language: 'en' | 'ru'; text: string } {
  const lang = language === 'ru' ? 'ru' : 'en';
  const when = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-AU', { timeZone, weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' }).format(opensAt);
  return { language: lang, text: WORDING[lang](lang === 'ru' ? when : `on ${when}`) };
}

/**
 * "Status on request" (ISO 10002 tracking): a message that only asks for the
 * status — "status", "/status" (Telegram), "статус" — optionally with a case
 * reference, gets the status back instead of becoming a case.
 */
const KEYWORDS = new Set(['status', 'статус']);
/** Words a status request may carry around the keyword without being a new complaint. */
const FILLER = new Set(['my', 'of', 'for', 'the', 'complaint', 'case', 'please', 'pls', 'what', 'is', 'моей', 'моих', 'жалобы', 'жалоб', 'по', 'какой', 'пожалуйста']);
const REFERENCE = /^#?([a-z])-?(\d{1,9})$/i;

export interface StatusRequest {
  /** The reference the customer named, normalised (C-000123), when there was one. */
  reference?: string;
}

export function parseStatusRequest(text: string): StatusRequest | null {
  if (text.length > 80) return null;
  const tokens = text
    .toLowerCase()
    .replace(/[,.:;!?()"«»]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const keyword = tokens.findIndex((t) => KEYWORDS.has(t.replace(/^\//, '').replace(/@\w+$/, '')));
  if (keyword === -1) return null;
  let reference: string | undefined;
  for (const [i, token] of tokens.entries()) {
    if (i === keyword || FILLER.has(token)) continue;
    const ref = REFERENCE.exec(token);
    if (!ref || reference) return null;
    reference = `${ref[1].toUpperCase()}-${ref[2].padStart(6, '0')}`;
  }
  return reference ? { reference } : {};
}

/** Localised words for the status reply. */
export const STATUS_KEYWORD: Record<string, string> = { en: 'STATUS', ru: 'СТАТУС' };

const CASE_STATUS_LABELS: Record<string, Record<string, string>> = {
  en: {
    new: 'received, waiting to be picked up',
    open: 'being handled',
    pending: 'waiting for information',
    escalated: 'escalated to a senior specialist',
    resolved: 'resolved',
    closed: 'closed',
  },
  ru: {
    new: 'получена, ожидает рассмотрения',
    open: 'в работе',
    pending: 'ожидаем информацию',
    escalated: 'передана старшему специалисту',
    resolved: 'решена',
    closed: 'закрыта',
  },
};

export function caseStatusLabel(status: string, language: string): string {
  return (CASE_STATUS_LABELS[language] ?? CASE_STATUS_LABELS.en)[status] ?? status;
}

/** One line per case: reference, status, and the date of the final response when still open. */
export function statusLine(
  input: { reference: string; status: string; respondBy: string | null; open: boolean },
  language: string,
): string {
  const label = caseStatusLabel(input.status, language);
  if (!input.open || !input.respondBy) return `${input.reference}: ${label}`;
  return language === 'ru'
    ? `${input.reference}: ${label}; окончательный ответ не позднее ${input.respondBy}`
    : `${input.reference}: ${label}; final response due by ${input.respondBy}`;
}

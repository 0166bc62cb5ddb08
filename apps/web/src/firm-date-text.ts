/**
 * Dates typed and shown as the firm writes them (en-AU: day first, 05/12/2026),
 * whatever the browser's language: a native date input follows the browser's
 * locale and showed 12/05/2026 in an American one. Values stay YYYY-MM-DD.
 */

/** "2026-12-05" → "05/12/2026"; anything else → "". */
export function formatFirmDateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

/**
 * What a person typed as a day, as YYYY-MM-DD, or null when it is not a real
 * day: day first (5/12/2026, 05.12.2026, 5-12-2026, 5 12 2026), or ISO
 * (2026-12-05, as a pasted value or an older bookmark gives it).
 */
export function parseFirmDateText(text: string): string | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const dayFirst = /^(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{4})$/.exec(trimmed);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : dayFirst ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [];
  if (!year) return null;
  const y = Number(year);
  const mo = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, mo - 1, d));
  // 31/02 rolls over to March in Date: not a real day.
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${year}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A calendar day (YYYY-MM-DD, already the firm's day, so no zone applies) as the firm writes it: "5 Dec 2026". */
export function formatCalendarDay(day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return new Date(`${day}T12:00:00Z`).toLocaleDateString('en-AU', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

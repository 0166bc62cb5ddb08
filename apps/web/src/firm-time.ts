/**
 * The firm's time zone (TIMEZONE, from GET /api/workspace/settings): every
 * date and time in the workspace is shown in it, with its abbreviation, so a
 * deadline at the end of a Sydney day reads the same to an agent anywhere.
 * Until the setting has loaded, the browser's zone is used.
 */
let zone: string = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function setFirmTimeZone(timeZone: string): void {
  zone = timeZone;
}

export function firmTimeZone(): string {
  return zone;
}

/** "AEDT", "AEST", "GMT+10": the zone's short name at that moment. */
export function zoneAbbreviation(date: Date, timeZone = zone): string {
  const part = new Intl.DateTimeFormat('en-AU', { timeZone, timeZoneName: 'short' }).formatToParts(date).find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** The calendar day in the firm's zone, as YYYY-MM-DD. */
export function firmDate(date: Date | number, timeZone = zone): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Adds whole days to a YYYY-MM-DD day (calendar arithmetic, no zone involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last `days` days ending today in the firm's zone: what reports show unless asked otherwise. */
export function lastDaysInFirmZone(days: number, now = Date.now()): { from: string; to: string } {
  const to = firmDate(now);
  return { from: addDays(to, -(days - 1)), to };
}

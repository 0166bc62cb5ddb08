import { addDays, civilDateOf, instantAtWallClock, weekday, type BusinessCalendar, type CivilDate } from '@inbox/compliance';
import { InvalidInputError, WEEKDAYS, type OpeningInterval, type WeeklyHours } from '@inbox/contracts';

/**
 * A team's business hours as pure functions of the hours, the firm's calendar (zone and public holidays,
 * libs/compliance) and an instant: whether the team is open, when it next opens, and deadlines counted in
 * its open time. An opening belongs to the day it opens: an overnight one (22:00–06:00) runs into the next
 * day, and none opens on a public holiday. Wall times are the zone's, so a daylight-saving change shortens or
 * lengthens the day's opening as the clocks do.
 */

/** How far ahead an opening is looked for: a team closed for longer has, for these rules, no next opening. */
const HORIZON_DAYS = 800;

type Span = { start: number; end: number };

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** `HH:MM` as minutes after midnight (`24:00` is 1440), or null when it is not such a time. */
export function clockMinutes(text: string): number | null {
  const m = CLOCK.exec(text);
  if (!m) return null;
  return m[1] === undefined ? 1440 : Number(m[1]) * 60 + Number(m[2]);
}

/** Checks a week of hours as an admin sent it: every day named, each opening two valid times, at most 4 a day. */
export function weeklyHoursOf(input: unknown): WeeklyHours {
  if (!input || typeof input !== 'object') throw new InvalidInputError('invalid_hours', 'Business hours are a list of openings for each day of the week');
  const week = {} as WeeklyHours;
  for (const day of WEEKDAYS) {
    const raw = (input as Record<string, unknown>)[day] ?? [];
    if (!Array.isArray(raw) || raw.length > 4) throw new InvalidInputError('invalid_hours', `${day}: give up to 4 openings`);
    week[day] = raw.map((interval: unknown): OpeningInterval => {
      const { open, close } = (interval ?? {}) as Record<string, unknown>;
      if (typeof open !== 'string' || typeof close !== 'string' || clockMinutes(open) === null || clockMinutes(close) === null || open === '24:00') {
        throw new InvalidInputError('invalid_hours', `${day}: an opening is two times written HH:MM (e.g. 09:00–17:00)`);
      }
      return { open, close };
    });
  }
  return week;
}

/** The openings of one day as instants; an opening whose close is at or before its open ends the next day. */
function spansOf(hours: WeeklyHours, calendar: BusinessCalendar, date: CivilDate): Span[] {
  if (calendar.isPublicHoliday(date)) return [];
  return hours[WEEKDAYS[weekday(date)]]
    .map(({ open, close }) => {
      const from = clockMinutes(open)!;
      const to = clockMinutes(close)!;
      const start = instantAtWallClock(date, from, calendar.timeZone).getTime();
      const end = to > from ? instantAtWallClock(date, to, calendar.timeZone).getTime() : instantAtWallClock(addDays(date, 1), to, calendar.timeZone).getTime();
      return { start, end };
    })
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
}

/** The open time from the day before `from` onwards, in order, overlaps merged away; spans that ended by `from` left out. */
function* openSpansFrom(hours: WeeklyHours, calendar: BusinessCalendar, from: Date): Generator<Span> {
  const first = addDays(civilDateOf(from, calendar.timeZone), -1);
  let cursor = from.getTime();
  for (let i = 0; i < HORIZON_DAYS; i++) {
    for (const span of spansOf(hours, calendar, addDays(first, i))) {
      const start = Math.max(span.start, cursor);
      if (span.end <= start) continue;
      cursor = span.end;
      yield { start, end: span.end };
    }
  }
}

/** Whether the team is open at that instant. */
export function isWithinBusinessHours(hours: WeeklyHours, calendar: BusinessCalendar, instant: Date): boolean {
  const t = instant.getTime();
  const today = civilDateOf(instant, calendar.timeZone);
  return [addDays(today, -1), today].some((d) => spansOf(hours, calendar, d).some((s) => s.start <= t && t < s.end));
}

/** When the team next opens after a closed instant (the instant itself when open); null when it never opens. */
export function nextOpening(hours: WeeklyHours, calendar: BusinessCalendar, instant: Date): Date | null {
  const span = openSpansFrom(hours, calendar, instant).next();
  return span.done ? null : new Date(span.value.start);
}

/** The instant `amount` hours of the team's open time after `start` (the clock runs only while it is open); null when it never opens. */
export function addBusinessHours(hours: WeeklyHours, calendar: BusinessCalendar, start: Date, amount: number): Date | null {
  let remaining = amount * 3600_000;
  if (remaining <= 0) return start;
  for (const span of openSpansFrom(hours, calendar, start)) {
    const available = span.end - span.start;
    if (remaining <= available) return new Date(span.start + remaining);
    remaining -= available;
  }
  return null;
}

/**
 * The close of the team's `amount`th open day after the day of `start` (that day excluded, as RG 271 counts
 * days): one business day after a message on Monday morning is Tuesday's close. Null when it never opens.
 */
export function endOfBusinessDays(hours: WeeklyHours, calendar: BusinessCalendar, start: Date, amount: number): Date | null {
  const first = civilDateOf(start, calendar.timeZone);
  let counted = 0;
  for (let i = 1; i <= HORIZON_DAYS; i++) {
    const spans = spansOf(hours, calendar, addDays(first, i));
    if (spans.length === 0) continue;
    counted += 1;
    if (counted >= amount) return new Date(Math.max(...spans.map((s) => s.end)));
  }
  return null;
}

/** The week of a team that keeps no hours, for counting business days: Monday to Friday, all day. */
export const WORKING_WEEK: WeeklyHours = {
  sun: [],
  mon: [{ open: '00:00', close: '24:00' }],
  tue: [{ open: '00:00', close: '24:00' }],
  wed: [{ open: '00:00', close: '24:00' }],
  thu: [{ open: '00:00', close: '24:00' }],
  fri: [{ open: '00:00', close: '24:00' }],
  sat: [],
};

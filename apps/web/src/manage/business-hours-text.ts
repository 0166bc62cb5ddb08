import type { OpeningInterval } from '@inbox/contracts';

/** A day's openings as typed: "09:00-17:00, 18:00-20:00" (either dash); empty is closed. */
export function intervalsText(intervals: OpeningInterval[]): string {
  return intervals.map((i) => `${i.open}–${i.close}`).join(', ');
}

/** Parses a day's openings, or gives the first part it could not read. */
export function parseIntervals(text: string): { intervals: OpeningInterval[] } | { error: string } {
  const intervals: OpeningInterval[] = [];
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})$/.exec(part);
    if (!m) return { error: part };
    const pad = (h: string, mm: string) => `${h.padStart(2, '0')}:${mm}`;
    intervals.push({ open: pad(m[1], m[2]), close: pad(m[3], m[4]) });
  }
  return { intervals };
}

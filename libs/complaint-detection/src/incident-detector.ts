/** Thresholds for calling a burst of similar complaints an incident (all configurable). */
export interface BurstSettings {
  /** The sliding window new complaints are counted in. */
  windowMinutes: number;
  /** How far back the usual rate is measured (before the window). */
  baselineDays: number;
  /** Never an incident below this many complaints in the window. */
  minComplaints: number;
  /** The window must hold this many times what the usual rate predicts. */
  rateMultiplier: number;
}

/**
 * A burst: at least `minComplaints` in the window and `rateMultiplier` times
 * what the baseline rate predicts for a window of that length.
 */
export function isBurst(inWindow: number, inBaseline: number, s: BurstSettings): boolean {
  const expected = (inBaseline * s.windowMinutes) / (s.baselineDays * 24 * 60);
  return inWindow >= s.minComplaints && inWindow >= s.rateMultiplier * expected;
}

/** The time ranges a burst check counts in, ending at `at`. */
export function burstRanges(at: Date, s: BurstSettings): { windowStart: Date; baselineStart: Date } {
  const windowStart = new Date(at.getTime() - s.windowMinutes * 60_000);
  return { windowStart, baselineStart: new Date(windowStart.getTime() - s.baselineDays * 86_400_000) };
}

const STOPWORDS = new Set(
  (
    'this that with have from your they them their there what when where which would could should about again been being ' +
    'into just more than then these those very will also only over some such here because still please after before ' +
    'cannot wont dont didnt doesnt isnt youre thanks thank hello dear regards today yesterday tomorrow want need help ' +
    'your yours mine ours were while said says every really back make made know call called time get got going ' +
    'это этот эта как что так все уже когда где если или только очень есть было были будет меня мне вам ваш ваша ' +
    'пожалуйста спасибо здравствуйте сегодня вчера опять снова'
  ).split(/\s+/),
);

/**
 * Words that could name what a burst is about ("outage", "declined",
 * "terminal"): lower-cased, at least four letters, no stop words, no numbers,
 * in order of first appearance.
 */
export function salientTerms(text: string, max = 8): string[] {
  const seen = new Set<string>();
  for (const token of text.toLowerCase().match(/[\p{L}]{4,}/gu) ?? []) {
    if (STOPWORDS.has(token) || seen.has(token)) continue;
    seen.add(token);
    if (seen.size >= max) break;
  }
  return [...seen];
}

export type IncidentKey = `category:${string}` | `term:${string}`;

/** What a complaint could belong to: its category first, then its salient terms. */
export function incidentKeysFor(category: string | null, text: string): IncidentKey[] {
  const keys: IncidentKey[] = [];
  if (category) keys.push(`category:${category}`);
  for (const term of salientTerms(text)) keys.push(`term:${term}`);
  return keys;
}

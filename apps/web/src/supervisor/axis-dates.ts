const DAY = 86_400;

/**
 * The time axis's labels the firm's way (en-AU, 24-hour clock), not uPlot's
 * American defaults ("12:15pm", "12/5/26"): "13:15" for times, with the day
 * ("5 Dec") under the first tick and under each tick where the day changes;
 * "5 Dec" for daily ticks; "Dec 2026" for monthly ones. `splits` are Unix seconds.
 */
export function timeAxisLabels(splits: readonly number[], incrementSeconds: number, timeZone: string): string[] {
  const day = new Intl.DateTimeFormat('en-AU', { day: 'numeric', month: 'short', timeZone });
  if (incrementSeconds >= 28 * DAY) {
    const month = new Intl.DateTimeFormat('en-AU', { month: 'short', year: 'numeric', timeZone });
    return splits.map((s) => month.format(s * 1000));
  }
  if (incrementSeconds >= DAY) return splits.map((s) => day.format(s * 1000));
  const time = new Intl.DateTimeFormat('en-AU', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  let previousDay = '';
  return splits.map((s) => {
    const thisDay = day.format(s * 1000);
    const label = thisDay === previousDay ? time.format(s * 1000) : `${time.format(s * 1000)}\n${thisDay}`;
    previousDay = thisDay;
    return label;
  });
}

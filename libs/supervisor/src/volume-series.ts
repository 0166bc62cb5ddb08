import type { ChannelVolumes } from '@inbox/contracts';

/** The public shape of live volumes (a public contract: docs/supervisor.md): REST `GET /api/metrics/volumes` and the `metrics.volumes` push. */

export const VOLUME_WINDOW_MINUTES = 60;
const MINUTE_MS = 60_000;

export interface MinuteCount {
  channel: string;
  minute: Date;
  count: number;
}

/** The start of the minute `at` falls in. */
export function minuteOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS);
}

/**
 * Per channel, one point per minute of the last 60 (the current minute last),
 * zeros included so every chart has the same x axis. A channel appears when it
 * has traffic in the window or is listed in `alwaysShow`.
 */
export function volumeSeries(counts: readonly MinuteCount[], now: Date, alwaysShow: readonly string[] = []): ChannelVolumes {
  const last = minuteOf(now).getTime();
  const first = last - (VOLUME_WINDOW_MINUTES - 1) * MINUTE_MS;
  const byChannel = new Map<string, Map<number, number>>();
  for (const name of alwaysShow) byChannel.set(name, new Map());
  for (const c of counts) {
    const t = minuteOf(c.minute).getTime();
    if (t < first || t > last) continue;
    const minutes = byChannel.get(c.channel) ?? new Map<number, number>();
    minutes.set(t, (minutes.get(t) ?? 0) + c.count);
    byChannel.set(c.channel, minutes);
  }
  const channels: ChannelVolumes['channels'] = {};
  for (const name of [...byChannel.keys()].sort()) {
    const minutes = byChannel.get(name)!;
    channels[name] = Array.from({ length: VOLUME_WINDOW_MINUTES }, (_, i) => {
      const t = first + i * MINUTE_MS;
      return { minute: new Date(t).toISOString(), count: minutes.get(t) ?? 0 };
    });
  }
  return { channels };
}

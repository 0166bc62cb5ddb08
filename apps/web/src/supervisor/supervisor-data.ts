/** The supervisor endpoints' and pushes' shapes are the server's: libs/contracts/src/supervisor.ts. */

/** One colour per channel, the same on every chart. */
export const CHANNEL_COLOURS: Record<string, string> = {
  sms: '#1f5eff',
  voice: '#7c3aed',
  email: '#0891b2',
  telegram: '#0ea5e9',
  messenger: '#2563eb',
  instagram: '#db2777',
  whatsapp: '#16a34a',
  facebook: '#1e40af',
  webchat: '#ea580c',
};

export function channelColour(channel: string): string {
  return CHANNEL_COLOURS[channel] ?? '#64748b';
}

/** "3 min", "2 h 05 min", "4 d 3 h": ages and waits at a glance. */
export function formatAge(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, '0')} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** A share as a percentage that stays readable for tiny thresholds (a demo's 0.005 %) and ordinary ones (80 %). */
export function formatPercent(fraction: number): string {
  const pct = fraction * 100;
  if (pct === 0 || Math.abs(pct) >= 10) return `${Math.round(pct)}%`;
  return `${Number(pct.toPrecision(2))}%`;
}

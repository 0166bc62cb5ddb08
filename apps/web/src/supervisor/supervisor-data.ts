/** What the supervisor endpoints and pushes carry (libs/gateway/src/supervisor). */
export interface ChannelVolumes {
  channels: Record<string, Array<{ minute: string; count: number }>>;
}

export interface DeadlineAlert {
  caseId: string;
  reference: string;
  channel: string;
  teamId: string | null;
  assigneeId: string | null;
  deadline: 'acknowledgement' | 'idr_response';
  state: 'at_risk' | 'breached';
  dueAt: string;
  fractionUsed: number;
}

export interface SupervisorOverview {
  today: { since: string; channels: Record<string, number> };
  queue: {
    at: string;
    openByStatus: Record<string, number>;
    openByTeam: Array<{ teamId: string | null; teamName: string | null; byStatus: Record<string, number>; total: number }>;
    oldestUnassigned: { caseId: string; reference: string; receivedAt: string; ageSeconds: number } | null;
    deadlines: {
      atRiskThreshold: number;
      counts: Record<'acknowledgement' | 'idr_response', { atRisk: number; breached: number }>;
      cases: DeadlineAlert[];
    };
  };
  agents: Array<{ userId: string; name: string; role: string; status: 'online' | 'away'; openCases: number; repliesLastHour: number }>;
  incidents: Array<{ id: string; key: string; title: string; status: string; openedAt: string; windowStartedAt: string; caseCount: number }>;
}

export interface ReportAnswer {
  report: string;
  from: string;
  to: string;
  filters: Record<string, string>;
  columns: string[];
  rows: Array<Record<string, string | number | null>>;
}

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

/** One sampled not-a-complaint decision (GET /api/classification-reviews). */
export interface ClassificationReviewItem {
  id: string;
  day: string;
  status: 'pending' | 'upheld' | 'overturned';
  modelKind: 'enquiry' | 'compliment' | 'noise';
  message: { id: string; caseId: string | null; caseReference: string | null; channel: string; text: string; senderAddress: string | null; receivedAt: string };
  decidedByName: string | null;
  decidedAt: string | null;
  reason: string | null;
}

/** GET /api/classification-reviews/stats: the sampling and overturn rates over the last days. */
export interface ClassificationReviewStats {
  from: string;
  to: string;
  settings: { share: number; minPerDay: number };
  days: Array<{ day: string; population: number; sampled: number; reviewed: number; overturned: number }>;
  totals: { population: number; sampled: number; reviewed: number; overturned: number; pending: number; samplingRate: number | null; overturnRate: number | null };
}

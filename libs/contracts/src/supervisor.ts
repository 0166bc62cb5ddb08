import type { ClassificationKind, MessageView } from './case-events';
import type { ClassificationReviewStatus } from './outcomes';

/** Live volumes per channel, one point per minute of the last hour: `GET /api/metrics/volumes` and the `metrics.volumes` push. */
export interface ChannelVolumes {
  channels: Record<string, Array<{ minute: string; count: number }>>;
}

/** Messages per channel since midnight in the firm's time zone (TIMEZONE). */
export interface VolumesToday {
  since: string;
  channels: Record<string, number>;
}

export type DeadlineKind = 'acknowledgement' | 'idr_response';

export interface DeadlineAlert {
  caseId: string;
  reference: string;
  channel: string;
  teamId: string | null;
  assigneeId: string | null;
  deadline: DeadlineKind;
  state: 'at_risk' | 'breached';
  dueAt: string;
  /** Share of the allowed time used (paused time excluded for the IDR clock). */
  fractionUsed: number;
}

export interface QueueHealth {
  at: string;
  openByStatus: Record<string, number>;
  openByTeam: Array<{ teamId: string | null; teamName: string | null; byStatus: Record<string, number>; total: number }>;
  oldestUnassigned: { caseId: string; reference: string; receivedAt: string; ageSeconds: number } | null;
  deadlines: {
    atRiskThreshold: number;
    /** Each count is exact up to this; a count above it means "more than countCap". */
    countCap: number;
    counts: Record<DeadlineKind, { atRisk: number; breached: number }>;
    /** The most urgent first (earliest due). */
    cases: DeadlineAlert[];
  };
}

export interface AgentLoad {
  userId: string;
  name: string;
  role: string;
  /** Connected to a gateway now (shared by every instance) or away. */
  status: 'online' | 'away';
  openCases: number;
  repliesLastHour: number;
}

/** A burst of similar complaints, with its live case count. */
export interface IncidentView {
  id: string;
  key: string;
  title: string;
  status: string;
  openedAt: string;
  windowStartedAt: string;
  caseCount: number;
}

/** What the live dashboard shows besides the volume chart: `supervisor.overview` and `GET /api/supervisor/overview`. */
export interface SupervisorOverview {
  today: VolumesToday;
  queue: QueueHealth;
  agents: AgentLoad[];
  /** Open incidents with their live case counts. */
  incidents: IncidentView[];
}

export const REPORT_NAMES = ['volumes', 'response-times', 'deadline-compliance', 'csat', 'complaints-by-category', 'unfounded-rate', 'reopen-rate'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

/** One report as a table: the JSON answer's `columns` and `rows`, also written as CSV. */
export interface ReportTable {
  columns: string[];
  rows: Array<Record<string, string | number | null>>;
}

/** `GET /api/reports/:name`: a table over a period, with the filters it was asked with. */
export interface Report extends ReportTable {
  report: ReportName;
  from: string;
  to: string;
  filters: { channel?: string; teamId?: string; category?: string; product?: string };
}

/** One sampled not-a-complaint decision (`GET /api/classification-reviews`). */
export interface ClassificationReview {
  id: string;
  day: string;
  status: ClassificationReviewStatus;
  /** What triage decided: enquiry, compliment or noise. */
  modelKind: ClassificationKind;
  message: MessageView & { caseReference: string | null };
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  reason: string | null;
}

/** `GET /api/classification-reviews/stats`: the sampling and overturn rates over the last days. */
export interface ClassificationReviewStats {
  from: string;
  to: string;
  settings: { share: number; minPerDay: number };
  days: Array<{ day: string; population: number; sampled: number; reviewed: number; overturned: number }>;
  totals: { population: number; sampled: number; reviewed: number; overturned: number; pending: number; samplingRate: number | null; overturnRate: number | null };
}

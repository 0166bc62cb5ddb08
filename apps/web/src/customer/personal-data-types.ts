/** What the personal-data API answers (libs/personal-data/src), as the web workspace reads it. */

export interface SupportNeedsRecord {
  vulnerabilityTypes: string[];
  howKnown: string;
  consent: 'given' | 'declined' | 'not_asked';
  adjustments: string[];
  adjustmentNotes: string | null;
  namedContact: string | null;
  reviewDate: string;
  recordedBy: string;
  recordedAt: string;
  reviewDue: boolean;
}

export interface SupportNeedsView {
  recorded: SupportNeedsRecord | null;
  suggestions: Array<{ type: string; signal: string; caseReference: string | null; messages: number }>;
}

export interface Representative {
  id: string;
  name: string;
  relationship: string;
  channel: string;
  address: string;
  evidence: string;
  scope: string;
  caseId: string | null;
  addedBy: string;
  addedAt: string;
  revokedAt: string | null;
}

export interface LegalHold {
  id: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  liftedAt: string | null;
  liftReason: string | null;
}

export interface ErasureAnswer {
  requestId: string;
  status: 'complete' | 'partly_held';
  erased: { cases: string[]; customerDetails: boolean; counts: Record<string, number> };
  held: Array<{ reference: string; reasons: Array<{ reason: string; explanation: string }>; heldUntil: string | null }>;
}

export interface RetentionPreview {
  at: string;
  legalHolds: number;
  items: Array<{ kind: string; what: string; period: string; cutoff: string | null; count: number; sample: string[] }>;
}

export const VULNERABILITY_LABELS: Record<string, string> = {
  financial_hardship: 'Financial hardship',
  illness_or_disability: 'Illness or disability',
  mental_health: 'Mental health',
  family_violence: 'Family or domestic violence',
  bereavement: 'Bereavement',
  age: 'Age',
  language_or_literacy: 'Language or literacy',
  other: 'Other',
};

export const ADJUSTMENT_LABELS: Record<string, string> = {
  call_not_sms: 'Call, not SMS',
  written_only: 'In writing only',
  more_time: 'More time to respond',
  named_contact: 'A named contact',
  interpreter: 'Interpreter',
  large_print: 'Large print',
  no_calls_at_work: 'No calls at work',
  via_representative: 'Through their representative',
};

export const CONSENT_LABELS: Record<string, string> = { given: 'Consent given', declined: 'Consent declined', not_asked: 'Not asked yet' };

export const RELATIONSHIP_LABELS: Record<string, string> = {
  financial_counsellor: 'Financial counsellor',
  lawyer: 'Lawyer',
  family_member: 'Family member',
  attorney: 'Attorney (power of attorney)',
  other: 'Other',
};

export const SCOPE_LABELS: Record<string, string> = { all_matters: 'All matters', complaints: 'Complaints', one_case: 'One case' };

export const label = (labels: Record<string, string>, key: string) => labels[key] ?? key.replace(/_/g, ' ');

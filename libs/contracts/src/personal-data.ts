/**
 * What the personal-data API answers (support needs, representatives, legal
 * holds, erasure, retention), shared by the server (libs/personal-data) and
 * the web workspace, and the vocabularies both validate and label.
 */

/** The kinds of vulnerability the firm records (ASIC RG 271 and the ABA/industry codes' categories). */
export const VULNERABILITY_TYPES = ['financial_hardship', 'illness_or_disability', 'mental_health', 'family_violence', 'bereavement', 'age', 'language_or_literacy', 'other'] as const;
export type VulnerabilityType = (typeof VULNERABILITY_TYPES)[number];

export const SUPPORT_ADJUSTMENTS = ['call_not_sms', 'written_only', 'more_time', 'named_contact', 'interpreter', 'large_print', 'no_calls_at_work', 'via_representative'] as const;
export type SupportAdjustment = (typeof SUPPORT_ADJUSTMENTS)[number];

export const CONSENT_STATES = ['given', 'declined', 'not_asked'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const REPRESENTATIVE_RELATIONSHIPS = ['financial_counsellor', 'lawyer', 'family_member', 'attorney', 'other'] as const;
export type RepresentativeRelationship = (typeof REPRESENTATIVE_RELATIONSHIPS)[number];

/** What a representative's authority covers: every matter, complaints only, or one case. */
export const REPRESENTATIVE_SCOPES = ['all_matters', 'complaints', 'one_case'] as const;
export type RepresentativeScope = (typeof REPRESENTATIVE_SCOPES)[number];

/** A customer's support needs as validated: what is recorded. */
export interface SupportNeeds {
  vulnerabilityTypes: VulnerabilityType[];
  howKnown: string;
  consent: ConsentState;
  adjustments: SupportAdjustment[];
  adjustmentNotes: string | null;
  namedContact: string | null;
  reviewDate: string;
}

/** A customer's recorded support needs, with who recorded them and whether the review date has passed. */
export interface SupportNeedsRecord extends SupportNeeds {
  recordedBy: string;
  recordedAt: string;
  reviewDue: boolean;
}

export interface SupportNeedsView {
  /** Null: nothing recorded. */
  recorded: SupportNeedsRecord | null;
  /** What the classifier noticed in the customer's messages: for an agent to confirm with the customer, never recorded by itself. */
  suggestions: Array<{ type: VulnerabilityType; signal: string; caseReference: string | null; messages: number }>;
}

/** What is written down about a representative, as entered (validated by the privacy rules). */
export interface RepresentativeDetails {
  name: string;
  relationship: string;
  channel: string;
  address: string;
  evidence: string;
  scope: string;
}

export interface RepresentativeView extends RepresentativeDetails {
  id: string;
  caseId: string | null;
  addedBy: string;
  addedAt: string;
  revokedAt: string | null;
}

export interface LegalHoldView {
  id: string;
  reason: string;
  placedBy: string;
  placedAt: string;
  liftedAt: string | null;
  liftReason: string | null;
}

/** What an erasure request did: what was erased, and each case kept with why and until when. */
export interface ErasureAnswer {
  requestId: string;
  status: 'complete' | 'partly_held';
  erased: { cases: string[]; customerDetails: boolean; counts: Record<string, number> };
  held: Array<{ reference: string; reasons: Array<{ reason: string; explanation: string }>; heldUntil: string | null }>;
}

export interface RetentionItem {
  kind: string;
  /** What goes, in words agents and auditors read. */
  what: string;
  /** Kept for this long (days, months or years as the setting says); 0 = kept. */
  period: string;
  cutoff: string | null;
  count: number;
  /** Up to 20 case references that would go (cases only). */
  sample: string[];
}

/** What the next retention run would remove. */
export interface RetentionPreview {
  at: string;
  items: RetentionItem[];
  /** Customers under a legal hold: nothing of theirs is touched. */
  legalHolds: number;
}

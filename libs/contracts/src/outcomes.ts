/** How a complaint ended. */
export const CLOSURE_STATES = ['resolved', 'unresolved', 'withdrawn', 'escalated_afca', 'closed_within_5_days'] as const;
export type ClosureState = (typeof CLOSURE_STATES)[number];

/** Why a withdrawn complaint, or one AFCA has closed, gets no written IDR response. */
export const NO_RESPONSE_REASONS = ['withdrawn_by_complainant', 'resolved_at_afca', 'other'] as const;
export type NoResponseReason = (typeof NO_RESPONSE_REASONS)[number];

/** Remedies, several per case (RG 271.161). */
export const REMEDY_TYPES = [
  'explanation',
  'apology',
  'fee_refund_or_waiver',
  'goodwill_payment',
  'compensation',
  'debt_waiver',
  'record_correction',
  'stop_action',
  'process_change',
] as const;
export type RemedyType = (typeof REMEDY_TYPES)[number];

/** The finding on the complaint, from the complainant's side (ASIC IDR data dictionary). */
export const COMPLAINT_OUTCOMES = ['upheld', 'partially_upheld', 'not_upheld', 'withdrawn'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** A supervisor's decision on a sampled "not a complaint" classification. */
export const CLASSIFICATION_REVIEW_STATUSES = ['pending', 'upheld', 'overturned'] as const;
export type ClassificationReviewStatus = (typeof CLASSIFICATION_REVIEW_STATUSES)[number];

/** The outcome of a complaint's IDR response (ASIC IDR data dictionary). */
export const COMPLAINT_OUTCOMES = ['upheld', 'partially_upheld', 'not_upheld', 'withdrawn'] as const;
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number];

/** A supervisor's decision on a sampled "not a complaint" classification. */
export const CLASSIFICATION_REVIEW_STATUSES = ['pending', 'upheld', 'overturned'] as const;
export type ClassificationReviewStatus = (typeof CLASSIFICATION_REVIEW_STATUSES)[number];

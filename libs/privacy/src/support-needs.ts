import { CONSENT_STATES, InvalidInputError, SUPPORT_ADJUSTMENTS, VULNERABILITY_TYPES, type ConsentState, type StaffRole, type SupportAdjustment, type SupportNeeds, type VulnerabilityType } from '@inbox/contracts';

export interface SupportNeedsInput {
  vulnerabilityTypes: string[];
  howKnown: string;
  consent: string;
  adjustments: string[];
  adjustmentNotes?: string | null;
  namedContact?: string | null;
  reviewDate: string;
}


/** Which classifier signals suggest which recorded type: a suggestion only, an agent decides. */
export const SIGNAL_TO_TYPE: Record<string, VulnerabilityType> = {
  hardship: 'financial_hardship',
  cannot_pay: 'financial_hardship',
  illness: 'illness_or_disability',
  family_violence: 'family_violence',
  bereavement: 'bereavement',
  other: 'other',
};

/**
 * Who may see and record a customer's support needs (docs/personal-data.md):
 * supervisors and admins, and an agent while a case of that customer is
 * assigned to them — the people who must make the adjustments. Other agents
 * see that the customer exists, not their vulnerability.
 */
export function maySeeSupportNeeds(role: StaffRole, assignedToOneOfTheirCases: boolean): boolean {
  return role === 'supervisor' || role === 'admin' || assignedToOneOfTheirCases;
}

/** A recording checked: known vocabulary, how it is known, consent, a review date in the future (within 3 years). */
export function validateSupportNeeds(input: SupportNeedsInput, today: Date): SupportNeeds {
  const types = unique(input.vulnerabilityTypes ?? []);
  if (types.length === 0) throw new InvalidInputError('vulnerability_type_required', 'Choose at least one kind of support need');
  for (const t of types) if (!(VULNERABILITY_TYPES as readonly string[]).includes(t)) throw new InvalidInputError('unknown_vulnerability_type', `Unknown kind of support need: ${t.slice(0, 40)}`);
  const adjustments = unique(input.adjustments ?? []);
  for (const a of adjustments) if (!(SUPPORT_ADJUSTMENTS as readonly string[]).includes(a)) throw new InvalidInputError('unknown_adjustment', `Unknown adjustment: ${a.slice(0, 40)}`);
  if (!(CONSENT_STATES as readonly string[]).includes(input.consent)) throw new InvalidInputError('consent_required', 'Say whether the customer consented to this being recorded (given, declined, not_asked)');
  const howKnown = (input.howKnown ?? '').trim();
  if (!howKnown || howKnown.length > 500) throw new InvalidInputError('how_known_required', 'Say how it is known (1–500 characters): the customer told us, a representative, …');
  const namedContact = input.namedContact?.trim() || null;
  if (adjustments.includes('named_contact') && !namedContact) throw new InvalidInputError('named_contact_required', 'Name the contact the customer deals with');
  const review = /^\d{4}-\d{2}-\d{2}$/.test(input.reviewDate ?? '') ? new Date(`${input.reviewDate}T00:00:00Z`) : null;
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  if (!review || Number.isNaN(review.getTime()) || review.getTime() <= todayUtc || review.getTime() > todayUtc + 3 * 366 * 86_400_000) {
    throw new InvalidInputError('review_date_invalid', 'A review date (YYYY-MM-DD) after today and within three years');
  }
  const notes = input.adjustmentNotes?.trim() || null;
  if (notes && notes.length > 1_000) throw new InvalidInputError('adjustment_notes_too_long', 'Adjustment notes are at most 1000 characters');
  return {
    vulnerabilityTypes: types as VulnerabilityType[],
    howKnown,
    consent: input.consent as ConsentState,
    adjustments: adjustments as SupportAdjustment[],
    adjustmentNotes: notes,
    namedContact: namedContact?.slice(0, 200) ?? null,
    reviewDate: input.reviewDate,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values.map((v) => String(v).trim()).filter(Boolean))];
}

/** How the customer screens name the personal-data vocabularies (libs/contracts/src/personal-data.ts). */
import type { ConsentState, RepresentativeRelationship, RepresentativeScope, SupportAdjustment, VulnerabilityType } from '@inbox/contracts';

export const VULNERABILITY_LABELS: Record<VulnerabilityType, string> = {
  financial_hardship: 'Financial hardship',
  illness_or_disability: 'Illness or disability',
  mental_health: 'Mental health',
  family_violence: 'Family or domestic violence',
  bereavement: 'Bereavement',
  age: 'Age',
  language_or_literacy: 'Language or literacy',
  other: 'Other',
};

export const ADJUSTMENT_LABELS: Record<SupportAdjustment, string> = {
  call_not_sms: 'Call, not SMS',
  written_only: 'In writing only',
  more_time: 'More time to respond',
  named_contact: 'A named contact',
  interpreter: 'Interpreter',
  large_print: 'Large print',
  no_calls_at_work: 'No calls at work',
  via_representative: 'Through their representative',
};

export const CONSENT_LABELS: Record<ConsentState, string> = { given: 'Consent given', declined: 'Consent declined', not_asked: 'Not asked yet' };

export const RELATIONSHIP_LABELS: Record<RepresentativeRelationship, string> = {
  financial_counsellor: 'Financial counsellor',
  lawyer: 'Lawyer',
  family_member: 'Family member',
  attorney: 'Attorney (power of attorney)',
  other: 'Other',
};

export const SCOPE_LABELS: Record<RepresentativeScope, string> = { all_matters: 'All matters', complaints: 'Complaints', one_case: 'One case' };

/** A vocabulary value's label; a value this screen does not know yet reads as its words. */
export const label = (labels: Readonly<Record<string, string>>, key: string) => labels[key] ?? key.replace(/_/g, ' ');

import type { Classification, ClassificationDoubt } from '@inbox/contracts';

export interface SignalTag {
  text: string;
  tone?: 'warn' | 'bad';
  title?: string;
}

const VULNERABILITY: Record<string, string> = {
  hardship: 'Financial hardship',
  illness: 'Illness',
  family_violence: 'Family violence',
  bereavement: 'Bereavement',
  cannot_pay: 'Cannot pay',
  other: 'Vulnerable',
};

/** What triage read in an inbound message that the agent should not miss: kind, urgency, vulnerability, language. */
export function messageSignalTags(classification: Classification): SignalTag[] {
  const tags: SignalTag[] = [];
  // Intake took it as the answer to our satisfaction question: a rating, whatever its bare text reads as.
  if (classification.satisfactionScore != null) tags.push({ text: `Rating ${classification.satisfactionScore}/5`, title: 'The answer to the satisfaction question' });
  else if (classification.kind !== 'complaint') tags.push({ text: classification.kind[0].toUpperCase() + classification.kind.slice(1) });
  if (classification.urgency === 'high') tags.push({ text: 'Urgent', tone: 'bad' });
  for (const v of classification.vulnerability ?? []) tags.push({ text: VULNERABILITY[v] ?? v, tone: 'warn' });
  if (classification.language && classification.language !== 'en') tags.push({ text: classification.language.toUpperCase() });
  if (classification.source === 'agent') tags.push({ text: 'Corrected by an agent' });
  if (classification.source === 'model' && classification.kind === 'complaint' && classification.doubt) {
    tags.push({ text: 'Check the classification', tone: 'warn', title: `A complaint because triage could not rule one out: ${describeDoubt(classification.doubt)}` });
  }
  return tags;
}

/** Why triage made a message a complaint against the model's lean, in words an agent reads at a glance. */
const REASONS: Record<string, string> = {
  model_leaned_enquiry: 'the model read it as an enquiry',
  model_leaned_compliment: 'the model read it as a compliment',
  model_leaned_noise: 'the model read it as noise',
  low_confidence: 'the model was unsure',
  asks_nothing: 'it asks nothing, so it is no enquiry',
  vulnerability: 'hardship or vulnerability',
  dissatisfied: 'words of dissatisfaction',
  irony: 'irony or sarcasm',
  soft_complaint: 'a politely worded complaint',
  third_party: 'a complaint about how someone else was treated',
  dissatisfied_question: 'a question that carries dissatisfaction',
  money_lost: 'money lost',
  premises_incident: 'an incident at a branch or ATM',
};

export function describeDoubt(doubt: ClassificationDoubt): string {
  const words = doubt.reasons.map((r) => REASONS[r] ?? r.replace(/_/g, ' '));
  return words.join('; ');
}

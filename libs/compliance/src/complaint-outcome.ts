import { CLOSURE_STATES, COMPLAINT_OUTCOMES, REMEDY_TYPES, type ClosureState, type ComplaintOutcome, type RemedyType } from '@inbox/contracts';

/** How a complaint ended, its finding and its remedies: one vocabulary with the web workspace (libs/contracts/src/outcomes.ts). */
export { CLOSURE_STATES, REMEDY_TYPES, type ClosureState, type RemedyType };
export const OUTCOMES = COMPLAINT_OUTCOMES;
export type Outcome = ComplaintOutcome;

/** An agreed remedy is a task with an owner and a due date (RG 271.165). */
export interface Remedy {
  type: RemedyType;
  description?: string;
  ownerUserId?: string;
  dueAt?: string;
}

export const isClosureState = (v: unknown): v is ClosureState => typeof v === 'string' && (CLOSURE_STATES as readonly string[]).includes(v);
export const isOutcome = (v: unknown): v is Outcome => typeof v === 'string' && (OUTCOMES as readonly string[]).includes(v);
export const isRemedyType = (v: unknown): v is RemedyType => typeof v === 'string' && (REMEDY_TYPES as readonly string[]).includes(v);

const OUTCOME_LABELS: Record<string, Record<Outcome, string>> = {
  en: {
    upheld: 'we agree with your complaint',
    partially_upheld: 'we agree with part of your complaint',
    not_upheld: 'we do not agree with your complaint',
    withdrawn: 'your complaint was withdrawn',
  },
  ru: {
    upheld: 'мы согласны с вашей жалобой',
    partially_upheld: 'мы частично согласны с вашей жалобой',
    not_upheld: 'мы не согласны с вашей жалобой',
    withdrawn: 'ваша жалоба отозвана',
  },
};

const REMEDY_LABELS: Record<string, Record<RemedyType, string>> = {
  en: {
    explanation: 'an explanation',
    apology: 'an apology',
    fee_refund_or_waiver: 'a refund or waiver of fees',
    goodwill_payment: 'a goodwill payment',
    compensation: 'compensation',
    debt_waiver: 'a waiver of the debt',
    record_correction: 'a correction of our records',
    stop_action: 'stopping the action you complained about',
    process_change: 'a change to our process',
  },
  ru: {
    explanation: 'объяснение',
    apology: 'извинение',
    fee_refund_or_waiver: 'возврат или отмена комиссий',
    goodwill_payment: 'компенсационная выплата из доброй воли',
    compensation: 'компенсация',
    debt_waiver: 'списание долга',
    record_correction: 'исправление наших записей',
    stop_action: 'прекращение действия, на которое вы жаловались',
    process_change: 'изменение нашего процесса',
  },
};

export function outcomeLabel(outcome: Outcome, language: string): string {
  return (OUTCOME_LABELS[language] ?? OUTCOME_LABELS.en)[outcome];
}

/** Remedies in words, with the compensation amount when there is one. */
export function describeRemedies(remedies: readonly Remedy[], compensationAmount: number | null, language: string): string {
  const labels = REMEDY_LABELS[language] ?? REMEDY_LABELS.en;
  const parts = remedies.map((r) => (r.description ? `${labels[r.type]} (${r.description})` : labels[r.type]));
  if (compensationAmount !== null && compensationAmount > 0) {
    parts.push(`${language === 'ru' ? 'выплата' : 'a payment of'} A$${compensationAmount.toFixed(2)}`);
  }
  if (parts.length === 0) return language === 'ru' ? 'дополнительных мер не требуется' : 'no further action';
  return parts.join('; ');
}

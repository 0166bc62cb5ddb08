import { CLASSIFICATION_KINDS, type ClassificationDoubt, type ClassificationKind } from '@inbox/contracts';
import type { ComplaintCues } from './complaint-cues';

/**
 * How sure the model must be before a customer's message is called anything but a complaint. Chosen by
 * training on cross-validated predictions (classifier-training.ts), stored in the model file.
 */
export interface DecisionThresholds {
  /** p(noise) for an auto-reply, delivery report, mass mail or bare acknowledgement to be noise. */
  noise: number;
  /** p(compliment) for praise with no negative signal to be a compliment. */
  compliment: number;
  /** p(enquiry) for a question with no dissatisfaction to be an enquiry. */
  enquiry: number;
}

/** Below this p(complaint), a complaint is flagged for the agent to check even when the model leaned to it. */
export const SURE_COMPLAINT = 0.5;

export interface KindDecision {
  kind: ClassificationKind;
  /** Set when the message is a complaint because of doubt rather than the model's confidence. */
  doubt: ClassificationDoubt | null;
}

const INDEX = Object.fromEntries(CLASSIFICATION_KINDS.map((k, i) => [k, i])) as Record<ClassificationKind, number>;

/**
 * The asymmetric decision (docs/classification.md). Missing a complaint is the costly error (RG 271), so a
 * customer's message is not a complaint only on strong evidence:
 * - noise only when machine-written (auto-reply, delivery report, mass mail, spam) or a bare acknowledgement,
 *   and the model is confident;
 * - compliment only when confident, with no dissatisfaction, no problem left unresolved and no vulnerability;
 * - enquiry only when confident, asking something, with no dissatisfaction and no vulnerability (a bare
 *   "my card was declined" reports a problem, it asks nothing);
 * - anything else is a complaint, flagged with the reasons when the model leaned elsewhere or was unsure.
 * Hardship and vulnerability cues therefore always count toward a complaint.
 */
export function decideKind(probabilities: readonly number[], cues: ComplaintCues, thresholds: DecisionThresholds): KindDecision {
  const p = (kind: ClassificationKind) => probabilities[INDEX[kind]];
  const calm = cues.dissatisfaction.length === 0 && !cues.vulnerable;
  if (p('noise') >= thresholds.noise && (cues.machine || cues.acknowledgement)) return { kind: 'noise', doubt: null };
  if (p('compliment') >= thresholds.compliment && calm && !cues.unresolvedProblem) return { kind: 'compliment', doubt: null };
  if (p('enquiry') >= thresholds.enquiry && calm && cues.asksSomething) return { kind: 'enquiry', doubt: null };

  const modelKind = CLASSIFICATION_KINDS[probabilities.indexOf(Math.max(...probabilities))];
  if (modelKind === 'complaint' && p('complaint') >= SURE_COMPLAINT) return { kind: 'complaint', doubt: null };
  const reasons = [
    modelKind === 'complaint' ? 'low_confidence' : `model_leaned_${modelKind}`,
    ...(modelKind === 'enquiry' && !cues.asksSomething ? ['asks_nothing'] : []),
    ...(cues.vulnerable ? ['vulnerability'] : []),
    ...cues.dissatisfaction,
  ];
  return { kind: 'complaint', doubt: { modelKind, reasons } };
}

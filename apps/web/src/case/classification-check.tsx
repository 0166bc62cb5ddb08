import type { ClassificationDoubt } from '@inbox/contracts';
import { Icon } from '../shell/icons';
import type { CaseDetail, MessageView } from '@inbox/contracts';

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

/** The message whose doubt made the case ask for a check: the latest inbound one still carrying the model's doubt. */
export function doubtfulMessage(detail: CaseDetail): MessageView | undefined {
  return [...detail.messages]
    .reverse()
    .find((m) => m.caseId === detail.id && m.direction === 'inbound' && m.classification?.source === 'model' && m.classification.doubt);
}

/**
 * "Check the classification": the case is a complaint because triage could not rule one out (RG 271: any doubt
 * counts for the customer). The agent keeps it as a complaint, or corrects it (a downgrade needs a reason).
 */
export function ClassificationCheck({
  detail,
  busy,
  onKeep,
  onCorrect,
}: {
  detail: CaseDetail;
  busy: boolean;
  onKeep: (messageId: string) => void;
  onCorrect: () => void;
}) {
  if (!detail.classificationCheck) return null;
  const message = doubtfulMessage(detail);
  const doubt = message?.classification?.doubt;
  return (
    <div className="classification-check" role="status" data-testid="classification-check">
      <Icon name="alert" size={16} />
      <div className="classification-check-text">
        <strong>Check the classification.</strong>{' '}
        Triage made this a complaint because it could not rule one out{doubt ? `: ${describeDoubt(doubt)}.` : '.'}
      </div>
      <div className="classification-check-actions">
        <button className="btn btn-primary" disabled={busy || !message} onClick={() => message && onKeep(message.id)} data-action="keep-complaint">
          {busy ? 'Keeping…' : 'Keep as complaint'}
        </button>
        <button className="btn" disabled={busy} onClick={onCorrect} data-action="correct-classification">
          Correct…
        </button>
      </div>
    </div>
  );
}

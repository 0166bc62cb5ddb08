import { Icon } from '../shell/icons';
import type { CaseDetail, MessageView } from '@inbox/contracts';
import { describeDoubt } from './message-signals';

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

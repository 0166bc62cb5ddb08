import { seesAllTeams, type CaseDetail } from '@inbox/contracts';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { channelLabel, formatDateTime, humanise } from '../format';
import { useWorkspace } from '../shell/workspace-context';
import type { WrittenMessagePreview } from './case-actions';

interface Proposal {
  id: string;
  kind: 'resolve' | 'unfounded';
  input: { outcome?: string; reasons: string };
  proposedByName: string | null;
  proposedAt: string;
  preview: WrittenMessagePreview | null;
  problem: string | null;
}

/**
 * FINAL_RESPONSE_APPROVAL: the final response waiting on this case, exactly as
 * approving sends it. Supervisors approve (it is sent) or return it with a note.
 */
export function FinalResponseProposal({ detail, onChanged }: { detail: CaseDetail; onChanged: () => void }) {
  const ws = useWorkspace();
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [note, setNote] = useState('');
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const supervisor = seesAllTeams(ws.me);

  useEffect(() => {
    if (!ws.settings.finalResponseApproval) return;
    let cancelled = false;
    ws.api
      .get<{ proposal: Proposal | null }>(`/api/cases/${detail.id}/final-response`)
      .then((a) => !cancelled && setProposal(a.proposal))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [ws.api, ws.settings.finalResponseApproval, detail.id, detail.events.length, detail.status]);

  if (!proposal) return null;
  const act = async (path: 'approve' | 'return') => {
    setBusy(true);
    try {
      await ws.api.post(`/api/cases/${detail.id}/final-response/${path}`, path === 'return' ? { note } : {});
      ws.toast(path === 'approve' ? 'Approved: the response is on its way' : 'Returned to the agent');
      setProposal(null);
      onChanged();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="send-preview proposal" aria-label="Final response awaiting approval" data-testid="final-response-proposal">
      <p className="send-preview-to">
        <strong>{proposal.kind === 'resolve' ? 'Resolution' : 'Decline'} awaiting a supervisor’s approval</strong> — proposed by {proposal.proposedByName ?? 'an agent'},{' '}
        {formatDateTime(proposal.proposedAt)}
        {proposal.input.outcome ? ` · ${humanise(proposal.input.outcome)}` : ''}
        {proposal.preview?.sends ? ` · to ${proposal.preview.recipient} by ${channelLabel(proposal.preview.channel ?? '')}` : ''}
      </p>
      {proposal.problem && <p className="dialog-refusal" role="alert">It cannot be sent as it stands: {proposal.problem}</p>}
      {proposal.preview?.text && <pre className="send-preview-text" tabIndex={0}>{proposal.preview.text}</pre>}
      {supervisor && (
        <div className="mg-form-actions">
          <button className="btn btn-primary btn-small" disabled={busy || !!proposal.problem} onClick={() => void act('approve')}>Approve and send</button>
          {returning ? (
            <>
              <input aria-label="What to change" className="proposal-note" value={note} onChange={(e) => setNote(e.target.value)} placeholder="What to change" autoFocus />
              <button className="btn btn-small" disabled={busy} onClick={() => void act('return')}>Return</button>
            </>
          ) : (
            <button className="btn btn-small" disabled={busy} onClick={() => setReturning(true)}>Return with a note…</button>
          )}
        </div>
      )}
    </section>
  );
}

import { useState } from 'react';
import { ApiError, errorMessage } from '../api-client';
import { channelLabel, deadlineTone, formatDateTime, formatDuration, humanise, initials } from '../format';
import { assigneeName } from '../queue/queue-panel';
import { useNow } from '../queue/use-now';
import { ChannelIcon, Icon } from '../shell/icons';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace } from '../shell/workspace-context';
import type { CaseDetail } from './case-detail';
import { caseActions, type CaseAction } from './case-actions';
import { ActionDialog } from './action-dialog';
import { Presence } from './presence';

export function CaseHeader({ detail, onChanged, refresh }: { detail: CaseDetail; onChanged: (patch: Partial<CaseDetail>) => void; refresh: () => Promise<void> }) {
  const ws = useWorkspace();
  const now = useNow(30_000);
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<CaseAction | null>(null);
  const actions = caseActions(detail, ws.me);
  const holder = assigneeName(detail, ws.staffName, ws.me.userId);

  async function run(action: CaseAction, values: Record<string, string> = {}) {
    setBusy(action.id);
    try {
      const result = await action.run(ws.api, detail, values);
      if (result && typeof result === 'object' && 'id' in result) onChanged(result as Partial<CaseDetail>);
      ws.toast(action.done);
      setDialog(null);
      void refresh();
    } catch (error) {
      if (error instanceof ApiError && typeof error.details?.assigneeName === 'string' && typeof error.details?.assigneeId === 'string') {
        ws.rememberStaff(error.details.assigneeId, error.details.assigneeName);
      }
      ws.toast(errorMessage(error), 'error');
      void refresh();
    } finally {
      setBusy(null);
    }
  }

  const trigger = (action: CaseAction) => (action.fields ? setDialog(action) : void run(action));
  useShortcuts(
    actions
      .filter((a) => a.shortcut && a.enabled)
      .map((a) => ({ key: a.shortcut!, description: a.label, group: 'Case' as const, run: () => trigger(a) })),
  );

  return (
    <header className="case-header">
      <div className="case-title-row">
        <div className="case-title">
          <ChannelIcon channel={detail.channel} size={18} />
          <h1>
            {detail.customerName ?? 'Unknown customer'}
            <span className="case-ref">{detail.reference}</span>
          </h1>
          <span className={`status status-${detail.status}`} data-testid="case-status">{humanise(detail.status)}</span>
          {detail.category && <span className="chip">{humanise(detail.category)}</span>}
        </div>
        <div className="case-actions" role="toolbar" aria-label="Case actions">
          {actions.map((action) => (
            <button
              key={action.id}
              className={`btn ${action.primary ? 'btn-primary' : ''}`}
              disabled={!action.enabled || busy !== null}
              title={action.enabled ? `${action.label}${action.shortcut ? ` (${action.shortcut})` : ''}` : action.disabledReason}
              onClick={() => trigger(action)}
              data-action={action.id}
            >
              <Icon name={action.icon} size={15} />
              {busy === action.id ? `${action.label}…` : action.label}
            </button>
          ))}
        </div>
      </div>
      <div className="case-facts">
        <Fact label="Channel">{channelLabel(detail.channel)}</Fact>
        <Fact label="Received">{formatDateTime(detail.receivedAt)}</Fact>
        <DeadlineFact label="Acknowledge by" start={detail.receivedAt} due={detail.deadlines.acknowledgeBy} now={now} done={acknowledgedAt(detail)} />
        <DeadlineFact label="Respond by" start={detail.receivedAt} due={detail.deadlines.respondBy} now={now} />
        <Fact label="Assignee">
          <span data-testid="case-assignee" className={holder ? '' : 'muted'}>
            {holder ? (
              <>
                <span className="avatar avatar-xs">{holder === 'You' ? 'Me' : initials(holder)}</span> {holder}
              </>
            ) : (
              'Unassigned'
            )}
          </span>
        </Fact>
        <Presence caseId={detail.id} />
      </div>
      {dialog && <ActionDialog action={dialog} busy={busy === dialog.id} onCancel={() => setDialog(null)} onSubmit={(values) => run(dialog, values)} />}
    </header>
  );
}

function acknowledgedAt(detail: CaseDetail): string | null {
  return (detail as CaseDetail & { acknowledgedAt?: string | null }).acknowledgedAt ?? null;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="fact">
      <span className="fact-label">{label}</span>
      <span className="fact-value">{children}</span>
    </div>
  );
}

function DeadlineFact({ label, start, due, now, done }: { label: string; start: string; due: string | null; now: number; done?: string | null }) {
  if (!due) return <Fact label={label}><span className="muted">—</span></Fact>;
  if (done) {
    return (
      <Fact label={label}>
        <span className="deadline tone-done" title={`Due ${formatDateTime(due)}`}><Icon name="check" size={12} /> Done {formatDateTime(done)}</span>
      </Fact>
    );
  }
  const left = Date.parse(due) - now;
  const tone = deadlineTone(start, due, now);
  return (
    <Fact label={label}>
      <span title={formatDateTime(due)}>
        {formatDateTime(due)}{' '}
        <span className={`deadline tone-${tone}`}>{left >= 0 ? `in ${formatDuration(left)}` : `${formatDuration(left)} overdue`}</span>
      </span>
    </Fact>
  );
}

import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api-client';
import { channelLabel, customerLabel, deadlineTone, formatDateTime, formatDuration, humanise, initials } from '../format';
import { assigneeName } from '../queue/queue-panel';
import { useNow } from '../queue/use-now';
import { formatFirmDateText } from '../firm-date-text';
import { ChannelIcon, Icon } from '../shell/icons';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace } from '../shell/workspace-context';
import type { CaseDetail } from '@inbox/contracts';
import { caseActions, type CaseAction, type ComplianceState } from './case-actions';
import { ActionDialog } from './action-dialog';
import { ClassificationCheck } from './classification-check';
import { FinalResponseProposal } from './final-response-proposal';
import { Presence } from './presence';
import { CaseTags } from '../tags/case-tags';

export function CaseHeader({
  detail,
  compliance,
  onChanged,
  refresh,
}: {
  detail: CaseDetail;
  compliance: ComplianceState | null;
  onChanged: (patch: Partial<CaseDetail>) => void;
  refresh: () => Promise<void>;
}) {
  const ws = useWorkspace();
  const now = useNow(30_000);
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<CaseAction | null>(null);
  const [menu, setMenu] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const actions = caseActions(detail, ws.me, ws.teams, compliance, ws.settings);
  const holder = assigneeName(detail, ws.staffName, ws.me.userId);
  // Why the closing actions are off for this caller, said once where it is seen (the same words as the API's 403).
  const policyNote = actions.find((a) => (a.id === 'resolve' || a.id === 'reopen') && !a.enabled)?.disabledReason ?? null;

  useEffect(() => {
    if (!menu) return;
    const close = (e: MouseEvent) => !menuRef.current?.contains(e.target as Node) && setMenu(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [menu]);

  async function run(action: CaseAction, values: Record<string, string> = {}) {
    setBusy(action.id);
    try {
      const result = (await action.run(ws.api, detail, values)) as { id?: string; case?: Partial<CaseDetail> } | undefined;
      const summary = result?.case ?? (result?.id === detail.id ? (result as Partial<CaseDetail>) : undefined);
      if (summary) onChanged(summary);
      ws.toast(action.done);
      setDialog(null);
    } catch (error) {
      if (error instanceof ApiError && typeof error.details?.assigneeName === 'string' && typeof error.details?.assigneeId === 'string') {
        ws.rememberStaff(error.details.assigneeId, error.details.assigneeName);
      }
      ws.toast(errorMessage(error), 'error');
    } finally {
      setBusy(null);
      void refresh();
    }
  }

  /** The agent has checked a doubtful complaint and agrees: the correction is kept for training like any other. */
  async function keepComplaint(messageId: string) {
    setBusy('keep-complaint');
    try {
      await ws.api.patch(`/api/messages/${messageId}/classification`, { kind: 'complaint' });
      onChanged({ classificationCheck: false });
      ws.toast('Kept as a complaint');
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    } finally {
      setBusy(null);
      void refresh();
    }
  }

  const trigger = (action: CaseAction) => {
    setMenu(false);
    if (action.fields) setDialog(action);
    else void run(action);
  };
  useShortcuts(
    actions
      .filter((a) => a.shortcut && a.enabled)
      .map((a) => ({ key: a.shortcut!, description: a.label, group: 'Case' as const, run: () => trigger(a) })),
  );

  const main = actions.filter((a) => a.placement === 'main');
  const more = actions.filter((a) => a.placement === 'more');
  const button = (action: CaseAction) => (
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
  );

  return (
    <header className="case-header">
      <div className="case-title-row">
        <div className="case-title">
          <a className="case-back" href="#/queue" aria-label="Back to the queue">‹ Queue</a>
          <ChannelIcon channel={detail.channel} size={18} />
          <h1>
            <span className="case-name">{customerLabel(detail)}</span>
            <span className="case-ref">{detail.reference}</span>
          </h1>
          <span className={`status status-${detail.status}`} data-testid="case-status">{humanise(detail.status)}</span>
          {detail.category && <span className="chip">{humanise(detail.category)}</span>}
        </div>
        <div className="case-actions" role="toolbar" aria-label="Case actions">
          {main.map(button)}
          {more.length > 0 && (
            <div className="menu-wrap" ref={menuRef}>
              <button className="btn" aria-haspopup="menu" aria-expanded={menu} onClick={() => setMenu((m) => !m)} disabled={busy !== null} data-action="more">
                More <span aria-hidden="true">▾</span>
              </button>
              {menu && (
                <div className="menu" role="menu">
                  {more.map((action) => (
                    <button
                      key={action.id}
                      role="menuitem"
                      className="menu-item"
                      disabled={!action.enabled}
                      title={action.enabled ? undefined : action.disabledReason}
                      onClick={() => trigger(action)}
                      data-action={action.id}
                    >
                      <Icon name={action.icon} size={15} />
                      <span>{action.label}</span>
                      {action.shortcut && <kbd>{action.shortcut}</kbd>}
                    </button>
                  ))}
                </div>
              )}
            </div>
          )}
        </div>
      </div>
      <div className="case-facts">
        <Fact label="Channel">{channelLabel(detail.channel)}</Fact>
        <Fact label="Received">{formatDateTime(detail.receivedAt)}</Fact>
        <DeadlineFact
          label="Acknowledge by"
          start={detail.receivedAt}
          due={detail.deadlines.acknowledgeBy}
          now={now}
          done={compliance?.acknowledgedAt}
          pending={pendingDelivery(compliance?.acknowledgementDelivery)}
        />
        <DeadlineFact label="Respond by" start={detail.receivedAt} due={detail.deadlines.respondBy} now={now} done={compliance?.idrResponseAt ?? closedAt(detail)} rule={compliance?.respondByRule} />
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
      <CaseTags caseId={detail.id} tags={detail.tags ?? []} onChanged={(summary) => onChanged(summary)} />
      {policyNote && (
        <p className="case-policy-note" role="note" data-testid="case-policy-note">
          <Icon name="alert" size={14} /> {policyNote}
        </p>
      )}
      <FinalResponseProposal detail={detail} onChanged={() => void refresh()} />
      <ClassificationCheck
        detail={detail}
        busy={busy === 'keep-complaint'}
        onKeep={(messageId) => void keepComplaint(messageId)}
        onCorrect={() => {
          const correct = actions.find((a) => a.id === 'classification');
          if (correct) trigger(correct);
        }}
      />
      {dialog && <ActionDialog action={dialog} detail={detail} busy={busy === dialog.id} onCancel={() => setDialog(null)} onSubmit={(values) => run(dialog, values)} />}
    </header>
  );
}

/** A closed case's response deadline no longer counts down. */
function closedAt(detail: CaseDetail): string | null {
  if (detail.status !== 'resolved' && detail.status !== 'closed') return null;
  return [...detail.events].reverse().find((e) => e.type === 'case.resolved')?.at ?? detail.lastMessageAt;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="fact">
      <span className="fact-label">{label}</span>
      <span className="fact-value">{children}</span>
    </div>
  );
}

/** The count behind a deadline, in words: what it runs from, how many days, and whether it rolled. */
function ruleText(rule: NonNullable<ComplianceState['respondByRule']>): string {
  const how = rule.rule === 'strict_calendar_day' ? 'strict calendar day, no roll-over' : rule.rolled ? `rolled from ${formatFirmDateText(rule.countedTo) || rule.countedTo} to the next business day` : 'a business day';
  return `${rule.days} days from ${formatFirmDateText(rule.countedFrom) || rule.countedFrom} (${rule.paragraphs}); ${how}`;
}

/** An acknowledgement counts as given once the provider accepted it: until then the header says where it stands. */
function pendingDelivery(delivery: ComplianceState['acknowledgementDelivery']): { text: string; tone: 'warn' | 'breached' } | null {
  if (!delivery) return null;
  if (delivery.status === 'queued' && !delivery.accepted) return { text: 'Queued — not yet accepted by the provider', tone: 'warn' };
  if (delivery.status === 'failed') return { text: `Failed${delivery.error ? `: ${delivery.error}` : ''} — acknowledge another way`, tone: 'breached' };
  return null;
}

function DeadlineFact({
  label,
  start,
  due,
  now,
  done,
  rule,
  pending,
}: {
  label: string;
  start: string;
  due: string | null;
  now: number;
  done?: string | null;
  rule?: ComplianceState['respondByRule'];
  pending?: { text: string; tone: 'warn' | 'breached' } | null;
}) {
  if (!due) return <Fact label={label}><span className="muted">—</span></Fact>;
  if (done && pending) {
    return (
      <Fact label={label}>
        <span className={`deadline tone-${pending.tone}`} title={`Due ${formatDateTime(due)}`} data-testid={`deadline-${label}`}>
          {pending.text}
        </span>
      </Fact>
    );
  }
  if (done) {
    const late = Date.parse(done) > Date.parse(due);
    return (
      <Fact label={label}>
        <span className={`deadline ${late ? 'tone-breached' : 'tone-done'}`} title={`Due ${formatDateTime(due)}`} data-testid={`deadline-${label}`}>
          <Icon name="check" size={12} /> Done {formatDateTime(done)}{late ? ' (late)' : ''}
        </span>
      </Fact>
    );
  }
  const left = Date.parse(due) - now;
  const tone = deadlineTone(start, due, now);
  return (
    <Fact label={label}>
      <span title={rule ? `${formatDateTime(due)} — ${ruleText(rule)}` : formatDateTime(due)} data-testid={rule ? 'respond-by-rule' : undefined}>
        {formatDateTime(due)}{' '}
        <span className={`deadline tone-${tone}`}>{left >= 0 ? `in ${formatDuration(left)}` : `${formatDuration(left)} overdue`}</span>
        {rule?.rolled && <span className="muted"> · rolled from {formatFirmDateText(rule.countedTo) || rule.countedTo}</span>}
      </span>
    </Fact>
  );
}

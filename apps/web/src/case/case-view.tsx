import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';
import { Icon } from '../shell/icons';
import { applyEventToDetail, type CaseDetail, type TimelineMessage } from './case-detail';
import { CaseHeader } from './case-header';
import type { ComplianceState } from './case-actions';
import { Timeline } from './timeline';
import { Composer, type ComposerHandle } from './composer';
import { SidePanel } from './side-panel';
import { OneComplaintOneCase } from './split-merge';

type Load =
  | { state: 'loading' }
  | { state: 'error'; message: string; missing: boolean }
  | { state: 'ready'; detail: CaseDetail; compliance: ComplianceState | null };

/** One case: header with deadlines and actions, the cross-channel timeline, the composer and the customer. */
export function CaseView({ caseId }: { caseId: string }) {
  const { api, live } = useWorkspace();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const refetchTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const composer = useRef<ComposerHandle>(null);

  const fetchDetail = useCallback(async () => {
    try {
      const [detail, compliance] = await Promise.all([
        api.get<CaseDetail>(`/api/cases/${caseId}`),
        // RG 271 state (acknowledged, breached, responded); the case still shows without it.
        api.get<ComplianceState>(`/api/cases/${caseId}/compliance`).catch(() => null),
      ]);
      setLoad({ state: 'ready', detail, compliance });
    } catch (error) {
      setLoad((current) =>
        // A failed background refresh keeps what is on screen.
        current.state === 'ready' ? current : { state: 'error', message: errorMessage(error), missing: error instanceof ApiError && error.status === 404 },
      );
    }
  }, [api, caseId]);

  useEffect(() => {
    void fetchDetail();
  }, [fetchDetail]);

  // Live: fold the event in at once (delivery status, new messages), then re-read history and notes quietly.
  useEffect(
    () =>
      live.onCaseEvent((event) => {
        if (event.caseId !== caseId) return;
        setLoad((current) => (current.state === 'ready' ? { ...current, detail: applyEventToDetail(current.detail, event) } : current));
        clearTimeout(refetchTimer.current);
        refetchTimer.current = setTimeout(() => void fetchDetail(), 400);
      }),
    [live, caseId, fetchDetail],
  );
  useEffect(() => () => clearTimeout(refetchTimer.current), []);

  const replace = useCallback((patch: Partial<CaseDetail>) => {
    setLoad((current) => (current.state === 'ready' ? { ...current, detail: { ...current.detail, ...patch } } : current));
  }, []);
  const addMessage = useCallback((message: TimelineMessage) => {
    setLoad((current) =>
      current.state === 'ready' && !current.detail.messages.some((m) => m.id === message.id)
        ? {
            ...current,
            detail: {
              ...current.detail,
              messages: [...current.detail.messages, message],
              timeline: current.detail.timeline && [...current.detail.timeline, { ...message, kind: 'message', at: message.receivedAt, caseReference: current.detail.reference }],
            },
          }
        : current,
    );
  }, []);

  if (load.state === 'loading') return <CaseSkeleton />;
  if (load.state === 'error') {
    return (
      <section className="case-empty" role="alert">
        <div className="case-empty-art error"><Icon name="alert" size={28} /></div>
        <h2>{load.missing ? 'Case not found' : 'The case could not be loaded'}</h2>
        <p>{load.missing ? 'It does not exist, or it belongs to a team you are not in.' : load.message}</p>
        <div className="row-gap">
          {!load.missing && <button className="btn" onClick={() => (setLoad({ state: 'loading' }), void fetchDetail())}>Try again</button>}
          <a className="btn" href="#/queue">Back to the queue</a>
        </div>
      </section>
    );
  }
  const { detail, compliance } = load;
  return (
    <section className="case" aria-label={`Case ${detail.reference}`} data-testid="case-view">
      {/* One row of the case's grid: the header, then the split and merge tools under it. */}
      <div className="case-top">
        <CaseHeader detail={detail} compliance={compliance} onChanged={replace} refresh={fetchDetail} />
        <OneComplaintOneCase detail={detail} refresh={fetchDetail} />
      </div>
      <div className="case-body">
        <div className="case-main">
          <Timeline detail={detail} />
          <Composer detail={detail} onSent={addMessage} refresh={fetchDetail} handle={composer} />
        </div>
        <SidePanel detail={detail} onInsert={(text) => composer.current?.insert(text)} />
      </div>
    </section>
  );
}

function CaseSkeleton() {
  return (
    <section className="case" aria-busy="true" aria-label="Loading the case">
      <div className="case-header">
        <span className="sk sk-line" style={{ width: 220, height: 18 }} />
        <span className="sk sk-line" style={{ width: 360 }} />
      </div>
      <div className="case-body">
        <div className="case-main">
          <div className="timeline">
            {[60, 45, 70].map((w, i) => (
              <div key={i} className={`sk sk-bubble ${i % 2 ? 'right' : ''}`} style={{ width: `${w}%` }} />
            ))}
          </div>
        </div>
        <aside className="side-panel" />
      </div>
    </section>
  );
}

import { useCallback, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CaseDetail, TimelineMessage } from '@inbox/contracts';
import { ApiError, errorMessage } from '../api-client';
import { Icon } from '../shell/icons';
import { CaseHeader } from './case-header';
import { withSentMessage } from './case-event-fold';
import { caseKeys, useCaseCompliance, useCaseDetail } from './case-queries';
import { Timeline } from './timeline';
import { Composer, type ComposerHandle } from './composer';
import { SidePanel } from './side-panel';
import { CaseFields } from '../fields/case-fields';
import { OneComplaintOneCase } from './split-merge';

/**
 * One case: header with deadlines and actions, the cross-channel timeline, the composer and the customer.
 * The case comes from the query cache, which pushed events keep current (CaseEventsToCache).
 */
export function CaseView({ caseId }: { caseId: string }) {
  const queries = useQueryClient();
  const detailQuery = useCaseDetail(caseId);
  const complianceQuery = useCaseCompliance(caseId);
  const composer = useRef<ComposerHandle>(null);

  const update = useCallback(
    (change: (detail: CaseDetail) => CaseDetail) => queries.setQueryData<CaseDetail>(caseKeys.detail(caseId), (current) => current && change(current)),
    [queries, caseId],
  );
  const replace = useCallback((patch: Partial<CaseDetail>) => update((detail) => ({ ...detail, ...patch })), [update]);
  const addMessage = useCallback((message: TimelineMessage) => update((detail) => withSentMessage(detail, message)), [update]);
  // After the agent's own action: what its answer does not carry (history names, compliance) is read again.
  const refresh = useCallback(() => queries.invalidateQueries({ queryKey: ['case', caseId] }), [queries, caseId]);

  // A failed background read keeps what is on screen: the error shows only when there is no case yet.
  if (detailQuery.data === undefined) {
    if (detailQuery.isPending) return <CaseSkeleton />;
    const error = detailQuery.error;
    const missing = error instanceof ApiError && error.status === 404;
    return (
      <section className="case-empty" role="alert">
        <div className="case-empty-art error"><Icon name="alert" size={28} /></div>
        <h2>{missing ? 'Case not found' : 'The case could not be loaded'}</h2>
        <p>{missing ? 'It does not exist, or it belongs to a team you are not in.' : errorMessage(error)}</p>
        <div className="row-gap">
          {!missing && <button className="btn" onClick={() => void detailQuery.refetch()}>Try again</button>}
          <a className="btn" href="#/queue">Back to the queue</a>
        </div>
      </section>
    );
  }
  if (complianceQuery.isPending) return <CaseSkeleton />;
  const detail = detailQuery.data;
  const compliance = complianceQuery.data ?? null;
  return (
    <section className="case" aria-label={`Case ${detail.reference}`} data-testid="case-view">
      {/* One row of the case's grid: the header, then the split and merge tools under it. */}
      <div className="case-top">
        <CaseHeader detail={detail} compliance={compliance} onChanged={replace} refresh={refresh} />
        <OneComplaintOneCase detail={detail} refresh={refresh} />
        {/* Phones have no side panel: the case's fields fold out under the header instead. */}
        <details className="case-fields-phone">
          <summary>Case fields{Object.keys(detail.fields ?? {}).length > 0 ? ` (${Object.keys(detail.fields ?? {}).length})` : ''}</summary>
          <CaseFields detail={detail} onChanged={replace} />
        </details>
      </div>
      <div className="case-body">
        <div className="case-main">
          <Timeline detail={detail} />
          <Composer detail={detail} onSent={addMessage} refresh={refresh} handle={composer} />
        </div>
        <SidePanel detail={detail} onInsert={(text) => composer.current?.insert(text)} onChanged={replace} />
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

import { useEffect } from 'react';
import { QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CaseDetail } from '@inbox/contracts';
import { ApiError } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';
import type { ComplianceState } from './case-actions';
import { changesCompliance, foldCaseEvent } from './case-event-fold';

/** Query keys of one case's reads: everything of a case is under `['case', id]`. */
export const caseKeys = {
  all: ['case'] as const,
  detail: (caseId: string) => ['case', caseId, 'detail'] as const,
  compliance: (caseId: string) => ['case', caseId, 'compliance'] as const,
};

/**
 * The workspace's query cache. Case reads never go stale by age: pushed
 * events keep them current (CaseEventsToCache), so they are read again only
 * when an event cannot carry the change, after the socket reconnects, or
 * after the agent's own action. A refused read (403, 404) is not retried.
 */
export function createWorkspaceQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Number.POSITIVE_INFINITY,
        refetchOnWindowFocus: false,
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      },
    },
  });
}

/** GET /api/cases/:id, from the cache when this case was open before. */
export function useCaseDetail(caseId: string) {
  const { api } = useWorkspace();
  return useQuery({ queryKey: caseKeys.detail(caseId), queryFn: () => api.get<CaseDetail>(`/api/cases/${caseId}`) });
}

/** The case's RG 271 state (acknowledged, breached, responded); the case still shows without it. */
export function useCaseCompliance(caseId: string) {
  const { api } = useWorkspace();
  return useQuery({
    queryKey: caseKeys.compliance(caseId),
    queryFn: () => api.get<ComplianceState>(`/api/cases/${caseId}/compliance`).catch(() => null),
  });
}

/**
 * Applies every pushed case event to the cached case it concerns (open or
 * opened before), instead of reading the case again; reads again only what
 * the event cannot carry. Renders nothing.
 */
export function CaseEventsToCache() {
  const { live, staffName } = useWorkspace();
  const queries = useQueryClient();
  useEffect(() => {
    const offEvents = live.onCaseEvent((event) => {
      const cached = queries.getQueryData<CaseDetail>(caseKeys.detail(event.caseId));
      if (cached) {
        const folded = foldCaseEvent(cached, event, staffName);
        if (folded.detail !== cached) queries.setQueryData(caseKeys.detail(event.caseId), folded.detail);
        if (folded.stale) void queries.invalidateQueries({ queryKey: caseKeys.detail(event.caseId) });
      }
      if (changesCompliance(event)) void queries.invalidateQueries({ queryKey: caseKeys.compliance(event.caseId) });
    });
    // Events missed while away may have been replaced by a fresh queue snapshot: cached cases are read again.
    const offReconnect = live.onReconnect(() => void queries.invalidateQueries({ queryKey: caseKeys.all }));
    return () => {
      offEvents();
      offReconnect();
    };
  }, [live, queries, staffName]);
  return null;
}

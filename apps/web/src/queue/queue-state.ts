import { isOpenCaseStatus, type CaseEvent, type CaseSummary, type QueueSnapshot, type QueueSort } from '@inbox/contracts';
import { compareCasesBy } from './queue-order';

export interface QueueEntry {
  summary: CaseSummary;
  /** The sequence of the last event applied to this case (the snapshot's for cases from a snapshot). */
  seq: number;
  /** When the case came in live (not in a snapshot), so the row can flash once. */
  arrivedLiveAt?: number;
}

export interface QueueState {
  /** Highest sequence applied; a reconnecting client resyncs from here. */
  seq: number;
  /** False until the first snapshot: the queue shows a loading state, not "empty". */
  loaded: boolean;
  entries: Record<string, QueueEntry>;
}

export const EMPTY_QUEUE: QueueState = { seq: 0, loaded: false, entries: {} };

/**
 * A snapshot replaces the queue unless events newer than it were already
 * applied (a resync answered first): then it is older news and is ignored.
 */
export function applySnapshot(state: QueueState, snapshot: QueueSnapshot): QueueState {
  if (state.loaded && snapshot.seq < state.seq) return state;
  const entries: Record<string, QueueEntry> = {};
  for (const summary of snapshot.cases) {
    if (isOpenCaseStatus(summary.status)) entries[summary.id] = { summary, seq: snapshot.seq };
  }
  return { seq: snapshot.seq, loaded: true, entries };
}

/** One live event: idempotent (a replayed or older event changes nothing), and a case leaves the queue when it closes. */
export function applyEvent(state: QueueState, event: CaseEvent, now = Date.now()): QueueState {
  const current = state.entries[event.caseId];
  if (event.seq <= (current?.seq ?? state.seq)) return state;
  const seq = Math.max(state.seq, event.seq);
  const entries = { ...state.entries };
  if (!event.case || !isOpenCaseStatus(event.case.status)) {
    delete entries[event.caseId];
  } else {
    entries[event.caseId] = {
      summary: event.case,
      seq: event.seq,
      arrivedLiveAt: current ? current.arrivedLiveAt : event.type === 'case.created' ? now : undefined,
    };
  }
  return { ...state, seq, entries };
}

export function applyEvents(state: QueueState, events: CaseEvent[], now = Date.now()): QueueState {
  return events.reduce((s, e) => applyEvent(s, e, now), state);
}

/** The queue's cases in the given order (deadline first by default). */
export function orderedEntries(state: QueueState, sort?: QueueSort): QueueEntry[] {
  const compare = compareCasesBy(sort);
  return Object.values(state.entries).sort((a, b) => compare(a.summary, b.summary));
}

import { describe, expect, it } from '@jest/globals';
import type { CaseDetail, CaseEvent, CaseSummary } from '@inbox/contracts';
import { changesCompliance, foldCaseEvent, withSentMessage } from './case-event-fold';
import { messageView } from './case-test-data';

const summary: CaseSummary = {
  id: 'case-1',
  reference: 'C-000001',
  status: 'new',
  channel: 'sms',
  customerId: 'customer-1',
  customerName: 'Dana',
  customerAddress: null,
  teamId: 'team-1',
  assigneeId: null,
  priority: 3,
  category: null,
  receivedAt: '2026-01-01T10:00:00.000Z',
  lastMessageAt: '2026-01-01T10:00:00.000Z',
  deadlines: { acknowledgeBy: null, respondBy: null },
  preview: 'My card was charged twice',
};

const detail: CaseDetail = {
  ...summary,
  customer: { id: 'customer-1', displayName: 'Dana', identities: [] },
  messages: [{ ...messageView('m1'), caseReference: 'C-000001', authorName: null, attachments: [] }],
  events: [{ seq: 1, type: 'case.created', actorUserId: null, actorName: null, at: '2026-01-01T10:00:00.000Z', data: null }],
  // The customer's other case: this case's messages are not repeated in the timeline.
  timeline: [{ ...messageView('m0', { caseId: 'case-0' }), kind: 'message', at: '2025-12-01T10:00:00.000Z', caseReference: 'C-000000', authorName: null, attachments: [] }],
  satisfaction: [],
  copied: [],
};

const envelope = { caseId: 'case-1', reference: 'C-000001', teamId: 'team-1', at: '2026-01-01T10:05:00.000Z' };
const names = (id: string | null) => (id === 'ann' ? 'Ann' : null);

describe('foldCaseEvent', () => {
  it('takes the status and assignee from the event, and records it in the history with its actor', () => {
    const claimed: CaseEvent = { ...envelope, seq: 2, type: 'case.updated', actorUserId: 'ann', case: { ...summary, status: 'open', assigneeId: 'ann' }, data: { change: 'claimed' } };
    const { detail: next, stale } = foldCaseEvent(detail, claimed, names);
    expect(stale).toBe(false);
    expect(next).toMatchObject({ status: 'open', assigneeId: 'ann' });
    expect(next.events.at(-1)).toEqual({ seq: 2, type: 'case.updated', actorUserId: 'ann', actorName: 'Ann', at: envelope.at, data: { change: 'claimed' } });
  });

  it('moves a delivery status in place and adds a new message to the case’s messages once, leaving the rest of the timeline', () => {
    const delivered: CaseEvent = { ...envelope, seq: 2, type: 'message.updated', actorUserId: null, case: summary, message: messageView('m1', { deliveryStatus: 'delivered' }) };
    const afterUpdate = foldCaseEvent(detail, delivered, names).detail;
    expect(afterUpdate.messages).toHaveLength(1);
    expect(afterUpdate.messages[0]).toMatchObject({ id: 'm1', deliveryStatus: 'delivered', caseReference: 'C-000001' });
    expect(afterUpdate.timeline).toBe(detail.timeline);

    const reply: CaseEvent = { ...envelope, seq: 3, type: 'message.created', actorUserId: 'ann', case: summary, message: messageView('m2', { direction: 'outbound', intakeSeq: 2 }) };
    const afterReply = foldCaseEvent(afterUpdate, reply, names);
    expect(afterReply.stale).toBe(false);
    expect(afterReply.detail.messages.at(-1)).toMatchObject({ id: 'm2', authorName: 'Ann', caseReference: 'C-000001', attachments: [] });
    expect(afterReply.detail.timeline).toHaveLength(1);
    // The same event again (a resync replays it) changes nothing.
    expect(foldCaseEvent(afterReply.detail, reply, names).detail).toBe(afterReply.detail);
  });

  it('puts a note in the timeline from the event that carries it', () => {
    const note: CaseEvent = {
      ...envelope,
      seq: 2,
      type: 'note.created',
      actorUserId: 'ann',
      case: summary,
      data: { note: { id: 'n1', text: 'Called the branch', authorUserId: 'ann', authorName: 'Ann', createdAt: envelope.at } },
    };
    expect(foldCaseEvent(detail, note, names).detail.timeline.at(-1)).toMatchObject({ kind: 'note', id: 'n1', text: 'Called the branch', authorName: 'Ann' });
  });

  it('asks for a read of what an event cannot carry: a reply by an agent this workspace cannot name, a merged customer', () => {
    const reply: CaseEvent = { ...envelope, seq: 2, type: 'message.created', actorUserId: 'someone', case: summary, message: messageView('m2', { direction: 'outbound' }) };
    expect(foldCaseEvent(detail, reply, names).stale).toBe(true);
    const merged: CaseEvent = { ...envelope, seq: 3, type: 'customer.merged', actorUserId: 'ann', case: summary, data: { mergeId: 'x', survivorId: 'customer-1', mergedId: 'customer-2' } };
    expect(foldCaseEvent(detail, merged, names).stale).toBe(true);
  });

  it('leaves another case alone', () => {
    const other: CaseEvent = { ...envelope, caseId: 'case-2', seq: 2, type: 'case.updated', actorUserId: null, case: { ...summary, id: 'case-2' } };
    expect(foldCaseEvent(detail, other, names).detail).toBe(detail);
  });
});

describe('withSentMessage', () => {
  it('shows a sent message at once, and only once', () => {
    const sent = { ...messageView('m2', { direction: 'outbound' }), caseReference: 'C-000001', authorName: 'Ann', attachments: [] };
    const once = withSentMessage(detail, sent);
    expect(once.messages.map((m) => m.id)).toEqual(['m1', 'm2']);
    expect(withSentMessage(once, sent)).toBe(once);
  });
});

describe('changesCompliance', () => {
  it('re-reads the RG 271 state after a deadline or acknowledgement, not after a note', () => {
    const base = { ...envelope, seq: 2, actorUserId: null, case: summary };
    expect(changesCompliance({ ...base, type: 'deadline.breached', data: { deadline: 'idr_response', dueAt: envelope.at, at: envelope.at } })).toBe(true);
    expect(changesCompliance({ ...base, type: 'case.acknowledged', data: { manual: true } })).toBe(true);
    expect(changesCompliance({ ...base, type: 'note.created', data: { note: { id: 'n', text: 't', authorUserId: null, authorName: null, createdAt: envelope.at } } })).toBe(false);
  });
});

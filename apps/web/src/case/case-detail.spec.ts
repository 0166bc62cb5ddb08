import { describe, expect, it } from '@jest/globals';
import type { CaseDetail, TimelineMessage } from '@inbox/contracts';
import { claimedTimeWorthShowing, timelineOf } from './case-detail';
import { messageView } from './case-test-data';

const message = (id: string, intakeSeq: number, receivedAt: string, extra: Partial<TimelineMessage> = {}): TimelineMessage => ({
  ...messageView(id, { createdAt: receivedAt, receivedAt, intakeSeq }),
  caseReference: 'C-000001',
  authorName: null,
  attachments: [],
  ...extra,
});

function detail(messages: TimelineMessage[]): CaseDetail {
  return {
    id: 'case-1',
    reference: 'C-000001',
    status: 'new',
    channel: 'sms',
    customerId: 'customer-1',
    customerName: null,
    customerAddress: '0412 345 678',
    teamId: null,
    assigneeId: null,
    priority: 3,
    category: null,
    receivedAt: messages[0].receivedAt,
    lastMessageAt: messages[messages.length - 1].receivedAt,
    deadlines: { acknowledgeBy: null, respondBy: null },
    preview: '',
    customer: { id: 'customer-1', displayName: null, identities: [] },
    messages,
    timeline: messages.map((m) => ({ ...m, kind: 'message', at: m.receivedAt })),
    satisfaction: [],
    copied: [],
    events: [{ seq: 1, type: 'case.updated', actorUserId: 'u1', actorName: 'Ann', at: '2026-01-01T10:00:00.050Z', data: { change: 'claimed' } }],
  };
}

describe('timelineOf', () => {
  it('shows messages in the order the inbox took them in, a WhatsApp stamped earlier by the phone included', () => {
    const items = timelineOf(
      detail([
        message('sms-1', 10, '2026-01-01T10:00:00.700Z'),
        // Taken in after the first SMS, though its times say 50 ms earlier (a transaction that began first, a mail server's receipt).
        message('whatsapp', 11, '2026-01-01T10:00:00.650Z', { channel: 'whatsapp', sentAt: '2026-01-01T09:59:58.000Z' }),
        message('sms-2', 12, '2026-01-01T10:00:01.000Z'),
      ]),
    );
    expect(items.map((i) => (i.kind === 'message' ? i.message.id : i.kind))).toEqual(['event', 'sms-1', 'whatsapp', 'sms-2']);
  });
});

describe('claimedTimeWorthShowing', () => {
  it('shows the sender’s time only when it is a minute or more from ours', () => {
    expect(claimedTimeWorthShowing({ receivedAt: '2026-01-01T10:00:00.700Z', sentAt: '2026-01-01T10:00:00.000Z' })).toBeNull();
    expect(claimedTimeWorthShowing({ receivedAt: '2026-01-01T10:00:00.700Z', sentAt: null })).toBeNull();
    expect(claimedTimeWorthShowing({ receivedAt: '2026-01-01T10:00:00.000Z', sentAt: '2019-03-01T09:00:00.000Z' })).toBe('2019-03-01T09:00:00.000Z');
  });
});

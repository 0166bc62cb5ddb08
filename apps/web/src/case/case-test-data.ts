import type { MessageView } from '@inbox/contracts';

/** Test data for the case view's specs: an inbound SMS of case-1 unless `extra` says otherwise. */
export function messageView(id: string, extra: Partial<MessageView> = {}): MessageView {
  return {
    id,
    caseId: 'case-1',
    customerId: 'customer-1',
    channel: 'sms',
    direction: 'inbound',
    text: id,
    senderAddress: '+61412345678',
    createdAt: '2026-01-01T10:00:00.000Z',
    receivedAt: '2026-01-01T10:00:00.000Z',
    sentAt: null,
    intakeSeq: 1,
    deliveryStatus: null,
    deliveryError: null,
    classification: null,
    ...extra,
  };
}

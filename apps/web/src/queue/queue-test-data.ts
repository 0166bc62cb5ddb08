import type { CaseSummary } from '@inbox/contracts';

/** Test data for the queue's specs: a new SMS case `id` in team t1, due 31 January 2026, unless `overrides` say otherwise. */
export function summary(id: string, overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id,
    reference: `C-${id}`,
    status: 'new',
    channel: 'sms',
    customerId: `cu-${id}`,
    customerName: null,
    customerAddress: null,
    teamId: 't1',
    assigneeId: null,
    priority: 3,
    category: null,
    receivedAt: '2026-01-01T00:00:00.000Z',
    lastMessageAt: '2026-01-01T00:00:00.000Z',
    deadlines: { acknowledgeBy: null, respondBy: '2026-01-31T00:00:00.000Z' },
    preview: 'text',
    ...overrides,
  };
}

import { clockStart, deadlineProgress, extendByPauses, pauseRefusal } from './deadline-clock';

const start = new Date('2024-06-05T00:00:00Z');
const due = new Date('2024-06-15T00:00:00Z'); // 10 days allowed
const at = (days: number) => new Date(start.getTime() + days * 86_400_000);

describe('the one IDR clock', () => {
  it('starts at the earliest contact on any channel', () => {
    expect(clockStart([at(3), at(1), at(2)])).toEqual(at(1));
  });
  it('is on track, then at risk at 80% of the time used, then breached after the deadline', () => {
    expect(deadlineProgress({ clockStartedAt: start, due, now: at(7.9), atRiskThreshold: 0.8 }).state).toBe('on_track');
    expect(deadlineProgress({ clockStartedAt: start, due, now: at(8), atRiskThreshold: 0.8 }).state).toBe('at_risk');
    expect(deadlineProgress({ clockStartedAt: start, due, now: at(10), atRiskThreshold: 0.8 }).state).toBe('at_risk');
    expect(deadlineProgress({ clockStartedAt: start, due, now: at(10.01), atRiskThreshold: 0.8 }).state).toBe('breached');
  });
  it('stands still only during an allowed pause, which moves the deadline out', () => {
    const pauses = [{ reason: 'customer_advocate_review' as const, startedAt: at(2), endedAt: at(4) }];
    const progress = deadlineProgress({ clockStartedAt: start, due, now: at(9), pauses, atRiskThreshold: 0.8 });
    expect(progress.fractionUsed).toBeCloseTo(0.7);
    expect(progress.state).toBe('on_track');
    expect(progress.dueAt).toEqual(at(12));
    const open = [{ reason: 'trustee_court_event' as const, startedAt: at(5), endedAt: null }];
    expect(extendByPauses(due, open, at(6))).toEqual(at(11));
    expect(deadlineProgress({ clockStartedAt: start, due, now: at(6), pauses: open, atRiskThreshold: 0.8 }).paused).toBe(true);
  });
  it('is not breached after a delay notification sent before the deadline (RG 271.64), and is after a late one', () => {
    expect(deadlineProgress({ clockStartedAt: start, due, now: at(12), atRiskThreshold: 0.8, delayNoticeAt: at(9) }).state).toBe('delay_notified');
    expect(deadlineProgress({ clockStartedAt: start, due, now: at(12), atRiskThreshold: 0.8, delayNoticeAt: at(11) }).state).toBe('breached');
    expect(deadlineProgress({ clockStartedAt: start, due, now: at(12), atRiskThreshold: 0.8 }).state).toBe('breached');
  });
});

describe('which pauses apply', () => {
  it('court proceedings only for a traditional trustee (RG 271.77–78)', () => {
    expect(pauseRefusal('trustee_court_event', { complaintType: 'traditional_trustee', idrResponseGiven: false })).toBeNull();
    expect(pauseRefusal('trustee_court_event', { complaintType: 'superannuation_trustee', idrResponseGiven: false })).toMatch(/RG 271.77–78/);
    expect(pauseRefusal('trustee_court_event', { complaintType: 'standard', idrResponseGiven: false })).toMatch(/traditional trustee/);
  });
  it('a customer advocate’s review only after the IDR response (RG 271.110 Note 1)', () => {
    expect(pauseRefusal('customer_advocate_review', { complaintType: 'standard', idrResponseGiven: false })).toMatch(/RG 271.110 Note 1/);
    expect(pauseRefusal('customer_advocate_review', { complaintType: 'standard', idrResponseGiven: true })).toBeNull();
  });
});

import type { CaseEvent } from '@inbox/contracts';
import { CaseEventFrames } from './case-event-frames';

const event = (seq: number, caseId = 'c1') => ({ seq, caseId, type: 'case.updated' }) as CaseEvent;

describe('CaseEventFrames', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the events of one window to the same rooms as one frame, in the order they came', () => {
    const sent: Array<{ rooms: string[]; seqs: number[] }> = [];
    const frames = new CaseEventFrames((rooms, events) => sent.push({ rooms, seqs: events.map((e) => e.seq) }), 10);
    frames.add(['teams:all', 'team:a'], event(1));
    frames.add(['team:a', 'teams:all'], event(2));
    frames.add(['teams:all', 'team:a'], event(3));
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(10);
    expect(sent).toEqual([{ rooms: ['teams:all', 'team:a'], seqs: [1, 2, 3] }]);
  });

  it('keeps events for other rooms in frames of their own, and starts a new window afterwards', () => {
    const sent: Array<{ rooms: string[]; seqs: number[] }> = [];
    const frames = new CaseEventFrames((rooms, events) => sent.push({ rooms, seqs: events.map((e) => e.seq) }), 10);
    frames.add(['teams:all', 'team:a'], event(1));
    frames.add(['case:c1'], event(2));
    frames.add(['teams:all', 'team:b'], event(3, 'c2'));
    jest.advanceTimersByTime(10);
    expect(sent).toEqual([
      { rooms: ['teams:all', 'team:a'], seqs: [1] },
      { rooms: ['case:c1'], seqs: [2] },
      { rooms: ['teams:all', 'team:b'], seqs: [3] },
    ]);
    frames.add(['case:c1'], event(4));
    jest.advanceTimersByTime(10);
    expect(sent.at(-1)).toEqual({ rooms: ['case:c1'], seqs: [4] });
  });

  it('sends what it holds at once when flushed (shutting down), and nothing twice', () => {
    const sent: number[][] = [];
    const frames = new CaseEventFrames((_rooms, events) => sent.push(events.map((e) => e.seq)), 10);
    frames.add(['teams:all'], event(1));
    frames.flush();
    jest.advanceTimersByTime(50);
    expect(sent).toEqual([[1]]);
  });
});

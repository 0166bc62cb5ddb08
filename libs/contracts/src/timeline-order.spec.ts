import { inTimelineOrder, type TimelinePosition } from './timeline-order';

type Entry = { id: string } & TimelinePosition;
const ids = (entries: Entry[]) => inTimelineOrder(entries, (e) => e).map((e) => e.id);

describe('inTimelineOrder', () => {
  it('keeps messages in intake order whatever times they carry', () => {
    expect(
      ids([
        { id: 'whatsapp', intakeSeq: 2, takenInAt: '2026-01-01T10:00:00.100Z' },
        { id: 'sms-2', intakeSeq: 3, takenInAt: '2026-01-01T10:00:00.100Z' },
        { id: 'sms-1', intakeSeq: 1, takenInAt: '2026-01-01T10:00:00.200Z' },
      ]),
    ).toEqual(['sms-1', 'whatsapp', 'sms-2']);
  });

  it('puts notes and history between messages by time, after a message recorded at the same instant', () => {
    expect(
      ids([
        { id: 'note-late', at: '2026-01-01T12:00:00.000Z' },
        { id: 'm2', intakeSeq: 8, takenInAt: '2026-01-01T11:00:00.000Z' },
        { id: 'event-with-m1', at: '2026-01-01T10:00:00.000Z' },
        { id: 'm1', intakeSeq: 5, takenInAt: '2026-01-01T10:00:00.000Z' },
        { id: 'note-early', at: '2026-01-01T09:00:00.000Z' },
      ]),
    ).toEqual(['note-early', 'm1', 'event-with-m1', 'm2', 'note-late']);
  });

  it('keeps entries of the same time in the order given', () => {
    expect(ids([{ id: 'a', at: '2026-01-01T09:00:00.000Z' }, { id: 'b', at: '2026-01-01T09:00:00.000Z' }])).toEqual(['a', 'b']);
  });
});

import { toCsv } from './report-csv';
import { parseReportQuery } from './report-query';

describe('toCsv', () => {
  it('writes the header and rows, quoting what needs it and keeping formulas as text', () => {
    const csv = toCsv({
      columns: ['category', 'outcome', 'complaints'],
      rows: [
        { category: 'card/fees', outcome: 'upheld', complaints: 3 },
        { category: 'say "hi", ok', outcome: null, complaints: 0 },
        { category: '=SUM(A1)', outcome: 'open', complaints: 1 },
      ],
    });
    expect(csv).toBe('category,outcome,complaints\r\ncard/fees,upheld,3\r\n"say ""hi"", ok",,0\r\n\'=SUM(A1),open,1\r\n');
  });

  it('keeps tab- and full-width-led cells as text (the same writer as every other CSV)', () => {
    const csv = toCsv({ columns: ['category'], rows: [{ category: '\t=cmd' }, { category: '\uFF20A1' }] });
    expect(csv).toBe("category\r\n'\t=cmd\r\n'\uFF20A1\r\n");
  });
});

describe('parseReportQuery', () => {
  const now = '2026-11-23';
  const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

  it('takes days as whole days and ISO times as they are', () => {
    const q = parseReportQuery({ from: '2026-11-01', to: '2026-11-02', channel: 'sms' }, now, utcDay);
    expect(q).toEqual({ from: utcDay('2026-11-01'), to: utcDay('2026-11-03'), channel: 'sms', teamId: undefined, category: undefined, product: undefined });
    const t = parseReportQuery({ from: '2026-11-01T10:00:00Z', to: '2026-11-01T12:00:00Z' }, now, utcDay);
    expect(t.to.toISOString()).toBe('2026-11-01T12:00:00.000Z');
  });

  it('defaults to the 30 days up to the end of today', () => {
    const q = parseReportQuery({}, now, utcDay);
    expect(q.to).toEqual(utcDay('2026-11-24'));
    expect(q.from).toEqual(utcDay('2026-10-25'));
  });

  it('refuses a reversed period, a bad date, a bad team and a category without its issue', () => {
    expect(() => parseReportQuery({ from: '2026-11-05', to: '2026-11-01' }, now, utcDay)).toThrow(/before/);
    expect(() => parseReportQuery({ from: 'yesterday' }, now, utcDay)).toThrow(/day/);
    expect(() => parseReportQuery({ team: 'x' }, now, utcDay)).toThrow(/team/);
    expect(() => parseReportQuery({ category: 'card' }, now, utcDay)).toThrow(/product/);
  });
});

import { asicCodeListFor, buildAsicIdrReport, isAsicHalfYear } from './asic-idr-report';
import { toCsv } from './csv';

const list = asicCodeListFor('2025-07-01');
const base = {
  reference: 'C-000010',
  entity: 'Example Bank Ltd',
  complaintType: 'standard',
  channel: 'voice',
  receivedAt: new Date('2025-07-31T14:30:00Z'), // 00:30 on 1 Aug in Sydney
  closedAt: new Date('2025-08-11T02:00:00Z'),
  aboutRepresentative: false,
  products: ['mortgage'],
  issues: ['delay'],
  outcome: 'withdrawn',
  remedies: [],
  compensationAmount: null,
};

describe('ASIC IDR data report rows', () => {
  it('codes every element from the data file and counts days between local dates', () => {
    const report = buildAsicIdrReport([base], list, 'Australia/Sydney');
    expect(report.problems).toEqual([]);
    expect(report.rows[0]).toEqual([
      'C-000010', 'Example Bank Ltd', 'STANDARD', 'CLOSED', 'PHONE', '2025-08-01', '2025-08-11', '10', 'N',
      'HOME_LOANS', 'DELAY', 'WITHDRAWN', 'NO_REMEDY', '0.00', '', '', '',
    ]);
  });
  it('reports missing mandatory elements and values without a code', () => {
    const report = buildAsicIdrReport([{ ...base, entity: null, products: [], channel: 'pigeon', closedAt: new Date('2025-08-11T02:00:00Z'), outcome: null }], list, 'Australia/Sydney');
    expect(report.problems.map((p) => p.field).sort()).toEqual(['channel_received', 'entity', 'outcome', 'products']);
  });
  it('knows ASIC’s half-year periods', () => {
    expect(isAsicHalfYear('2025-07-01', '2025-12-31')).toBe(true);
    expect(isAsicHalfYear('2026-01-01', '2026-06-30')).toBe(true);
    expect(isAsicHalfYear('2026-01-01', '2026-06-29')).toBe(false);
  });
});

describe('CSV', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=SUM(A1)', -3], [null, 'line\nbreak']])).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),-3\r\n,"line\nbreak"\r\n');
  });
});

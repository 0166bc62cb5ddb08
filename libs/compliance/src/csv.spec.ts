import { toCsv } from './csv';

describe('CSV', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], ['=SUM(A1)', -3], [null, 'line\nbreak']])).toBe('a,b\r\n"x,y","say ""hi"""\r\n\'=SUM(A1),-3\r\n,"line\nbreak"\r\n');
  });

  it('defuses full-width formula signs too, and leaves numbers alone', () => {
    expect(toCsv(['a'], [['\uFF1DHYPERLINK("http://x")'], ['\uFF0B1'], ['@SUM(1)'], [-2.5], ['-2+3']])).toBe(
      'a\r\n"\'\uFF1DHYPERLINK(""http://x"")"\r\n\'\uFF0B1\r\n\'@SUM(1)\r\n-2.5\r\n\'-2+3\r\n',
    );
  });
});

import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

/**
 * The one CSV writer of the inbox (csv-stringify): RFC 4180 quoting, CRLF line
 * ends, empty cells for null. A text cell a spreadsheet would run as a formula
 * (=, +, -, @, tab or CR first, also their full-width forms) is prefixed with
 * an apostrophe; numbers stay numbers, negative ones included.
 */
export function toCsv(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  // A bare LF or CR inside a cell is quoted too: spreadsheets break lines on either.
  return stringify([headers, ...rows], { record_delimiter: 'windows', escape_formulas: true, quoted_match: /[\r\n]/ });
}

import { toCsv as writeCsv } from '@inbox/compliance';

/** One report as a table: the JSON answer's `columns` and `rows`, also written as CSV. */
export interface ReportTable {
  columns: string[];
  rows: Array<Record<string, string | number | null>>;
}

/** The table as CSV, through the inbox's one CSV writer (formulas kept as text). */
export function toCsv(table: ReportTable): string {
  return writeCsv(table.columns, table.rows.map((row) => table.columns.map((column) => row[column])));
}

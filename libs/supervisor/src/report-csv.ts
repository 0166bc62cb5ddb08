import { toCsv as writeCsv } from '@inbox/compliance';
import type { ReportTable } from '@inbox/contracts';


/** The table as CSV, through the inbox's one CSV writer (formulas kept as text). */
export function toCsv(table: ReportTable): string {
  return writeCsv(table.columns, table.rows.map((row) => table.columns.map((column) => row[column])));
}

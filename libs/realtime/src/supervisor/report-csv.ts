/** One report as a table: the JSON answer's `columns` and `rows`, also written as CSV. */
export interface ReportTable {
  columns: string[];
  rows: Array<Record<string, string | number | null>>;
}

/** RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks quoted. */
export function toCsv(table: ReportTable): string {
  const field = (v: string | number | null | undefined) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    // A cell starting with = + - @ is a formula to spreadsheets: prefix it so it stays text.
    const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [table.columns.map(field).join(','), ...table.rows.map((r) => table.columns.map((c) => field(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

import codes from './data/asic-idr-codes.json';
import { addDays, civilDateOf, formatCivilDate, type CivilDate } from './zoned-time';

/** One version of the ASIC IDR code lists (data file, never code). */
export interface AsicCodeList {
  version: string;
  appliesFrom: string;
  columns: string[];
  listSeparator: string;
  complaintType: Record<string, string>;
  status: Record<string, string>;
  channel: Record<string, string>;
  products: Record<string, string>;
  issues: Record<string, string>;
  outcome: Record<string, string>;
  remedies: Record<string, string>;
  noRemedy: string;
  yesNo: Record<string, string>;
}

export const ASIC_CODE_LISTS: AsicCodeList[] = codes.versions as AsicCodeList[];

/** The newest code list that applies to a reporting period starting on `periodStart` (YYYY-MM-DD). */
export function asicCodeListFor(periodStart: string): AsicCodeList {
  const applicable = ASIC_CODE_LISTS.filter((v) => v.appliesFrom <= periodStart).sort((a, b) => b.appliesFrom.localeCompare(a.appliesFrom));
  return applicable[0] ?? ASIC_CODE_LISTS[0];
}

/** What the inbox knows about one complaint, as the report needs it. */
export interface AsicComplaintRecord {
  reference: string;
  entity: string | null;
  complaintType: string;
  channel: string;
  receivedAt: Date;
  /** When it was closed, if by the end of the period. */
  closedAt: Date | null;
  aboutRepresentative: boolean;
  products: string[];
  issues: string[];
  outcome: string | null;
  remedies: string[];
  compensationAmount: number | null;
  gender?: string | null;
  age?: number | null;
  postcode?: string | null;
}

export interface AsicRowProblem {
  complaintId: string;
  field: string;
  problem: string;
}

export interface AsicReport {
  version: string;
  columns: string[];
  rows: string[][];
  problems: AsicRowProblem[];
}

function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/**
 * One row per complaint in ASIC's element order, coded with the code list
 * in force, and the rows that would fail ASIC's validation (a mandatory
 * element missing, or a value without a code) with what is wrong.
 */
export function buildAsicIdrReport(records: readonly AsicComplaintRecord[], list: AsicCodeList, timeZone: string): AsicReport {
  const problems: AsicRowProblem[] = [];
  const rows = records.map((r) => {
    const id = r.reference;
    const problem = (field: string, text: string) => problems.push({ complaintId: id, field, problem: text });
    const code = (table: Record<string, string>, value: string | null | undefined, field: string): string => {
      if (value === null || value === undefined || value === '') {
        problem(field, 'missing');
        return '';
      }
      const coded = table[value];
      if (!coded) problem(field, `"${value}" has no code in code list ${list.version}`);
      return coded ?? '';
    };
    const codes = (table: Record<string, string>, values: readonly string[], field: string): string => {
      if (values.length === 0) {
        problem(field, 'at least one is required');
        return '';
      }
      return values.map((v) => code(table, v, field)).filter(Boolean).join(list.listSeparator);
    };
    const closed = r.closedAt !== null;
    const received = civilDateOf(r.receivedAt, timeZone);
    const closedDate = r.closedAt ? civilDateOf(r.closedAt, timeZone) : null;
    if (!r.entity) problem('entity', 'missing (set ASIC_REPORTING_ENTITY)');
    const row = [
      id,
      r.entity ?? '',
      code(list.complaintType, r.complaintType, 'complaint_type'),
      list.status[closed ? 'closed' : 'open'],
      code(list.channel, r.channel, 'channel_received'),
      formatCivilDate(received),
      closedDate ? formatCivilDate(closedDate) : '',
      closedDate ? String(daysBetween(received, closedDate)) : '',
      list.yesNo[String(r.aboutRepresentative)],
      codes(list.products, r.products, 'products'),
      codes(list.issues, r.issues, 'issues'),
      closed ? code(list.outcome, r.outcome, 'outcome') : '',
      closed ? (r.remedies.length === 0 ? list.noRemedy : codes(list.remedies, r.remedies, 'remedies')) : '',
      closed ? (r.compensationAmount ?? 0).toFixed(2) : '',
      r.gender ?? '',
      r.age === null || r.age === undefined ? '' : String(r.age),
      r.postcode ?? '',
    ];
    return row;
  });
  return { version: list.version, columns: list.columns, rows, problems };
}

/** ASIC's half-year periods: 1 Jan–30 Jun and 1 Jul–31 Dec. */
export function isAsicHalfYear(from: string, to: string): boolean {
  const [fy, fm, fd] = from.split('-').map(Number);
  const end = addDays({ year: Number(to.slice(0, 4)), month: Number(to.slice(5, 7)), day: Number(to.slice(8, 10)) }, 1);
  return fd === 1 && (fm === 1 || fm === 7) && end.day === 1 && end.month === (fm === 1 ? 7 : 1) && end.year === (fm === 1 ? fy : fy + 1);
}

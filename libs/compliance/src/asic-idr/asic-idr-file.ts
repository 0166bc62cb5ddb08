import { daysToResolve } from '../days-to-resolve';
import { civilDateOf, type CivilDate } from '../zoned-time';
import { codedSourcesOf, dictionaryInForce, isCodedSource, type AsicColumn, type AsicDictionary, type CodedSource } from './dictionary';
import { dictionaryDay, inReportingPeriod, type ReportingPeriod } from './reporting-period';

/** What the inbox knows about one complaint, as the file needs it. */
export interface AsicComplaintRecord {
  caseId: string;
  reference: string;
  entity: string | null;
  complaintType: string;
  channel: string;
  receivedAt: Date;
  /** When it was closed, if it was. */
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
  socialVerdict: 'meets' | 'fails' | 'pending' | null;
}

/** Inbox value → dictionary code, per coded source; edited by the compliance officer. */
export type AsicCodeMapping = Partial<Record<CodedSource, Record<string, string>>>;

/** Where a failure is fixed: on the case, in the mapping, or in the settings. */
export type AsicFix = { kind: 'case'; caseId: string } | { kind: 'mapping'; source: CodedSource; value: string } | { kind: 'settings'; setting: string };

export interface AsicRowFailure {
  reference: string;
  caseId: string;
  column: string;
  problem: string;
  fix: AsicFix;
}

export interface UnmappedValue {
  source: CodedSource;
  value: string;
  complaints: number;
}

export interface AsicIdrFile {
  period: ReportingPeriod;
  dictionary: { version: string; label: string; verified: boolean };
  columns: string[];
  rows: string[][];
  references: string[];
  /** No complaint to report: ASIC takes a nil submission in the portal instead of a file. */
  nilReturn: boolean;
  failures: AsicRowFailure[];
  unmapped: UnmappedValue[];
  /** Complaints left out, and why (failed RG 271.32(a) tests). */
  excluded: Array<{ reference: string; why: string }>;
}

/** The inbox value "no remedy", mapped like any other remedy. */
export const NO_REMEDY = 'none';

function formatDate(date: CivilDate, format: AsicDictionary['dateFormat']): string {
  const dd = String(date.day).padStart(2, '0');
  const mm = String(date.month).padStart(2, '0');
  return format === 'DD/MM/YYYY' ? `${dd}/${mm}/${date.year}` : `${date.year}-${mm}-${dd}`;
}

/** The inbox values of a source for one complaint (before mapping). */
function valuesOf(r: AsicComplaintRecord, column: AsicColumn, closed: boolean, timeZone: string, dateFormat: AsicDictionary['dateFormat']): string[] {
  const one = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? [] : [String(v)]);
  switch (column.source) {
    case 'complaint_id':
      return [r.reference];
    case 'entity':
      return one(r.entity);
    case 'complaint_type':
      return [r.complaintType];
    case 'status':
      return [closed ? 'closed' : 'open'];
    case 'channel':
      return [r.channel];
    case 'date_received':
      return [formatDate(civilDateOf(r.receivedAt, timeZone), dateFormat)];
    case 'date_closed':
      return closed && r.closedAt ? [formatDate(civilDateOf(r.closedAt, timeZone), dateFormat)] : [];
    case 'days_to_resolve':
      return closed && r.closedAt ? [String(daysToResolve(r.receivedAt, r.closedAt, timeZone))] : [];
    case 'about_representative':
      return [String(r.aboutRepresentative)];
    case 'products':
      return r.products;
    case 'issues':
      return r.issues;
    case 'outcome':
      return closed ? one(r.outcome) : [];
    case 'remedies':
      return closed ? (r.remedies.length ? r.remedies : [NO_REMEDY]) : [];
    case 'compensation_amount':
      return closed ? [(r.compensationAmount ?? 0).toFixed(2)] : [];
    case 'gender':
      return one(r.gender);
    case 'age':
      return one(r.age);
    case 'postcode':
      return one(r.postcode);
    case 'blank':
      return [];
    default: {
      const unknown: never = column.source;
      throw new Error(`unknown source ${String(unknown)}`);
    }
  }
}

const FORMAT_CHECKS: Record<string, { test: (v: string) => boolean; says: string }> = {
  integer: { test: (v) => /^\d+$/.test(v), says: 'must be a whole number' },
  amount: { test: (v) => /^\d+(\.\d{1,2})?$/.test(v), says: 'must be an amount such as 120.00' },
};

/**
 * The half-year's file under the dictionary in force, and everything that
 * would make ASIC's portal reject it — listed per complaint with where to fix
 * it. Values without a mapping are never exported as guesses: each is listed
 * as unmapped and fails its rows.
 */
export function buildAsicIdrFile(input: {
  records: readonly AsicComplaintRecord[];
  dictionaries: readonly AsicDictionary[];
  /** Mapping per dictionary version. */
  mappings: Readonly<Record<string, AsicCodeMapping>>;
  period: ReportingPeriod;
  timeZone: string;
}): AsicIdrFile {
  const { period, timeZone } = input;
  const dictionary = dictionaryInForce(input.dictionaries, period.to);
  if (!dictionary) throw new Error(`no dictionary applies to ${period.to}`);
  const mapping = input.mappings[dictionary.version] ?? {};
  const failures: AsicRowFailure[] = [];
  const unmapped = new Map<string, { source: CodedSource; value: string; references: Set<string> }>();
  const excluded: AsicIdrFile['excluded'] = [];
  const rows: string[][] = [];
  const references: string[] = [];
  const tables = new Map(Object.entries(dictionary.codeTables).map(([name, codes]) => [name, new Set(codes.map((c) => c.code))]));
  const positions = new Map<string, number>();
  for (const c of dictionary.columns) if (c.position) positions.set(c.source, Math.max(positions.get(c.source) ?? 0, c.position));

  for (const r of input.records) {
    const scope = inReportingPeriod(r, period, timeZone);
    if (!scope.included) {
      if (scope.why === 'not_a_complaint_under_rg271_32a') excluded.push({ reference: r.reference, why: scope.why });
      continue;
    }
    references.push(r.reference);
    const fail = (column: string, problem: string, fix: AsicFix = { kind: 'case', caseId: r.caseId }) =>
      failures.push({ reference: r.reference, caseId: r.caseId, column, problem, fix });
    const closed = r.closedAt !== null && formatDateKey(r.closedAt, timeZone) <= period.to;
    const own = dictionaryInForce(input.dictionaries, dictionaryDay(r, period, timeZone));
    if (own && own.version !== dictionary.version) fail('*', `falls under dictionary ${own.version}, not ${dictionary.version} used for this period`);
    if (r.socialVerdict === 'pending') fail('*', 'a social-media post whose RG 271.32(a) tests are not all answered: record them on the case');

    const cells = new Map<string, string>();
    const mapped = new Map<string, string[]>();
    // Conditions refer to other columns' final values: fill unconditional columns first.
    const ordered = [...dictionary.columns.filter((c) => !c.when), ...dictionary.columns.filter((c) => c.when)];
    for (const column of ordered) {
      if (column.when && !column.when.in.includes(cells.get(column.when.column) ?? '')) {
        cells.set(column.header, '');
        continue;
      }
      const cached = mapped.get(column.source);
      let values = cached ?? valuesOf(r, column, closed, timeZone, dictionary.dateFormat);
      if (column.source === 'entity' && values.length === 0 && column.requirement !== 'optional') {
        fail(column.header, 'the reporting entity is not set', { kind: 'settings', setting: 'ASIC_REPORTING_ENTITY' });
        cells.set(column.header, '');
        continue;
      }
      if (isCodedSource(column.source) && !cached) {
        const source = column.source;
        const table = tables.get(column.codeTable ?? '') ?? new Set<string>();
        values = values.map((value) => {
          const code = mapping[source]?.[value];
          if (code === undefined || code === '') {
            const key = `${source}\u0000${value}`;
            const u = unmapped.get(key) ?? { source, value, references: new Set<string>() };
            u.references.add(r.reference);
            unmapped.set(key, u);
            fail(column.header, `"${value}" is not mapped to a code of table ${column.codeTable}`, { kind: 'mapping', source, value });
            return '';
          }
          if (!table.has(code)) {
            fail(column.header, `"${value}" is mapped to ${code}, which table ${column.codeTable} does not have`, { kind: 'mapping', source, value });
            return '';
          }
          return code;
        });
        values = [...new Set(values.filter(Boolean))];
        // Repeated columns of one source share the mapping (and its failures, reported once).
        mapped.set(column.source, values);
      }
      let cell: string;
      if (column.position) {
        const max = positions.get(column.source) ?? column.position;
        if (column.position === 1 && values.length > max) fail(column.header, `${values.length} values but the dictionary allows ${max}`);
        cell = values[column.position - 1] ?? '';
        if (column.position > 1) {
          cells.set(column.header, cell);
          continue;
        }
      } else if (column.multiple) {
        if (values.length > column.multiple.max) fail(column.header, `${values.length} values but the dictionary allows ${column.multiple.max}`);
        cell = values.join(dictionary.listSeparator);
      } else {
        if (values.length > 1) fail(column.header, `${values.length} values but the column takes one`);
        cell = values[0] ?? '';
      }
      const required = column.requirement === 'mandatory' || column.requirement === 'conditional';
      if (required && !cell) {
        if (!failures.some((f) => f.reference === r.reference && f.column === column.header)) {
          fail(column.header, column.requirement === 'conditional' ? `required when ${column.when?.column} is ${cells.get(column.when?.column ?? '')}` : 'required');
        }
      } else if (cell) {
        const check = FORMAT_CHECKS[column.format];
        for (const part of column.multiple ? cell.split(dictionary.listSeparator) : [cell]) {
          if (check && !check.test(part)) fail(column.header, `"${part}" ${check.says}`);
        }
        if (column.maxLength && cell.length > column.maxLength) fail(column.header, `longer than ${column.maxLength} characters`);
        if (column.pattern && !new RegExp(`^(?:${column.pattern})$`).test(cell)) fail(column.header, `"${cell}" is not in the required form`);
      }
      cells.set(column.header, cell);
    }
    rows.push(dictionary.columns.map((c) => cells.get(c.header) ?? ''));
  }
  return {
    period,
    dictionary: { version: dictionary.version, label: dictionary.label, verified: dictionary.verified },
    columns: dictionary.columns.map((c) => c.header),
    rows,
    references,
    nilReturn: rows.length === 0,
    failures,
    unmapped: [...unmapped.values()]
      .map((u) => ({ source: u.source, value: u.value, complaints: u.references.size }))
      .sort((a, b) => a.source.localeCompare(b.source) || a.value.localeCompare(b.value)),
    excluded,
  };
}

function formatDateKey(d: Date, timeZone: string): string {
  return formatDate(civilDateOf(d, timeZone), 'YYYY-MM-DD');
}

/**
 * Every inbox value of each coded source the dictionary uses that has no
 * code yet: the vocabulary the inbox knows plus the values in use.
 */
export function unmappedValues(dictionary: AsicDictionary, mapping: AsicCodeMapping, vocabulary: Partial<Record<CodedSource, readonly string[]>>): Array<{ source: CodedSource; value: string }> {
  const out: Array<{ source: CodedSource; value: string }> = [];
  for (const { source } of codedSourcesOf(dictionary)) {
    for (const value of [...new Set(vocabulary[source] ?? [])].sort()) if (!mapping[source]?.[value]) out.push({ source, value });
  }
  return out;
}

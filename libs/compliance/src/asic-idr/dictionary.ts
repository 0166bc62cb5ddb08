/**
 * The ASIC IDR data dictionary as the firm loads it: ASIC's template columns
 * (the header row, in order), a rule per column (which inbox element fills
 * it, mandatory / conditional / optional, format, code table, how several
 * values are carried) and the code tables. Nothing about ASIC's codes lives
 * in code: the export follows whatever dictionary the firm loaded, chosen by
 * date (ASIC changed it for complaints received or closed from 1 Jan 2026).
 */

/** Inbox elements a column can be filled from. */
export const ASIC_SOURCES = [
  'complaint_id',
  'entity',
  'complaint_type',
  'status',
  'channel',
  'date_received',
  'date_closed',
  'days_to_resolve',
  'about_representative',
  'products',
  'issues',
  'outcome',
  'remedies',
  'compensation_amount',
  'gender',
  'age',
  'postcode',
  'blank',
] as const;
export type AsicSource = (typeof ASIC_SOURCES)[number];

/** Sources whose inbox values are mapped to dictionary codes by the compliance officer. */
export const CODED_SOURCES = ['complaint_type', 'status', 'channel', 'about_representative', 'products', 'issues', 'outcome', 'remedies', 'gender'] as const;
export type CodedSource = (typeof CODED_SOURCES)[number];
export const isCodedSource = (s: string): s is CodedSource => (CODED_SOURCES as readonly string[]).includes(s);

/** Sources that may hold several values per complaint. */
export const MULTI_VALUE_SOURCES: readonly AsicSource[] = ['products', 'issues', 'outcome', 'remedies'];

export const REQUIREMENTS = ['mandatory', 'conditional', 'optional'] as const;
export type Requirement = (typeof REQUIREMENTS)[number];

export const FORMATS = ['text', 'date', 'integer', 'amount', 'code'] as const;
export type ColumnFormat = (typeof FORMATS)[number];

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

export interface AsicColumn {
  header: string;
  source: AsicSource;
  requirement: Requirement;
  /** Conditional: required when this column's value is one of these codes; left blank otherwise. */
  when?: { column: string; in: string[] };
  format: ColumnFormat;
  codeTable?: string;
  /** Several values in this one column, joined by the list separator, at most `max`. */
  multiple?: { max: number };
  /** Several values in repeated columns: this column carries the Nth (1-based). */
  position?: number;
  maxLength?: number;
  /** A regular expression the whole value must match (e.g. a postcode). */
  pattern?: string;
}

export interface AsicCode {
  code: string;
  label: string;
}

export interface AsicDictionary {
  version: string;
  label: string;
  /** False for anything not checked against ASIC's own dictionary: shown as UNVERIFIED everywhere. */
  verified: boolean;
  /** Applies to complaints received or closed on or after this day (YYYY-MM-DD). */
  appliesFrom: string;
  source: string;
  listSeparator: string;
  dateFormat: DateFormat;
  columns: AsicColumn[];
  codeTables: Record<string, AsicCode[]>;
}

/** A dictionary that cannot be used, with everything wrong with it. */
export class AsicDictionaryError extends Error {
  constructor(readonly problems: string[]) {
    super(`The dictionary cannot be used: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
    this.name = 'AsicDictionaryError';
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_COLUMNS = 200;
const MAX_CODES = 5_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks a dictionary (from JSON or a workbook) and returns it typed, or
 * throws AsicDictionaryError listing every problem: unknown sources or
 * formats, a code column without its table, a condition on a column that
 * does not exist, duplicate headers or codes.
 */
export function parseAsicDictionary(input: unknown): AsicDictionary {
  const problems: string[] = [];
  if (!isRecord(input)) throw new AsicDictionaryError(['the dictionary must be an object']);
  const text = (key: string, required = true): string => {
    const v = input[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
    if (required) problems.push(`${key} is required`);
    return '';
  };
  const version = text('version');
  const label = text('label', false) || version;
  const appliesFrom = text('appliesFrom');
  if (appliesFrom && (!DAY.test(appliesFrom) || Number.isNaN(Date.parse(`${appliesFrom}T00:00:00Z`)))) problems.push('appliesFrom must be a date as YYYY-MM-DD');
  const verified = input.verified === true;
  const listSeparator = typeof input.listSeparator === 'string' && input.listSeparator.length === 1 ? input.listSeparator : '|';
  const dateFormat = (DATE_FORMATS as readonly unknown[]).includes(input.dateFormat) ? (input.dateFormat as DateFormat) : 'YYYY-MM-DD';
  if (input.dateFormat !== undefined && dateFormat !== input.dateFormat) problems.push(`dateFormat must be one of ${DATE_FORMATS.join(', ')}`);

  const codeTables: Record<string, AsicCode[]> = {};
  let codeCount = 0;
  if (!isRecord(input.codeTables)) problems.push('codeTables is required');
  else {
    for (const [table, list] of Object.entries(input.codeTables)) {
      if (!Array.isArray(list)) {
        problems.push(`code table ${table} must be a list`);
        continue;
      }
      const seen = new Set<string>();
      codeTables[table] = [];
      for (const entry of list) {
        const code = isRecord(entry) && typeof entry.code === 'string' ? entry.code.trim() : isRecord(entry) && typeof entry.code === 'number' ? String(entry.code) : '';
        if (!code) {
          problems.push(`code table ${table} has an entry without a code`);
          continue;
        }
        if (seen.has(code)) problems.push(`code table ${table} lists ${code} twice`);
        seen.add(code);
        codeTables[table].push({ code, label: isRecord(entry) && typeof entry.label === 'string' ? entry.label.trim() : code });
        codeCount += 1;
      }
    }
  }
  if (codeCount > MAX_CODES) problems.push(`at most ${MAX_CODES} codes`);

  const columns: AsicColumn[] = [];
  if (!Array.isArray(input.columns) || input.columns.length === 0) problems.push('columns is required (the template’s header row, in order)');
  else if (input.columns.length > MAX_COLUMNS) problems.push(`at most ${MAX_COLUMNS} columns`);
  else {
    const headers = new Set<string>();
    for (const [i, raw] of input.columns.entries()) {
      const where = `column ${i + 1}`;
      if (!isRecord(raw) || typeof raw.header !== 'string' || !raw.header.trim()) {
        problems.push(`${where} has no header`);
        continue;
      }
      const header = raw.header.trim();
      const at = `column "${header}"`;
      if (headers.has(header)) problems.push(`${at} appears twice`);
      headers.add(header);
      const source = raw.source as AsicSource;
      if (!(ASIC_SOURCES as readonly unknown[]).includes(source)) {
        problems.push(`${at}: source must be one of ${ASIC_SOURCES.join(', ')}`);
        continue;
      }
      const requirement = (raw.requirement ?? 'optional') as Requirement;
      if (!(REQUIREMENTS as readonly unknown[]).includes(requirement)) problems.push(`${at}: requirement must be mandatory, conditional or optional`);
      const format = (raw.format ?? (isCodedSource(source) ? 'code' : 'text')) as ColumnFormat;
      if (!(FORMATS as readonly unknown[]).includes(format)) problems.push(`${at}: format must be one of ${FORMATS.join(', ')}`);
      const column: AsicColumn = { header, source, requirement, format };
      if (format === 'code') {
        if (typeof raw.codeTable !== 'string' || !codeTables[raw.codeTable]) problems.push(`${at}: a code column needs a code table that the dictionary has`);
        else column.codeTable = raw.codeTable;
        if (!isCodedSource(source)) problems.push(`${at}: ${source} cannot be coded`);
      } else if (isCodedSource(source)) problems.push(`${at}: ${source} must be a code column`);
      if (requirement === 'conditional') {
        const when = raw.when;
        if (!isRecord(when) || typeof when.column !== 'string' || !Array.isArray(when.in) || when.in.length === 0) problems.push(`${at}: a conditional column needs when: {column, in: [codes]}`);
        else column.when = { column: when.column, in: when.in.map(String) };
      }
      if (raw.multiple !== undefined) {
        const max = isRecord(raw.multiple) ? Number(raw.multiple.max) : NaN;
        if (!Number.isInteger(max) || max < 1) problems.push(`${at}: multiple.max must be a whole number of at least 1`);
        else if (!MULTI_VALUE_SOURCES.includes(source)) problems.push(`${at}: ${source} has one value per complaint`);
        else column.multiple = { max };
      }
      if (raw.position !== undefined) {
        const position = Number(raw.position);
        if (!Number.isInteger(position) || position < 1) problems.push(`${at}: position must be a whole number of at least 1`);
        else if (!MULTI_VALUE_SOURCES.includes(source)) problems.push(`${at}: ${source} has one value per complaint`);
        else column.position = position;
      }
      if (raw.maxLength !== undefined) {
        const max = Number(raw.maxLength);
        if (!Number.isInteger(max) || max < 1) problems.push(`${at}: maxLength must be a whole number`);
        else column.maxLength = max;
      }
      if (raw.pattern !== undefined) {
        try {
          new RegExp(String(raw.pattern));
          column.pattern = String(raw.pattern);
        } catch {
          problems.push(`${at}: pattern is not a regular expression`);
        }
      }
      columns.push(column);
    }
    for (const c of columns) {
      if (c.when && !headers.has(c.when.column)) problems.push(`column "${c.header}": its condition names a column the template does not have (${c.when.column})`);
    }
    const positions = new Map<string, number[]>();
    for (const c of columns) if (c.position) positions.set(c.source, [...(positions.get(c.source) ?? []), c.position]);
    for (const [source, list] of positions) {
      const sorted = [...list].sort((a, b) => a - b);
      if (sorted.some((p, i) => p !== i + 1)) problems.push(`the repeated columns of ${source} must be positions 1, 2, 3… without gaps`);
    }
  }
  if (problems.length > 0) throw new AsicDictionaryError(problems);
  return { version, label, verified, appliesFrom, source: text('source', false), listSeparator, dateFormat, columns, codeTables };
}

/** The newest dictionary in force on a day (YYYY-MM-DD). */
export function dictionaryInForce<T extends Pick<AsicDictionary, 'appliesFrom'>>(dictionaries: readonly T[], day: string): T | null {
  return [...dictionaries].filter((d) => d.appliesFrom <= day).sort((a, b) => b.appliesFrom.localeCompare(a.appliesFrom))[0] ?? null;
}

/** Coded sources a dictionary uses, each with the code table its columns take. */
export function codedSourcesOf(dictionary: AsicDictionary): Array<{ source: CodedSource; codeTable: string }> {
  const out = new Map<CodedSource, string>();
  for (const c of dictionary.columns) if (isCodedSource(c.source) && c.codeTable && !out.has(c.source)) out.set(c.source, c.codeTable);
  return [...out].map(([source, codeTable]) => ({ source, codeTable }));
}

import ExcelJS from 'exceljs';
import { AsicDictionaryError, parseAsicDictionary, type AsicDictionary } from './dictionary';

/**
 * Reads a dictionary from an Excel workbook: ASIC's template sheet as it
 * comes (its header row gives the columns, in order) plus three sheets the
 * compliance officer fills from ASIC's handbook:
 * - "Elements": one row per template column — Header, Source, Requirement,
 *   Condition column, Condition values, Format, Code table, Max values,
 *   Position, Max length, Pattern;
 * - "Codes": Table, Code, Label — every code table;
 * - "About": Version, Label, Verified (yes/no), Applies from, Source, List
 *   separator, Date format.
 * The template sheet is the one named "Template", else the first sheet that
 * is none of the others.
 */
export const WORKBOOK_SHEETS = { elements: 'Elements', codes: 'Codes', about: 'About', template: 'Template' } as const;

const MAX_BYTES = 5 * 1024 * 1024;

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'result' in v) return v.result === undefined || v.result === null ? '' : String(v.result instanceof Date ? v.result.toISOString().slice(0, 10) : v.result).trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  return String(v).trim();
}

/** Rows below a header row, as objects keyed by the header's (lower-cased) names. */
function tableOf(sheet: ExcelJS.Worksheet): Array<Record<string, string>> {
  const header = sheet.getRow(1);
  const names: string[] = [];
  header.eachCell({ includeEmpty: true }, (cell, col) => (names[col] = cellText(cell).toLowerCase()));
  const rows: Array<Record<string, string>> = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const record: Record<string, string> = {};
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (names[col]) record[names[col]] = cellText(cell);
    });
    if (Object.values(record).some(Boolean)) rows.push(record);
  });
  return rows;
}

const yes = (v: string | undefined) => /^(y|yes|true|1)$/i.test(v ?? '');

export async function readDictionaryWorkbook(bytes: Uint8Array): Promise<AsicDictionary> {
  if (bytes.byteLength > MAX_BYTES) throw new AsicDictionaryError([`the workbook is larger than ${MAX_BYTES / 1024 / 1024} MB`]);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw new AsicDictionaryError(['the file is not an Excel workbook (.xlsx)']);
  }
  const named = (name: string) => workbook.worksheets.find((s) => s.name.trim().toLowerCase() === name.toLowerCase());
  const ours: readonly string[] = [WORKBOOK_SHEETS.elements, WORKBOOK_SHEETS.codes, WORKBOOK_SHEETS.about].map((n) => n.toLowerCase());
  const template = named(WORKBOOK_SHEETS.template) ?? workbook.worksheets.find((s) => !ours.includes(s.name.trim().toLowerCase()));
  const elements = named(WORKBOOK_SHEETS.elements);
  const codes = named(WORKBOOK_SHEETS.codes);
  const about = named(WORKBOOK_SHEETS.about);
  const missing = [
    !template && 'the template sheet (ASIC’s header row)',
    !elements && `a sheet "${WORKBOOK_SHEETS.elements}"`,
    !codes && `a sheet "${WORKBOOK_SHEETS.codes}"`,
    !about && `a sheet "${WORKBOOK_SHEETS.about}"`,
  ].filter((m): m is string => Boolean(m));
  if (missing.length > 0 || !template || !elements || !codes || !about) throw new AsicDictionaryError(missing.map((m) => `the workbook has no ${m}`));

  const headers: string[] = [];
  template.getRow(1).eachCell({ includeEmpty: false }, (cell) => {
    const text = cellText(cell);
    if (text) headers.push(text);
  });
  const problems: string[] = [];
  if (headers.length === 0) problems.push('the template sheet’s first row has no headers');

  const rules = new Map(tableOf(elements).map((r) => [r.header ?? '', r]));
  const columns = headers.map((header) => {
    const r = rules.get(header);
    if (!r) {
      problems.push(`template column "${header}" has no row in "${WORKBOOK_SHEETS.elements}"`);
      return { header };
    }
    const values = (r['condition values'] ?? '').split(/[,;|]/).map((s) => s.trim()).filter(Boolean);
    return {
      header,
      source: r.source,
      requirement: (r.requirement || 'optional').toLowerCase(),
      ...(r['condition column'] ? { when: { column: r['condition column'], in: values } } : {}),
      ...(r.format ? { format: r.format.toLowerCase() } : {}),
      ...(r['code table'] ? { codeTable: r['code table'] } : {}),
      ...(r['max values'] ? { multiple: { max: Number(r['max values']) } } : {}),
      ...(r.position ? { position: Number(r.position) } : {}),
      ...(r['max length'] ? { maxLength: Number(r['max length']) } : {}),
      ...(r.pattern ? { pattern: r.pattern } : {}),
    };
  });
  for (const name of rules.keys()) if (name && !headers.includes(name)) problems.push(`"${WORKBOOK_SHEETS.elements}" describes "${name}", which the template does not have`);

  const codeTables: Record<string, Array<{ code: string; label: string }>> = {};
  for (const r of tableOf(codes)) {
    if (!r.table) {
      problems.push(`"${WORKBOOK_SHEETS.codes}" has a row without a table`);
      continue;
    }
    (codeTables[r.table] ??= []).push({ code: r.code ?? '', label: r.label ?? '' });
  }
  const facts = new Map<string, string>();
  about.eachRow((row) => facts.set(cellText(row.getCell(1)).toLowerCase(), cellText(row.getCell(2))));
  if (problems.length > 0) throw new AsicDictionaryError(problems);
  return parseAsicDictionary({
    version: facts.get('version'),
    label: facts.get('label'),
    verified: yes(facts.get('verified')),
    appliesFrom: facts.get('applies from'),
    source: facts.get('source'),
    listSeparator: facts.get('list separator') || undefined,
    dateFormat: facts.get('date format') || undefined,
    columns,
    codeTables,
  });
}

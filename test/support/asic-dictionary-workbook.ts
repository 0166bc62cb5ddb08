import ExcelJS from 'exceljs';

/** One row of the "Elements" sheet. */
export interface ElementRow {
  header: string;
  source: string;
  requirement?: string;
  conditionColumn?: string;
  conditionValues?: string;
  format?: string;
  codeTable?: string;
  maxValues?: number;
  position?: number;
  maxLength?: number;
  pattern?: string;
}

export interface WorkbookSpec {
  about: Record<string, string>;
  /** The template's header row (ASIC's column names). */
  headers: string[];
  elements: ElementRow[];
  codes: Array<[table: string, code: string, label: string]>;
}

/** A small dictionary in the layout a compliance officer fills: ASIC's template sheet plus Elements, Codes and About. */
export function sampleDictionary(overrides: Partial<WorkbookSpec> = {}): WorkbookSpec {
  return {
    about: { Version: '2026.1', Label: 'IDR data reporting handbook (Dec 2025)', Verified: 'yes', 'Applies from': '2026-01-01', Source: 'transcribed from the handbook', 'Date format': 'DD/MM/YYYY' },
    headers: ['Complaint ID', 'Brand', 'Status', 'Channel', 'Date received', 'Date closed', 'Product 1', 'Product 2', 'Issues', 'Outcome', 'Representative'],
    elements: [
      { header: 'Complaint ID', source: 'complaint_id', requirement: 'Mandatory', format: 'text', maxLength: 20 },
      { header: 'Brand', source: 'entity', requirement: 'Mandatory', format: 'text' },
      { header: 'Status', source: 'status', requirement: 'Mandatory', format: 'code', codeTable: 'STATUS' },
      { header: 'Channel', source: 'channel', requirement: 'Mandatory', format: 'code', codeTable: 'CHANNEL' },
      { header: 'Date received', source: 'date_received', requirement: 'Mandatory', format: 'date' },
      { header: 'Date closed', source: 'date_closed', requirement: 'Conditional', conditionColumn: 'Status', conditionValues: '2', format: 'date' },
      { header: 'Product 1', source: 'products', requirement: 'Mandatory', format: 'code', codeTable: 'PRODUCT', position: 1 },
      { header: 'Product 2', source: 'products', requirement: 'Optional', format: 'code', codeTable: 'PRODUCT', position: 2 },
      { header: 'Issues', source: 'issues', requirement: 'Mandatory', format: 'code', codeTable: 'ISSUE', maxValues: 2 },
      { header: 'Outcome', source: 'outcome', requirement: 'Conditional', conditionColumn: 'Status', conditionValues: '2', format: 'code', codeTable: 'OUTCOME' },
      { header: 'Representative', source: 'about_representative', requirement: 'Mandatory', format: 'code', codeTable: 'YN' },
    ],
    codes: [
      ['STATUS', '1', 'Open'],
      ['STATUS', '2', 'Closed'],
      ['CHANNEL', '10', 'Phone'],
      ['CHANNEL', '11', 'Email'],
      ['CHANNEL', '12', 'SMS or messaging'],
      ['CHANNEL', '13', 'Social media'],
      ['CHANNEL', '14', 'Web chat'],
      ['PRODUCT', 'P01', 'Credit cards'],
      ['PRODUCT', 'P02', 'Transaction accounts'],
      ['PRODUCT', 'P03', 'Home loans'],
      ['ISSUE', 'I01', 'Fees and charges'],
      ['ISSUE', 'I02', 'Delay'],
      ['ISSUE', 'I03', 'Transactions'],
      ['OUTCOME', 'O1', 'In favour of the complainant'],
      ['OUTCOME', 'O2', 'Partly in favour'],
      ['OUTCOME', 'O3', 'In favour of the firm'],
      ['OUTCOME', 'O4', 'Withdrawn'],
      ['YN', 'Y', 'Yes'],
      ['YN', 'N', 'No'],
    ],
    ...overrides,
  };
}

/** Writes the workbook with exceljs, as Excel would save it. */
export async function buildDictionaryWorkbook(spec: WorkbookSpec = sampleDictionary()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Template').addRow(spec.headers);
  const elements = wb.addWorksheet('Elements');
  elements.addRow(['Header', 'Source', 'Requirement', 'Condition column', 'Condition values', 'Format', 'Code table', 'Max values', 'Position', 'Max length', 'Pattern']);
  for (const e of spec.elements) {
    elements.addRow([e.header, e.source, e.requirement ?? '', e.conditionColumn ?? '', e.conditionValues ?? '', e.format ?? '', e.codeTable ?? '', e.maxValues ?? '', e.position ?? '', e.maxLength ?? '', e.pattern ?? '']);
  }
  const codes = wb.addWorksheet('Codes');
  codes.addRow(['Table', 'Code', 'Label']);
  for (const c of spec.codes) codes.addRow(c);
  const about = wb.addWorksheet('About');
  for (const [k, v] of Object.entries(spec.about)) about.addRow([k, k === 'Applies from' ? new Date(`${v}T00:00:00Z`) : v]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

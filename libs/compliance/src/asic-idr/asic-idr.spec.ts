import ExcelJS from 'exceljs';
import { buildDictionaryWorkbook, sampleDictionary } from '../../../../test/support/asic-dictionary-workbook';
import { buildAsicIdrFile, unmappedValues, type AsicCodeMapping, type AsicComplaintRecord } from './asic-idr-file';
import { AsicDictionaryError, dictionaryInForce, type AsicDictionary } from './dictionary';
import { readDictionaryWorkbook } from './dictionary-workbook';
import { dictionaryDay, halfYear, inReportingPeriod, isAsicHalfYear } from './reporting-period';
import { SHIPPED_ASIC_DICTIONARY, SHIPPED_ASIC_MAPPING } from './shipped-dictionary';

const tz = 'Australia/Sydney';
const H2_2025 = halfYear(2025, 2);
const H1_2026 = halfYear(2026, 1);

const mapping2026: AsicCodeMapping = {
  status: { open: '1', closed: '2' },
  channel: { sms: '12', email: '11', voice: '10', facebook: '13', webchat: '14' },
  products: { card: 'P01', account: 'P02', mortgage: 'P03' },
  issues: { fees: 'I01', delay: 'I02', incorrect_transaction: 'I03' },
  outcome: { upheld: 'O1', partially_upheld: 'O2', not_upheld: 'O3', withdrawn: 'O4' },
  about_representative: { true: 'Y', false: 'N' },
};

const record = (overrides: Partial<AsicComplaintRecord> = {}): AsicComplaintRecord => ({
  caseId: '00000000-0000-4000-8000-000000000001',
  reference: 'C-000001',
  entity: 'Example Bank Ltd',
  complaintType: 'standard',
  channel: 'sms',
  receivedAt: new Date('2026-02-02T01:00:00Z'),
  closedAt: new Date('2026-02-20T01:00:00Z'),
  aboutRepresentative: false,
  products: ['card'],
  issues: ['fees'],
  outcome: 'upheld',
  remedies: ['apology'],
  compensationAmount: 20,
  socialVerdict: null,
  ...overrides,
});

let loaded: AsicDictionary;
beforeAll(async () => {
  loaded = await readDictionaryWorkbook(await buildDictionaryWorkbook());
});

const file = (records: AsicComplaintRecord[], period = H1_2026, mappings: Record<string, AsicCodeMapping> = { '2026.1': mapping2026, [SHIPPED_ASIC_DICTIONARY.version]: SHIPPED_ASIC_MAPPING }) =>
  buildAsicIdrFile({ records, dictionaries: [SHIPPED_ASIC_DICTIONARY, loaded], mappings, period, timeZone: tz });

describe('loading ASIC’s dictionary from a workbook (exceljs)', () => {
  it('takes the columns from the template’s header row in order, their rules from Elements, the codes and the version', () => {
    expect(loaded).toMatchObject({ version: '2026.1', verified: true, appliesFrom: '2026-01-01', dateFormat: 'DD/MM/YYYY' });
    expect(loaded.columns.map((c) => c.header)).toEqual(sampleDictionary().headers);
    expect(loaded.columns.find((c) => c.header === 'Date closed')).toEqual({ header: 'Date closed', source: 'date_closed', requirement: 'conditional', when: { column: 'Status', in: ['2'] }, format: 'date' });
    expect(loaded.columns.find((c) => c.header === 'Issues')?.multiple).toEqual({ max: 2 });
    expect(loaded.codeTables.CHANNEL.map((c) => c.code)).toEqual(['10', '11', '12', '13', '14']);
  });
  it('refuses a workbook that does not describe every template column, names a missing code table, or is not a workbook', async () => {
    const spec = sampleDictionary();
    const broken = await buildDictionaryWorkbook({ ...spec, headers: [...spec.headers, 'Postcode'], elements: spec.elements.map((e) => (e.header === 'Channel' ? { ...e, codeTable: 'CHANNELS' } : e)) });
    await expect(readDictionaryWorkbook(broken)).rejects.toThrow(AsicDictionaryError);
    await readDictionaryWorkbook(broken).catch((e: AsicDictionaryError) => expect(e.problems).toEqual(['template column "Postcode" has no row in "Elements"']));
    const badTable = await buildDictionaryWorkbook({ ...spec, elements: spec.elements.map((e) => (e.header === 'Channel' ? { ...e, codeTable: 'CHANNELS' } : e)) });
    await readDictionaryWorkbook(badTable).catch((e: AsicDictionaryError) => expect(e.problems).toEqual(['column "Channel": a code column needs a code table that the dictionary has']));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Template').addRow(['A']);
    await readDictionaryWorkbook(Buffer.from(await wb.xlsx.writeBuffer())).catch((e: AsicDictionaryError) =>
      expect(e.problems).toEqual(['the workbook has no a sheet "Elements"', 'the workbook has no a sheet "Codes"', 'the workbook has no a sheet "About"']),
    );
    await expect(readDictionaryWorkbook(Buffer.from('not a workbook'))).rejects.toThrow('not an Excel workbook');
  });
  it('ships a default that says it is UNVERIFIED', () => {
    expect(SHIPPED_ASIC_DICTIONARY.verified).toBe(false);
    expect(SHIPPED_ASIC_DICTIONARY.label).toMatch(/^UNVERIFIED/);
  });
});

describe('which complaints are in a half-year’s file', () => {
  const scope = (r: Partial<AsicComplaintRecord>) => inReportingPeriod(record(r), H2_2025, tz);
  it('every complaint received in the period', () => {
    expect(scope({ receivedAt: new Date('2025-07-01T00:00:00Z'), closedAt: null })).toEqual({ included: true, why: 'received_in_period' });
    expect(scope({ receivedAt: new Date('2025-12-31T12:00:00Z'), closedAt: new Date('2025-12-31T12:30:00Z') })).toEqual({ included: true, why: 'received_in_period' });
  });
  it('every complaint open at the period’s start, closed in it or still open', () => {
    expect(scope({ receivedAt: new Date('2025-05-01T00:00:00Z'), closedAt: new Date('2025-07-01T00:00:00Z') })).toEqual({ included: true, why: 'open_at_period_start' });
    expect(scope({ receivedAt: new Date('2024-05-01T00:00:00Z'), closedAt: null })).toEqual({ included: true, why: 'open_at_period_start' });
  });
  it('not one closed before the period, nor one received after it (the firm’s zone decides the day)', () => {
    expect(scope({ receivedAt: new Date('2025-05-01T00:00:00Z'), closedAt: new Date('2025-06-30T12:00:00Z') })).toEqual({ included: false, why: 'closed_before_period' });
    // 00:30 on 1 Jan 2026 in Sydney, still 31 Dec in UTC.
    expect(scope({ receivedAt: new Date('2025-12-31T13:30:00Z') })).toEqual({ included: false, why: 'received_after_period' });
  });
  it('never a social-media post that failed the RG 271.32(a) tests', () => {
    expect(scope({ receivedAt: new Date('2025-08-01T00:00:00Z'), socialVerdict: 'fails' })).toEqual({ included: false, why: 'not_a_complaint_under_rg271_32a' });
    const f = file([record({ reference: 'C-000009', socialVerdict: 'fails' })]);
    expect(f.references).toEqual([]);
    expect(f.excluded).toEqual([{ reference: 'C-000009', why: 'not_a_complaint_under_rg271_32a' }]);
  });
  it('a nil return when there is none', () => {
    const f = file([record({ receivedAt: new Date('2025-01-05T00:00:00Z'), closedAt: new Date('2025-02-01T00:00:00Z') })]);
    expect(f).toMatchObject({ nilReturn: true, rows: [], failures: [] });
  });
  it('half-years only', () => {
    expect(isAsicHalfYear('2025-07-01', '2025-12-31')).toBe(true);
    expect(isAsicHalfYear('2026-01-01', '2026-06-29')).toBe(false);
  });
});

describe('the dictionary version follows the complaint’s dates (received or closed from 1 Jan 2026 → the 2026 handbook)', () => {
  it('chooses by the later of received and closed, an open complaint counting as of the period’s end', () => {
    const dicts = [SHIPPED_ASIC_DICTIONARY, loaded];
    const version = (r: Partial<AsicComplaintRecord>, period = H1_2026) => dictionaryInForce(dicts, dictionaryDay(record(r), period, tz))?.version;
    expect(version({ receivedAt: new Date('2025-11-03T00:00:00Z'), closedAt: new Date('2026-01-10T00:00:00Z') })).toBe('2026.1');
    expect(version({ receivedAt: new Date('2025-11-03T00:00:00Z'), closedAt: null })).toBe('2026.1');
    expect(version({ receivedAt: new Date('2025-11-03T00:00:00Z'), closedAt: null }, H2_2025)).toBe(SHIPPED_ASIC_DICTIONARY.version);
    expect(version({ receivedAt: new Date('2025-11-03T00:00:00Z'), closedAt: new Date('2025-12-10T00:00:00Z') }, H2_2025)).toBe(SHIPPED_ASIC_DICTIONARY.version);
  });
  it('uses one version per file and labels the shipped one', () => {
    expect(file([record()]).dictionary).toEqual({ version: '2026.1', label: 'IDR data reporting handbook (Dec 2025)', verified: true });
    expect(file([record({ receivedAt: new Date('2025-08-01T00:00:00Z'), closedAt: null })], H2_2025).dictionary.verified).toBe(false);
  });
});

describe('rows validated against the loaded dictionary before export', () => {
  it('writes a valid row in the template’s order with the dictionary’s codes and date format', () => {
    const f = file([record({ products: ['card', 'account'], issues: ['fees', 'delay'] })]);
    expect(f.failures).toEqual([]);
    expect(f.columns).toEqual(sampleDictionary().headers);
    expect(f.rows).toEqual([['C-000001', 'Example Bank Ltd', '2', '12', '02/02/2026', '20/02/2026', 'P01', 'P02', 'I01|I02', 'O1', 'N']]);
    // Open: the conditional columns stay blank.
    expect(file([record({ closedAt: null })]).rows[0]).toEqual(['C-000001', 'Example Bank Ltd', '1', '12', '02/02/2026', '', 'P01', '', 'I01', '', 'N']);
  });
  it('lists a value without a code as unmapped and fails its rows — never exports a guess', () => {
    const f = file([record({ channel: 'telegram' }), record({ reference: 'C-000002', channel: 'telegram' })]);
    expect(f.unmapped).toEqual([{ source: 'channel', value: 'telegram', complaints: 2 }]);
    expect(f.failures).toEqual([
      expect.objectContaining({ reference: 'C-000001', column: 'Channel', problem: '"telegram" is not mapped to a code of table CHANNEL', fix: { kind: 'mapping', source: 'channel', value: 'telegram' } }),
      expect.objectContaining({ reference: 'C-000002', column: 'Channel' }),
    ]);
    expect(f.rows[0][3]).toBe('');
    expect(unmappedValues(loaded, mapping2026, { channel: ['sms', 'telegram', 'whatsapp'] })).toEqual([
      { source: 'channel', value: 'telegram' },
      { source: 'channel', value: 'whatsapp' },
    ]);
  });
  it('fails a mandatory element missing, with a link to the case or the setting that fixes it', () => {
    const f = file([record({ issues: [], entity: null })]);
    expect(f.failures).toEqual([
      { reference: 'C-000001', caseId: record().caseId, column: 'Brand', problem: 'the reporting entity is not set', fix: { kind: 'settings', setting: 'ASIC_REPORTING_ENTITY' } },
      { reference: 'C-000001', caseId: record().caseId, column: 'Issues', problem: 'required', fix: { kind: 'case', caseId: record().caseId } },
    ]);
  });
  it('fails a conditional element missing when its condition holds', () => {
    const f = file([record({ outcome: null })]);
    expect(f.failures).toEqual([expect.objectContaining({ column: 'Outcome', problem: 'required when Status is 2' })]);
  });
  it('fails a code the dictionary does not permit', () => {
    const f = file([record()], H1_2026, { '2026.1': { ...mapping2026, products: { card: 'P99' } } });
    expect(f.failures).toEqual([expect.objectContaining({ column: 'Product 1', problem: '"card" is mapped to P99, which table PRODUCT does not have' })]);
  });
  it('fails more products or issues than the dictionary allows, in repeated columns or in one column', () => {
    const f = file([record({ products: ['card', 'account', 'mortgage'], issues: ['fees', 'delay', 'incorrect_transaction'] })]);
    expect(f.failures.map((x) => [x.column, x.problem])).toEqual([
      ['Product 1', '3 values but the dictionary allows 2'],
      ['Issues', '3 values but the dictionary allows 2'],
    ]);
  });
  it('fails a value in the wrong format or too long', () => {
    const f = file([record({ reference: 'C-000000000000000000001' })]);
    expect(f.failures).toEqual([expect.objectContaining({ column: 'Complaint ID', problem: 'longer than 20 characters' })]);
    const shipped = buildAsicIdrFile({
      records: [record({ receivedAt: new Date('2025-08-01T00:00:00Z'), closedAt: null, postcode: '20OO' })],
      dictionaries: [SHIPPED_ASIC_DICTIONARY],
      mappings: { [SHIPPED_ASIC_DICTIONARY.version]: SHIPPED_ASIC_MAPPING },
      period: H2_2025,
      timeZone: tz,
    });
    expect(shipped.failures.map((x) => [x.column, x.problem])).toEqual([
      // The shipped mapping knows fees_charges, not the classifier's fees.
      ['issues', '"fees" is not mapped to a code of table issue'],
      ['complainant_postcode', '"20OO" is not in the required form'],
    ]);
  });
  it('fails a social-media post whose tests are not all answered', () => {
    expect(file([record({ channel: 'facebook', socialVerdict: 'pending' })]).failures).toEqual([expect.objectContaining({ column: '*', problem: expect.stringContaining('RG 271.32(a)') })]);
  });
});

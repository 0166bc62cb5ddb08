import type { Client } from 'pg';
import { COMPLIANCE_CLOCK, type ComplianceClock } from '@inbox/complaint-handling';
import type { InboundMessage } from '@inbox/contracts';
import { buildDictionaryWorkbook, sampleDictionary } from '../support/asic-dictionary-workbook';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { publishAndPlace } from '../support/builders';

/**
 * The ASIC IDR data file driven by a dictionary the firm loads: a workbook
 * built with exceljs uploaded through the API, versions chosen by the
 * complaints' dates, the mapping edited, every row validated with where to
 * fix it, the file refused until it passes, and a nil return.
 */
describe('ASIC IDR data export from a loaded dictionary', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let clock: ComplianceClock;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { ASIC_REPORTING_ENTITY: 'Example Bank Ltd' } }));
    clock = inbox.app.get<ComplianceClock>(COMPLIANCE_CLOCK);
    const data: Array<[string, Partial<InboundMessage>]> = [
      // Received in 2025, still open on 1 Jan 2026: in the H1 2026 file, under the 2026 dictionary.
      ['old', { channel: 'sms', sender: { address: '+61413100001' }, receivedAt: '2025-11-03T01:00:00Z', text: 'I am unhappy: you charged me a fee I never agreed to' }],
      ['new', { channel: 'email', account: 'complaints@bank.example', sender: { address: 'n@example.com' }, receivedAt: '2026-02-02T01:00:00Z', text: 'I am unhappy that my card was charged twice' }],
      ['tg', { channel: 'telegram', account: 'bot', sender: { address: '5551001' }, receivedAt: '2026-03-10T01:00:00Z', text: 'I am unhappy that my transfer is delayed again' }],
    ];
    for (const [name, overrides] of data) ids[name] = (await publishAndPlace(inbox, overrides)).caseId!;
    const patch = (name: string, body: Record<string, unknown>) => inbox.api(`/api/cases/${ids[name]}/compliance`, { method: 'PATCH', token: admin, body });
    await patch('old', { products: ['card'], issues: ['fees'] });
    await patch('new', { products: ['card', 'account'], issues: ['fees', 'incorrect_transaction', 'delay'] });
    await patch('tg', { products: ['account'], issues: ['delay'] });
    jest.spyOn(clock, 'now').mockReturnValue(new Date('2026-02-20T01:00:00Z'));
    expect((await inbox.api(`/api/cases/${ids.new}/resolve`, { token: admin, body: { outcome: 'upheld', closureState: 'resolved', reasons: 'The second charge was ours; refunded.' } })).status).toBe(200);
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  const upload = async (bytes: Buffer, fileName = 'asic-idr-2026.xlsx') =>
    inbox.api<any>('/api/reports/asic-idr/dictionaries', { token: admin, body: { fileName, contentBase64: bytes.toString('base64') } });

  it('lists the shipped default as UNVERIFIED before anything is loaded', async () => {
    const list = await inbox.api<any>('/api/reports/asic-idr/dictionaries', { token: admin });
    expect(list.body.items).toEqual([expect.objectContaining({ version: 'unverified-default-1', verified: false, shipped: true, warning: expect.stringContaining("NOT ASIC's DICTIONARY") })]);
  });

  it('loads ASIC’s template workbook and code tables, refuses a broken one with every problem, and never replaces a version', async () => {
    const loaded = await upload(await buildDictionaryWorkbook());
    expect(loaded.status).toBe(201);
    expect(loaded.body).toMatchObject({ version: '2026.1', verified: true, appliesFrom: '2026-01-01', warning: null });
    // Nothing mapped yet: every inbox value of every coded column is listed.
    expect(loaded.body.unmapped).toEqual(expect.arrayContaining([{ source: 'channel', value: 'telegram' }, { source: 'status', value: 'open' }, { source: 'products', value: 'card' }]));
    expect((await upload(await buildDictionaryWorkbook())).status).toBe(409);
    const spec = sampleDictionary();
    const broken = await upload(await buildDictionaryWorkbook({ ...spec, about: { ...spec.about, Version: '2026.2' }, headers: [...spec.headers, 'Postcode'] }));
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ error: 'invalid_dictionary', details: { problems: ['template column "Postcode" has no row in "Elements"'] } });
    const json = await inbox.api<any>('/api/reports/asic-idr/dictionaries', { token: admin, body: { dictionary: { version: 'x' } } });
    expect(json.status).toBe(400);
    const audit = await inbox.api<any>('/api/compliance/audit', { token: admin });
    expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'asic_dictionary.loaded', data: expect.objectContaining({ version: '2026.1', fileName: 'asic-idr-2026.xlsx' }) }));
  });

  it('validates the first half of 2026 under the 2026 dictionary: unmapped values and failing rows listed with where to fix them, the file refused', async () => {
    const res = await inbox.api<any>('/api/reports/asic-idr/validation?from=2026-01-01&to=2026-06-30', { token: admin });
    expect(res.body).toMatchObject({ dictionary: { version: '2026.1', verified: true }, complaints: 3, nilReturn: false, valid: false });
    expect(res.body.unmapped).toEqual(
      expect.arrayContaining([
        { source: 'channel', value: 'telegram', complaints: 1 },
        { source: 'status', value: 'open', complaints: 2 },
      ]),
    );
    expect(res.body.failures).toContainEqual({
      reference: 'C-000003',
      caseId: ids.tg,
      column: 'Channel',
      problem: '"telegram" is not mapped to a code of table CHANNEL',
      fix: { kind: 'mapping', source: 'channel', value: 'telegram' },
    });
    const refused = await fetch(`${inbox.url}/api/reports/asic-idr.csv?from=2026-01-01&to=2026-06-30`, { headers: { authorization: `Bearer ${admin}` } });
    expect(refused.status).toBe(409);
  });

  it('takes the compliance officer’s mapping (only codes the table has), then reports what the data itself lacks', async () => {
    const put = (source: string, entries: Array<{ value: string; code: string | null }>) =>
      inbox.api<any>('/api/reports/asic-idr/dictionaries/2026.1/mapping', { method: 'PUT', token: admin, body: { source, entries } });
    expect((await put('channel', [{ value: 'telegram', code: '99' }])).body).toMatchObject({ error: 'code_not_in_table' });
    expect((await put('channel', [{ value: 'telegram', code: '12' }, { value: 'sms', code: '12' }, { value: 'email', code: '11' }])).status).toBe(200);
    await put('status', [{ value: 'open', code: '1' }, { value: 'closed', code: '2' }]);
    await put('products', [{ value: 'card', code: 'P01' }, { value: 'account', code: 'P02' }]);
    await put('issues', [{ value: 'fees', code: 'I01' }, { value: 'delay', code: 'I02' }, { value: 'incorrect_transaction', code: 'I03' }]);
    await put('outcome', [{ value: 'upheld', code: 'O1' }]);
    const mapped = await put('about_representative', [{ value: 'true', code: 'Y' }, { value: 'false', code: 'N' }]);
    expect(mapped.body.sources.find((s: any) => s.source === 'channel').values).toContainEqual({ value: 'telegram', code: '12' });
    const res = await inbox.api<any>('/api/reports/asic-idr/validation?from=2026-01-01&to=2026-06-30', { token: admin });
    expect(res.body.unmapped).toEqual([]);
    // The 2026 dictionary allows two issues; C-000002 has three.
    expect(res.body.failures).toEqual([{ reference: 'C-000002', caseId: ids.new, column: 'Issues', problem: '3 values but the dictionary allows 2', fix: { kind: 'case', caseId: ids.new } }]);
  });

  it('downloads the file once every row passes, in the dictionary’s column order, codes and date format', async () => {
    expect((await inbox.api(`/api/cases/${ids.new}/compliance`, { method: 'PATCH', token: admin, body: { issues: ['fees', 'incorrect_transaction'] } })).status).toBe(200);
    const res = await fetch(`${inbox.url}/api/reports/asic-idr.csv?from=2026-01-01&to=2026-06-30`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="asic-idr-2026-01-01-2026-06-30-2026.1.csv"');
    expect(await res.text()).toBe(
      [
        'Complaint ID,Brand,Status,Channel,Date received,Date closed,Product 1,Product 2,Issues,Outcome,Representative',
        'C-000001,Example Bank Ltd,1,12,03/11/2025,,P01,,I01,,N',
        'C-000002,Example Bank Ltd,2,11,02/02/2026,20/02/2026,P01,P02,I01|I03,O1,N',
        'C-000003,Example Bank Ltd,1,12,10/03/2026,,P02,,I02,,N',
        '',
      ].join('\r\n'),
    );
  });

  it('keeps the second half of 2025 on the earlier (shipped) dictionary, and gives a nil return for a half-year without complaints', async () => {
    const h2 = await inbox.api<any>('/api/reports/asic-idr/validation?from=2025-07-01&to=2025-12-31', { token: admin });
    expect(h2.body).toMatchObject({ dictionary: { version: 'unverified-default-1', verified: false }, complaints: 1 });
    const nil = await inbox.api<any>('/api/reports/asic-idr/validation?from=2024-01-01&to=2024-06-30', { token: admin });
    expect(nil.body).toMatchObject({ complaints: 0, nilReturn: true, valid: true, failures: [] });
    const file = await fetch(`${inbox.url}/api/reports/asic-idr.csv?from=2024-01-01&to=2024-06-30`, { headers: { authorization: `Bearer ${admin}` } });
    expect(file.status).toBe(409);
    expect(((await file.json()) as { error: string }).error).toBe('nil_return');
  });
});

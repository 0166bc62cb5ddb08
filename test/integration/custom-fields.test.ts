import JSZip from 'jszip';
import { TOPICS, type CaseSummary, type CustomFieldDefinition, type SavedView } from '@inbox/contracts';
import { connectAgentClient } from '../support/agent-client';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';

/** Custom fields on cases and customers, through the REST API on real PostgreSQL (docs/workspace.md). */
describe('custom fields', () => {
  let inbox: TestInbox;
  let admin: string;
  let agent: string;
  let agentId: string;
  let other: string;

  beforeAll(async () => {
    inbox = await startTestInbox({ env: { AUTO_ACKNOWLEDGEMENT: 'false' } });
    admin = await inbox.login();
    const teams = await inbox.api<Array<{ id: string }> | { items: Array<{ id: string }> }>('/api/teams', { token: admin });
    const teamIds = (Array.isArray(teams.body) ? teams.body : teams.body.items).map((t) => t.id);
    const created = await inbox.api<{ id: string }>('/api/users', { token: admin, body: { email: 'fields@agents.test', password: 'fields-password', name: 'Fay Fields', role: 'agent', teamIds } });
    expect(created.status).toBe(201);
    agentId = created.body.id;
    agent = await inbox.login('fields@agents.test', 'fields-password');
    expect((await inbox.api('/api/users', { token: admin, body: { email: 'other@agents.test', password: 'other-password', name: 'Olly Other', role: 'agent', teamIds } })).status).toBe(201);
    other = await inbox.login('other@agents.test', 'other-password');
  });

  afterAll(async () => {
    await inbox.close();
    await inbox.db.drop();
  });

  async function newCase(phone: string): Promise<{ id: string; reference: string; customerId: string }> {
    const m = inboundMessage({ sender: { address: phone }, text: 'I want to complain: the annual fee on my card was charged twice' });
    await inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
    const [row] = await inbox.db.query<{ id: string; reference: string; customerId: string }>(
      `SELECT c.id, c.reference, c.customer_id AS "customerId" FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.external_id = $1`,
      [m.externalId],
    );
    return row;
  }
  const define = async (body: Record<string, unknown>) => {
    const res = await inbox.api<CustomFieldDefinition>('/api/custom-fields', { token: admin, body });
    expect(res.status).toBe(201);
    return res.body;
  };
  const claim = async (caseId: string) => expect((await inbox.api(`/api/cases/${caseId}/claim`, { token: agent, body: {} })).status).toBe(200);
  const setOn = (caseId: string, fieldId: string, value: unknown, token = agent) =>
    inbox.api<{ case: CaseSummary; error?: string; message?: string }>(`/api/cases/${caseId}/fields/${fieldId}`, { method: 'PUT', token, body: { value } });
  const queue = async (query: string) =>
    (await inbox.api<{ items: CaseSummary[] }>(`/api/cases?limit=200&${query}`, { token: agent })).body.items.map((c) => c.reference).sort();

  it('defines a field, sets it on a case as a pushed case event, filters the queue by it and exports it as a register column', async () => {
    const product = await define({ key: 'product_line', label: 'Product line', kind: 'list', appliesTo: 'case', options: ['Home loan', ' Credit card ', 'Home loan'], help: 'What the complaint is about' });
    expect(product).toMatchObject({ key: 'product_line', kind: 'list', options: ['Home loan', 'Credit card'], help: 'What the complaint is about', archivedAt: null });
    const amount = await define({ key: 'disputed_amount', label: 'Disputed amount', kind: 'number', appliesTo: 'case' });
    const loan = await newCase('+61455700001');
    const card = await newCase('+61455700002');
    for (const c of [loan, card]) await claim(c.id);

    const watcher = await connectAgentClient(inbox.url, admin);
    try {
      const set = await setOn(loan.id, product.id, 'Home loan');
      expect(set.status).toBe(200);
      expect(set.body.case.fields).toEqual({ [product.id]: 'Home loan' });
      const pushed = await watcher.waitFor<any>('case.field_set', (e) => e.caseId === loan.id);
      expect(pushed).toMatchObject({ actorUserId: agentId, data: { field: { id: product.id, label: 'Product line' }, from: null, to: 'Home loan' }, case: { fields: { [product.id]: 'Home loan' } } });
    } finally {
      watcher.close();
    }
    expect((await setOn(card.id, product.id, 'Credit card')).status).toBe(200);
    expect((await setOn(loan.id, amount.id, '1250.50')).body.case.fields).toEqual({ [product.id]: 'Home loan', [amount.id]: 1250.5 });
    expect((await setOn(card.id, amount.id, 80)).status).toBe(200);

    const events = await inbox.db.query<{ actor_user_id: string; data: any }>(`SELECT actor_user_id, payload->'data' AS data FROM case_events WHERE case_id = $1 AND type = 'case.field_set' ORDER BY seq`, [loan.id]);
    expect(events.map((e) => [e.actor_user_id, e.data.field.key, e.data.from, e.data.to])).toEqual([
      [agentId, 'product_line', null, 'Home loan'],
      [agentId, 'disputed_amount', null, 1250.5],
    ]);

    // The queue keeps cases by equality (any letter case) and by range, each end open or closed.
    expect(await queue('field=product_line=home%20LOAN')).toEqual([loan.reference]);
    expect(await queue('field=disputed_amount=100..')).toEqual([loan.reference]);
    expect(await queue('field=disputed_amount=..100')).toEqual([card.reference]);
    expect(await queue('field=disputed_amount=50..2000&field=product_line=Credit%20card')).toEqual([card.reference]);
    const unknown = await inbox.api<{ error: string; message: string }>('/api/cases?field=colour=red', { token: agent });
    expect([unknown.status, unknown.body.error]).toEqual([400, 'unknown_field']);
    const wrongShape = await inbox.api<{ error: string }>('/api/cases?field=disputed_amount=lots..', { token: agent });
    expect([wrongShape.status, wrongShape.body.error]).toEqual([400, 'field_value_not_number']);

    // A saved view keeps its field conditions, checked against the field.
    const view = await inbox.api<SavedView>('/api/saved-views', { token: agent, body: { name: 'Big home loans', filters: { assignee: 'all', tagIds: [], text: '', fields: [{ fieldId: product.id, equals: 'Home loan' }, { fieldId: amount.id, min: '1000' }] } } });
    expect([view.status, view.body.filters.fields]).toEqual([201, [{ fieldId: product.id, equals: 'Home loan' }, { fieldId: amount.id, min: 1000 }]]);
    const badView = await inbox.api<{ error: string }>('/api/saved-views', { token: agent, body: { name: 'Bad', filters: { assignee: 'all', tagIds: [], text: '', fields: [{ fieldId: product.id, min: 3 }] } } });
    expect([badView.status, badView.body.error]).toEqual([400, 'condition_needs_value']);

    // One register column per field in use, headed by its label; an archived field leaves the CSV but keeps its values.
    const csv = async () => (await (await fetch(`${inbox.url}/api/register.csv`, { headers: { authorization: `Bearer ${admin}` } })).text()).trim().split('\r\n');
    const lines = await csv();
    const headers = lines[0].split(',');
    const row = lines.find((l) => l.startsWith(`${loan.reference},`))!.split(',');
    expect([row[headers.indexOf('Product line')], row[headers.indexOf('Disputed amount')]]).toEqual(['Home loan', '1250.5']);
    const archived = await inbox.api<CustomFieldDefinition>(`/api/custom-fields/${amount.id}`, { method: 'PATCH', token: admin, body: { archived: true } });
    expect(archived.body.archivedAt).toEqual(expect.any(String));
    expect((await csv())[0].split(',')).not.toContain('Disputed amount');
    expect((await inbox.api<{ items: CustomFieldDefinition[] }>('/api/custom-fields', { token: agent })).body.items.map((f) => f.key)).not.toContain('disputed_amount');
    expect((await inbox.api<{ items: CustomFieldDefinition[] }>('/api/custom-fields?archived=true', { token: agent })).body.items.map((f) => f.key)).toContain('disputed_amount');
    const frozen = await setOn(loan.id, amount.id, 5);
    expect([frozen.status, frozen.body.error]).toEqual([409, 'field_archived']);
    const [{ n }] = await inbox.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM case_field_values WHERE field_id = $1`, [amount.id]);
    expect(n).toBe(2);
  });

  it('refuses a value of the wrong kind with a message naming the field, and an agent who may not act on the case', async () => {
    const due = await define({ key: 'promised_by', label: 'Promised by', kind: 'date', appliesTo: 'case' });
    const note = await define({ key: 'summary', label: 'Summary', kind: 'text', appliesTo: 'case' });
    const channel = await define({ key: 'found_via', label: 'Found us via', kind: 'list', appliesTo: 'case', options: ['Web', 'Branch'] });
    const c = await newCase('+61455700011');
    await claim(c.id);

    const refusals = [
      [due.id, '2026-02-30', 'field_value_not_date', 'Promised by takes a date written YYYY-MM-DD'],
      [due.id, '30/01/2026', 'field_value_not_date', 'Promised by takes a date written YYYY-MM-DD'],
      [note.id, 'x'.repeat(501), 'field_value_too_long', 'Summary may hold at most 500 characters'],
      [channel.id, 'Phone', 'field_value_not_an_option', 'Found us via takes one of: Web, Branch'],
    ] as const;
    for (const [fieldId, value, error, message] of refusals) {
      const res = await setOn(c.id, fieldId, value);
      expect([res.status, res.body.error, res.body.message]).toEqual([400, error, message]);
    }
    expect((await setOn(c.id, due.id, '2026-03-31')).body.case.fields).toEqual({ [due.id]: '2026-03-31' });
    expect(await queue('field=promised_by=2026-03-01..2026-03-31')).toContain(c.reference);

    // Another agent (the case is not theirs) is refused as the case action policy says, and nothing changes.
    const notHolder = await setOn(c.id, note.id, 'Rang twice', other);
    expect([notHolder.status, notHolder.body.error]).toEqual([403, 'not_case_holder']);
    const definitionByAgent = await inbox.api('/api/custom-fields', { token: agent, body: { key: 'sneaky', label: 'Sneaky', kind: 'text', appliesTo: 'case' } });
    expect(definitionByAgent.status).toBe(403);
    const taken = await inbox.api<{ error: string }>('/api/custom-fields', { token: admin, body: { key: 'summary', label: 'Again', kind: 'text', appliesTo: 'case' } });
    expect([taken.status, taken.body.error]).toEqual([409, 'field_key_taken']);

    const cleared = await inbox.api<{ case: CaseSummary }>(`/api/cases/${c.id}/fields/${due.id}`, { method: 'DELETE', token: agent });
    expect([cleared.status, cleared.body.case.fields]).toEqual([200, {}]);
    const [last] = await inbox.db.query<{ data: any }>(`SELECT payload->'data' AS data FROM case_events WHERE case_id = $1 AND type = 'case.field_set' ORDER BY seq DESC LIMIT 1`, [c.id]);
    expect([last.data.from, last.data.to]).toEqual(['2026-03-31', null]);
  });

  it('sets customer fields for staff who may see the customer, audits each change, refuses a case field there, and exports them', async () => {
    const segment = await define({ key: 'segment', label: 'Segment', kind: 'list', appliesTo: 'customer', options: ['Retail', 'Business'] });
    const caseField = (await inbox.api<{ items: CustomFieldDefinition[] }>('/api/custom-fields', { token: agent })).body.items.find((f) => f.key === 'product_line')!;
    const c = await newCase('+61455700021');

    const set = await inbox.api<{ values: Record<string, string>; history: Array<{ from: unknown; to: unknown; actorName: string }> }>(`/api/customers/${c.customerId}/fields/${segment.id}`, {
      method: 'PUT',
      token: other,
      body: { value: 'Business' },
    });
    expect([set.status, set.body.values]).toEqual([200, { [segment.id]: 'Business' }]);
    await inbox.api(`/api/customers/${c.customerId}/fields/${segment.id}`, { method: 'PUT', token: agent, body: { value: 'Retail' } });
    const view = await inbox.api<{ fields: CustomFieldDefinition[]; history: Array<{ from: unknown; to: unknown; actorName: string }> }>(`/api/customers/${c.customerId}/fields`, { token: agent });
    expect(view.body.fields.map((f) => f.key)).toEqual(['segment']);
    expect(view.body.history.map((h) => [h.actorName, h.from, h.to])).toEqual([
      ['Fay Fields', 'Business', 'Retail'],
      ['Olly Other', null, 'Business'],
    ]);
    const wrongTarget = await inbox.api<{ error: string }>(`/api/customers/${c.customerId}/fields/${caseField.id}`, { method: 'PUT', token: agent, body: { value: 'x' } });
    expect([wrongTarget.status, wrongTarget.body.error]).toEqual([400, 'field_not_on_customers']);
    const wrongKind = await inbox.api<{ error: string }>(`/api/customers/${c.customerId}/fields/${segment.id}`, { method: 'PUT', token: agent, body: { value: 'Charity' } });
    expect([wrongKind.status, wrongKind.body.error]).toEqual([400, 'field_value_not_an_option']);

    // The customer's data export holds their fields and their cases' fields.
    await claim(c.id);
    expect((await setOn(c.id, caseField.id, 'Credit card')).status).toBe(200);
    const res = await fetch(`${inbox.url}/api/customers/${c.customerId}/export`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    const customer = JSON.parse(await zip.file('customer.json')!.async('string'));
    expect(customer.customFields).toEqual([expect.objectContaining({ key: 'segment', label: 'Segment', value: 'Retail' })]);
    const cases = JSON.parse(await zip.file('cases.json')!.async('string'));
    expect(cases[0].custom_fields).toEqual({ 'Product line': 'Credit card' });
  });

  it('documents the custom field endpoints in OpenAPI', async () => {
    const docs = await inbox.api<{ paths: Record<string, unknown> }>('/api/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/custom-fields', '/api/custom-fields/{fieldId}', '/api/cases/{id}/fields/{fieldId}', '/api/customers/{id}/fields', '/api/customers/{id}/fields/{fieldId}']),
    );
  });
});

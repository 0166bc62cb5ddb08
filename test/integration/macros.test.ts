import { TOPICS, type BulkActionResult, type CustomFieldDefinition, type Macro, type MacroPreview, type MacroRunResult } from '@inbox/contracts';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';

/** Macros kept per person, team or everyone, run on a case and in bulk, on real PostgreSQL (docs/workspace.md). */
describe('macros', () => {
  let inbox: TestInbox;
  let admin: string;
  let supervisor: string;
  let agent: string;
  let agentId: string;
  let colleague: string;
  let colleagueId: string;
  let teamIds: string[];

  beforeAll(async () => {
    inbox = await startTestInbox({ env: { AUTO_ACKNOWLEDGEMENT: 'false' } });
    admin = await inbox.login();
    const teams = await inbox.api<Array<{ id: string }> | { items: Array<{ id: string }> }>('/api/teams', { token: admin });
    teamIds = (Array.isArray(teams.body) ? teams.body : teams.body.items).map((t) => t.id);
    const user = async (email: string, name: string, role: string) => {
      const created = await inbox.api<{ id: string }>('/api/users', { token: admin, body: { email, password: 'macro-password', name, role, teamIds } });
      expect(created.status).toBe(201);
      return { id: created.body.id, token: await inbox.login(email, 'macro-password') };
    };
    ({ id: agentId, token: agent } = await user('mia@macros.test', 'Mia Macro', 'agent'));
    ({ id: colleagueId, token: colleague } = await user('colin@macros.test', 'Colin Colleague', 'agent'));
    supervisor = (await user('sue@macros.test', 'Sue Supervisor', 'supervisor')).token;
  });

  afterAll(async () => {
    await inbox.close();
    await inbox.db.drop();
  });

  async function newCase(phone: string, name = 'Jane Citizen'): Promise<{ id: string; reference: string }> {
    const m = inboundMessage({ sender: { address: phone, displayName: name }, text: 'I want to complain: the annual fee on my card was charged twice' });
    await inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
    const [row] = await inbox.db.query<{ id: string; reference: string }>(`SELECT c.id, c.reference FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.external_id = $1`, [m.externalId]);
    return row;
  }
  const eventsOf = async (caseId: string) =>
    inbox.db.query<{ type: string; actor_user_id: string; data: any }>(`SELECT type, actor_user_id, payload->'data' AS data FROM case_events WHERE case_id = $1 ORDER BY seq`, [caseId]);
  const createMacro = (token: string, body: object) => inbox.api<Macro & { error?: string; message?: string }>('/api/macros', { token, body });
  const apply = (token: string, caseId: string, macroId: string) =>
    inbox.api<MacroRunResult & { error?: string }>(`/api/cases/${caseId}/macros/${macroId}/apply`, { token, body: {} });

  it('runs reply, tag, note, assign and status on a case, each through its own action, and names the macro on the timeline', async () => {
    const c = await newCase('+61455700001');
    const macro = await createMacro(agent, {
      name: 'Fee refund under way',
      scope: 'personal',
      actions: [
        { type: 'assign', to: 'me' },
        { type: 'reply', template: 'Dear {{customer.firstName}}, we are refunding the fee on {{case.reference}}. {{agent.name}}' },
        { type: 'tag', tag: 'Fee refund' },
        { type: 'note', text: 'Refund requested from cards team' },
        { type: 'change_status', status: 'escalated', reason: 'Refund above my limit' },
      ],
    });
    expect(macro.status).toBe(201);

    // The composer's preview: the reply filled for this case and this agent, before anything runs.
    const previews = await inbox.api<{ items: MacroPreview[] }>(`/api/cases/${c.id}/macros`, { token: agent });
    const filled = `Dear Jane, we are refunding the fee on ${c.reference}. Mia Macro`;
    expect(previews.body.items.find((m) => m.id === macro.body.id)?.steps[1]).toEqual({ type: 'reply', template: expect.any(String), filledText: filled });

    const run = await apply(agent, c.id, macro.body.id);
    expect(run.status).toBe(200);
    expect(run.body).toEqual({
      macroId: macro.body.id,
      macroName: 'Fee refund under way',
      caseId: c.id,
      reference: c.reference,
      steps: ['assign', 'reply', 'tag', 'note', 'change_status'].map((type, index) => ({ index, type, applied: true })),
    });

    // The reply is an outbound message on the case's own channel, queued for the dispatcher like an agent's reply.
    const [reply] = await inbox.db.query<{ channel: string; text: string; author_user_id: string }>(
      `SELECT channel, text, author_user_id FROM messages WHERE case_id = $1 AND direction = 'outbound'`,
      [c.id],
    );
    expect(reply).toEqual({ channel: 'sms', text: filled, author_user_id: agentId });
    const [state] = await inbox.db.query<{ status: string; assignee_id: string; tags: string[]; notes: string[] }>(
      `SELECT c.status, c.assignee_id,
              ARRAY(SELECT t.name FROM case_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.case_id = c.id) AS tags,
              ARRAY(SELECT n.text FROM case_notes n WHERE n.case_id = c.id) AS notes
         FROM cases c WHERE c.id = $1`,
      [c.id],
    );
    expect(state).toEqual({ status: 'escalated', assignee_id: agentId, tags: ['Fee refund'], notes: ['Refund requested from cards team'] });

    // Each step is audited as its own action by the agent, then the macro itself.
    const events = (await eventsOf(c.id)).filter((e) => e.actor_user_id === agentId);
    expect(events.map((e) => e.type)).toEqual(['case.updated', 'message.created', 'case.tagged', 'note.created', 'case.escalated', 'macro.applied']);
    expect(events.at(-1)?.data).toEqual({ macroId: macro.body.id, macroName: 'Fee refund under way', steps: run.body.steps });
  });

  it('reports a step refused to an agent who does not hold the case, and still runs the rest', async () => {
    const c = await newCase('+61455700002');
    expect((await inbox.api(`/api/cases/${c.id}/claim`, { token: colleague, body: {} })).status).toBe(200);
    const macro = await createMacro(agent, {
      name: 'Hand to Colin',
      scope: 'personal',
      actions: [
        { type: 'note', text: 'Colin knows this customer' },
        { type: 'assign', to: 'agent', userId: colleagueId },
        { type: 'assign', to: 'me' },
        { type: 'tag', tag: 'Repeat caller' },
      ],
    });
    const run = await apply(agent, c.id, macro.body.id);
    expect(run.status).toBe(200);
    expect(run.body.steps).toEqual([
      { index: 0, type: 'note', applied: true },
      { index: 1, type: 'assign', applied: false, error: 'not_case_holder', message: expect.stringContaining('only its assignee or a supervisor can transfer it') },
      { index: 2, type: 'assign', applied: false, error: 'case_already_claimed', message: 'This case is already being handled by Colin Colleague' },
      { index: 3, type: 'tag', applied: true },
    ]);
    const events = await eventsOf(c.id);
    expect(events.filter((e) => e.type === 'case.transferred')).toEqual([]);
    expect(events.find((e) => e.type === 'macro.applied')).toMatchObject({ actor_user_id: agentId, data: { macroName: 'Hand to Colin', steps: run.body.steps } });
    const [row] = await inbox.db.query<{ assignee_id: string }>(`SELECT assignee_id FROM cases WHERE id = $1`, [c.id]);
    expect(row.assignee_id).toBe(colleagueId);

    // A supervisor may hand it on and take it off its holder, through the same transfer.
    const handOn = await createMacro(supervisor, { name: 'Unassign', scope: 'everyone', actions: [{ type: 'assign', to: 'nobody' }] });
    expect((await apply(supervisor, c.id, handOn.body.id)).body.steps).toEqual([{ index: 0, type: 'assign', applied: true }]);
    expect((await inbox.db.query<{ assignee_id: string | null }>(`SELECT assignee_id FROM cases WHERE id = $1`, [c.id]))[0].assignee_id).toBeNull();
  });

  it('keeps personal macros to their owner and lets only supervisors and admins share and edit shared ones', async () => {
    const mine = await createMacro(agent, { name: 'Mine', scope: 'personal', actions: [{ type: 'tag', tag: 'Mine' }] });
    const shared = await createMacro(agent, { name: 'For all', scope: 'everyone', actions: [{ type: 'tag', tag: 'All' }] });
    expect([shared.status, shared.body.error]).toEqual([403, 'shared_macro_needs_supervisor']);
    const team = await createMacro(supervisor, { name: 'Team one', scope: 'team', teamId: teamIds[0], actions: [{ type: 'note', text: 'Team macro' }] });
    expect(team.status).toBe(201);
    const noTeam = await createMacro(supervisor, { name: 'No team', scope: 'team', actions: [{ type: 'note', text: 'x' }] });
    expect([noTeam.status, noTeam.body.error]).toEqual([400, 'team_required']);

    const names = async (token: string) => (await inbox.api<{ items: Macro[] }>('/api/macros', { token })).body.items.map((m) => m.name);
    expect(await names(agent)).toEqual(expect.arrayContaining(['Mine', 'Team one']));
    expect(await names(colleague)).not.toContain('Mine');
    const c = await newCase('+61455700003');
    expect((await apply(colleague, c.id, mine.body.id)).body.error).toBe('macro_not_found');
    expect((await inbox.api(`/api/macros/${mine.body.id}`, { method: 'PATCH', token: colleague, body: { name: 'Stolen' } })).status).toBe(404);

    const edited = await inbox.api<Macro & { error?: string }>(`/api/macros/${team.body.id}`, { method: 'PATCH', token: agent, body: { name: 'Renamed' } });
    expect([edited.status, edited.body.error]).toEqual([403, 'not_macro_editor']);
    const renamed = await inbox.api<Macro>(`/api/macros/${mine.body.id}`, { method: 'PATCH', token: agent, body: { name: 'Still mine', actions: [{ type: 'note', text: 'Edited' }] } });
    expect(renamed.body).toMatchObject({ name: 'Still mine', actions: [{ type: 'note', text: 'Edited' }], scope: 'personal' });
    expect((await inbox.api(`/api/macros/${mine.body.id}`, { method: 'DELETE', token: agent })).status).toBe(204);
    expect(await names(agent)).not.toContain('Still mine');
  });

  it('refuses steps that are not valid, naming the step, and a status a macro may not set', async () => {
    const bad = await createMacro(agent, { name: 'Bad', scope: 'personal', actions: [{ type: 'note', text: 'ok' }, { type: 'reply', template: 'Hi {{customer.nmae}}' }] });
    expect([bad.status, bad.body.error, bad.body.message]).toEqual([400, 'unknown_placeholder', expect.stringContaining('Step 2: unknown placeholder {{customer.nmae}}')]);
    const resolve = await createMacro(agent, { name: 'Resolve', scope: 'personal', actions: [{ type: 'change_status', status: 'resolved' }] });
    expect([resolve.status, resolve.body.error]).toEqual([400, 'status_not_settable']);
    const bulk = await inbox.api<{ error: string }>('/api/cases/bulk', { token: agent, body: { caseIds: [(await newCase('+61455700004')).id], action: 'change_status', status: 'resolved' } });
    expect(bulk.status).toBe(400);
  });

  it('changes status and applies a macro in bulk, case by case: a closed case is refused with why', async () => {
    const open1 = await newCase('+61455700011');
    const open2 = await newCase('+61455700012');
    const closed = await newCase('+61455700013');
    await inbox.db.query(`UPDATE cases SET status = 'closed', closed_at = now() WHERE id = $1`, [closed.id]);

    const escalated = await inbox.api<BulkActionResult>('/api/cases/bulk', {
      token: agent,
      body: { caseIds: [open1.id, closed.id], action: 'change_status', status: 'escalated', reason: 'Media enquiry' },
    });
    expect(escalated.status).toBe(200);
    expect(escalated.body.applied).toEqual([{ caseId: open1.id, reference: open1.reference }]);
    expect(escalated.body.refused).toEqual([{ caseId: closed.id, reference: closed.reference, error: 'case_not_open', message: expect.stringContaining('reopen it first') }]);
    expect((await eventsOf(open1.id)).filter((e) => e.type === 'case.escalated').map((e) => e.data)).toEqual([{ to: 'supervisors', reason: 'Media enquiry' }]);
    const noReason = await inbox.api<{ error: string }>('/api/cases/bulk', { token: agent, body: { caseIds: [open2.id], action: 'change_status', status: 'escalated' } });
    expect([noReason.status, noReason.body.error]).toEqual([400, 'reason_required']);

    const macro = await createMacro(agent, {
      name: 'Acknowledge fee complaint',
      scope: 'personal',
      actions: [
        { type: 'tag', tag: 'Fees' },
        { type: 'change_status', status: 'open' },
      ],
    });
    const applied = await inbox.api<BulkActionResult>('/api/cases/bulk', { token: agent, body: { caseIds: [open2.id, closed.id], action: 'apply_macro', macroId: macro.body.id } });
    expect(applied.status).toBe(200);
    // On the open case the tag applies and "reopen" does not (the policy: an agent reopens only a case they hold): applied, with the step that did not.
    expect(applied.body.applied).toEqual([
      { caseId: open2.id, reference: open2.reference, notApplied: ['step 2 (change_status): Claim the case first: only its assignee or a supervisor can reopen it.'] },
    ]);
    expect(applied.body.refused).toEqual([{ caseId: closed.id, reference: closed.reference, error: 'case_not_open', message: expect.stringContaining('reopen it first') }]);
    expect((await eventsOf(open2.id)).map((e) => e.type)).toEqual(expect.arrayContaining(['case.tagged', 'macro.applied']));
    expect((await eventsOf(closed.id)).map((e) => e.type)).not.toContain('macro.applied');

    // Reopening in bulk: the closed case reopens (the agent's reopen is the case action policy's: claim first), the open one is refused.
    expect((await inbox.api(`/api/cases/${closed.id}/claim`, { token: agent, body: {} })).status).toBe(200);
    const reopened = await inbox.api<BulkActionResult>('/api/cases/bulk', { token: agent, body: { caseIds: [closed.id, open2.id], action: 'change_status', status: 'open' } });
    expect(reopened.body.applied).toEqual([{ caseId: closed.id, reference: closed.reference }]);
    expect(reopened.body.refused).toEqual([{ caseId: open2.id, reference: open2.reference, error: expect.any(String), message: expect.any(String) }]);
  });

  it('sets and clears case fields through the case’s fields, each a case.field_set event, and reports an unchanged or archived field as not applied', async () => {
    const define = async (body: object) => (await inbox.api<CustomFieldDefinition>('/api/custom-fields', { token: admin, body })).body;
    const product = await define({ key: 'macro_product', label: 'Product line', kind: 'list', appliesTo: 'case', options: ['Home loan', 'Credit card'] });
    const amount = await define({ key: 'macro_amount', label: 'Amount disputed', kind: 'number', appliesTo: 'case' });
    const macro = await createMacro(agent, {
      name: 'Home loan dispute',
      scope: 'personal',
      actions: [
        { type: 'assign', to: 'me' },
        { type: 'set_field', fieldId: product.id, value: 'Home loan' },
        { type: 'set_field', fieldId: amount.id, value: '250' },
        { type: 'set_field', fieldId: product.id, value: 'Home loan' },
      ],
    });
    expect(macro.status).toBe(201);
    // Stored as the field's kind keeps it: the number typed as text is a number.
    expect(macro.body.actions[2]).toEqual({ type: 'set_field', fieldId: amount.id, value: 250 });

    const c = await newCase('+61455700021');
    const run = await apply(agent, c.id, macro.body.id);
    expect(run.body.steps).toEqual([
      { index: 0, type: 'assign', applied: true },
      { index: 1, type: 'set_field', applied: true },
      { index: 2, type: 'set_field', applied: true },
      { index: 3, type: 'set_field', applied: false, error: 'field_unchanged', message: 'Product line is already Home loan' },
    ]);
    const values = await inbox.db.query<{ field_id: string; value: unknown; set_by: string }>(`SELECT field_id, value, set_by FROM case_field_values WHERE case_id = $1 ORDER BY set_at`, [c.id]);
    expect(values).toEqual([
      { field_id: product.id, value: 'Home loan', set_by: agentId },
      { field_id: amount.id, value: 250, set_by: agentId },
    ]);
    const fieldEvents = (await eventsOf(c.id)).filter((e) => e.type === 'case.field_set');
    expect(fieldEvents).toEqual([
      { type: 'case.field_set', actor_user_id: agentId, data: { field: { id: product.id, key: 'macro_product', label: 'Product line', kind: 'list' }, from: null, to: 'Home loan' } },
      { type: 'case.field_set', actor_user_id: agentId, data: { field: { id: amount.id, key: 'macro_amount', label: 'Amount disputed', kind: 'number' }, from: null, to: 250 } },
    ]);

    // A clear runs through the same service; a field archived after the macro was saved is reported, not changed.
    const clear = await createMacro(agent, {
      name: 'Start again',
      scope: 'personal',
      actions: [
        { type: 'set_field', fieldId: product.id, value: null },
        { type: 'set_field', fieldId: amount.id, value: null },
      ],
    });
    expect((await inbox.api(`/api/custom-fields/${amount.id}`, { method: 'PATCH', token: admin, body: { archived: true } })).status).toBe(200);
    const cleared = await apply(agent, c.id, clear.body.id);
    expect(cleared.body.steps).toEqual([
      { index: 0, type: 'set_field', applied: true },
      { index: 1, type: 'set_field', applied: false, error: 'field_archived', message: expect.stringContaining('Amount disputed is archived') },
    ]);
    expect((await inbox.db.query<{ field_id: string }>(`SELECT field_id FROM case_field_values WHERE case_id = $1`, [c.id])).map((r) => r.field_id)).toEqual([amount.id]);
    expect((await eventsOf(c.id)).filter((e) => e.type === 'case.field_set').at(-1)?.data).toMatchObject({ field: { id: product.id }, from: 'Home loan', to: null });

    // The case action policy decides, as for an agent setting it by hand: a case someone else holds is refused.
    const held = await newCase('+61455700022');
    expect((await inbox.api(`/api/cases/${held.id}/claim`, { token: colleague, body: {} })).status).toBe(200);
    const refused = await apply(agent, held.id, macro.body.id);
    expect(refused.body.steps[1]).toMatchObject({ type: 'set_field', applied: false, error: 'not_case_holder' });
  });

  it('refuses a set_field step with a value its field does not take, or on a field a macro may not set, naming the step and the field', async () => {
    const define = async (body: object) => (await inbox.api<CustomFieldDefinition>('/api/custom-fields', { token: admin, body })).body;
    const product = await define({ key: 'macro_product_check', label: 'Product checked', kind: 'list', appliesTo: 'case', options: ['Home loan', 'Credit card'] });
    const segment = await define({ key: 'macro_segment', label: 'Segment', kind: 'text', appliesTo: 'customer' });
    const wrong = await createMacro(agent, { name: 'Wrong', scope: 'personal', actions: [{ type: 'tag', tag: 'Loans' }, { type: 'set_field', fieldId: product.id, value: 'Car loan' }] });
    expect([wrong.status, wrong.body.error, wrong.body.message]).toEqual([400, 'field_value_not_an_option', 'Step 2: Product checked takes one of: Home loan, Credit card']);
    const customer = await createMacro(agent, { name: 'Customer', scope: 'personal', actions: [{ type: 'set_field', fieldId: segment.id, value: 'Retail' }] });
    expect([customer.status, customer.body.error]).toEqual([400, 'field_not_on_cases']);
    const ok = await createMacro(agent, { name: 'Right', scope: 'personal', actions: [{ type: 'set_field', fieldId: product.id, value: 'Credit card' }] });
    expect(ok.status).toBe(201);
    const edited = await inbox.api<Macro & { error?: string; message?: string }>(`/api/macros/${ok.body.id}`, {
      method: 'PATCH',
      token: agent,
      body: { actions: [{ type: 'set_field', fieldId: product.id, value: 'Personal loan' }] },
    });
    expect([edited.status, edited.body.message]).toEqual([400, 'Step 1: Product checked takes one of: Home loan, Credit card']);
    expect((await inbox.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM macros WHERE name IN ('Wrong', 'Customer')`))[0].n).toBe(0);
  });

  it('documents the macro endpoints in OpenAPI', async () => {
    const docs = await inbox.api<{ paths: Record<string, unknown>; components: { schemas: Record<string, any> } }>('/api/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/macros', '/api/macros/{macroId}', '/api/cases/{id}/macros', '/api/cases/{id}/macros/{macroId}/apply']));
    // Each kind of step is its own schema in the docs, told apart by `type`.
    const steps = docs.body.components.schemas.CreateMacroDto.properties.actions.items.oneOf as Array<{ properties: { type: { enum: string[] } } }>;
    expect(steps.map((s) => s.properties.type.enum[0])).toEqual(['reply', 'note', 'tag', 'assign', 'change_status', 'set_field']);
  });
});

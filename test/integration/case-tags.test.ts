import { TOPICS, type BulkActionResult, type CaseSummary, type SavedView } from '@inbox/contracts';
import { connectAgentClient } from '../support/agent-client';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';

/** Tags on cases and bulk actions on a selection, through the REST API on real PostgreSQL (docs/workspace.md). */
describe('case tags and bulk actions', () => {
  let inbox: TestInbox;
  let admin: string;
  let agent: string;
  let agentId: string;
  let teamIds: string[];

  beforeAll(async () => {
    inbox = await startTestInbox({ env: { AUTO_ACKNOWLEDGEMENT: 'false' } });
    admin = await inbox.login();
    const teams = await inbox.api<Array<{ id: string }> | { items: Array<{ id: string }> }>('/api/teams', { token: admin });
    teamIds = (Array.isArray(teams.body) ? teams.body : teams.body.items).map((t) => t.id);
    const created = await inbox.api<{ id: string }>('/api/users', { token: admin, body: { email: 'tagger@agents.test', password: 'tagger-password', name: 'Tess Tagger', role: 'agent', teamIds } });
    expect(created.status).toBe(201);
    agentId = created.body.id;
    agent = await inbox.login('tagger@agents.test', 'tagger-password');
  });

  afterAll(async () => {
    await inbox.close();
    await inbox.db.drop();
  });

  async function newCase(phone: string): Promise<{ id: string; reference: string }> {
    const m = inboundMessage({ sender: { address: phone }, text: 'I want to complain: the annual fee on my card was charged twice' });
    await inbox.bus.publish(TOPICS.inbound, `${m.channel}:${m.sender.address}`, m);
    const [row] = await inbox.db.query<{ id: string; reference: string }>(`SELECT c.id, c.reference FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.external_id = $1`, [m.externalId]);
    return row;
  }
  const eventsOf = async (caseId: string, type: string) =>
    inbox.db.query<{ actor_user_id: string; data: any }>(`SELECT actor_user_id, payload->'data' AS data FROM case_events WHERE case_id = $1 AND type = $2 ORDER BY seq`, [caseId, type]);

  it('makes a tag by typing its name, reuses it whatever its case, pushes the event, and shows it on the case summary', async () => {
    const c = await newCase('+61455600001');
    const watcher = await connectAgentClient(inbox.url, admin);
    try {
      const tagged = await inbox.api<{ case: CaseSummary; tag: { id: string; name: string; colour: string } }>(`/api/cases/${c.id}/tags`, {
        token: agent,
        body: { name: '  Fee   refund ', colour: '#DC2626' },
      });
      expect(tagged.status).toBe(201);
      expect(tagged.body.tag).toMatchObject({ name: 'Fee refund', colour: '#dc2626' });
      expect(tagged.body.case.tags).toEqual([tagged.body.tag]);
      const pushed = await watcher.waitFor<any>('case.tagged', (e) => e.caseId === c.id);
      expect(pushed).toMatchObject({ actorUserId: agentId, data: { tag: tagged.body.tag, created: true }, case: { tags: [tagged.body.tag] } });
      expect(await eventsOf(c.id, 'case.tagged')).toEqual([{ actor_user_id: agentId, data: { tag: tagged.body.tag, created: true } }]);

      // The same name in other letters is the same tag; on the same case it is refused, on another it is added.
      const again = await inbox.api<{ error: string }>(`/api/cases/${c.id}/tags`, { token: agent, body: { name: 'fee REFUND' } });
      expect([again.status, again.body.error]).toEqual([409, 'already_tagged']);
      const other = await newCase('+61455600002');
      const second = await inbox.api<{ tag: { id: string } }>(`/api/cases/${other.id}/tags`, { token: agent, body: { name: 'fee refund' } });
      expect(second.body.tag.id).toBe(tagged.body.tag.id);
      const vip = await inbox.api<{ tag: { colour: string } }>(`/api/cases/${other.id}/tags`, { token: agent, body: { name: 'VIP' } });
      expect(vip.body.tag.colour).toMatch(/^#[0-9a-f]{6}$/);

      const tags = await inbox.api<{ items: Array<{ name: string; cases: number }> }>('/api/tags', { token: agent });
      expect(tags.body.items.map((t) => [t.name, t.cases])).toEqual([
        ['Fee refund', 2],
        ['VIP', 1],
      ]);
      const list = await inbox.api<{ items: CaseSummary[] }>(`/api/cases?limit=100`, { token: agent });
      expect(list.body.items.find((s) => s.id === other.id)?.tags?.map((t) => t.name)).toEqual(['Fee refund', 'VIP']);
      // The complaints register carries them, in the CSV as one column.
      const res = await fetch(`${inbox.url}/api/register.csv`, { headers: { authorization: `Bearer ${admin}` } });
      const lines = (await res.text()).trim().split('\r\n');
      const column = lines[0].split(',').indexOf('tags');
      expect(column).toBeGreaterThan(0);
      expect(lines.find((l) => l.startsWith(`${other.reference},`))?.split(',')[column]).toBe('Fee refund|VIP');

      const removed = await inbox.api<{ case: CaseSummary }>(`/api/cases/${c.id}/tags/${tagged.body.tag.id}`, { method: 'DELETE', token: agent });
      expect(removed.status).toBe(200);
      expect(removed.body.case.tags).toEqual([]);
      await watcher.waitFor<any>('case.untagged', (e) => e.caseId === c.id && e.data.tag.id === tagged.body.tag.id);
      const missing = await inbox.api<{ error: string }>(`/api/cases/${c.id}/tags/${tagged.body.tag.id}`, { method: 'DELETE', token: agent });
      expect([missing.status, missing.body.error]).toEqual([404, 'tag_not_on_case']);
    } finally {
      watcher.close();
    }
  });

  it('documents the tag and bulk endpoints in OpenAPI', async () => {
    const docs = await inbox.api<{ paths: Record<string, unknown> }>('/api/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/tags', '/api/cases/{id}/tags', '/api/cases/{id}/tags/{tagId}', '/api/cases/bulk']));
  });

  it('refuses a tag without a name or with a bad colour', async () => {
    const c = await newCase('+61455600003');
    expect((await inbox.api(`/api/cases/${c.id}/tags`, { token: agent, body: { name: '   ' } })).status).toBe(400);
    expect((await inbox.api(`/api/cases/${c.id}/tags`, { token: agent, body: { name: 'x'.repeat(41) } })).status).toBe(400);
    expect((await inbox.api(`/api/cases/${c.id}/tags`, { token: agent, body: { name: 'red', colour: 'red' } })).status).toBe(400);
  });

  it('assigns a selection case by case, each audited, and says which case did not apply and why', async () => {
    const free1 = await newCase('+61455600011');
    const free2 = await newCase('+61455600012');
    const held = await newCase('+61455600013');
    expect((await inbox.api(`/api/cases/${held.id}/claim`, { token: admin, body: {} })).status).toBe(200);

    const res = await inbox.api<BulkActionResult>('/api/cases/bulk', { token: agent, body: { caseIds: [free1.id, held.id, free2.id], action: 'assign_to_me' } });
    expect(res.status).toBe(200);
    expect(res.body.applied).toEqual([
      { caseId: free1.id, reference: free1.reference },
      { caseId: free2.id, reference: free2.reference },
    ]);
    expect(res.body.refused).toEqual([{ caseId: held.id, reference: held.reference, error: 'case_already_claimed', message: expect.stringContaining('already being handled') }]);
    const rows = await inbox.db.query<{ id: string; assignee_id: string }>(`SELECT id, assignee_id FROM cases WHERE id = ANY($1::uuid[])`, [[free1.id, free2.id, held.id]]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.assignee_id]))).toEqual({ [free1.id]: agentId, [free2.id]: agentId, [held.id]: expect.not.stringMatching(agentId) });
    for (const c of [free1, free2]) expect(await eventsOf(c.id, 'case.updated')).toContainEqual({ actor_user_id: agentId, data: { change: 'claimed' } });
  });

  it('changes team and tags in bulk through the case action policy: a case escalated to supervisors is refused', async () => {
    const mine = await newCase('+61455600021');
    const escalated = await newCase('+61455600022');
    for (const c of [mine, escalated]) expect((await inbox.api(`/api/cases/${c.id}/claim`, { token: agent, body: {} })).status).toBe(200);
    expect((await inbox.api(`/api/cases/${escalated.id}/escalate`, { token: agent, body: { to: 'supervisors', reason: 'threatens to go to AFCA' } })).status).toBe(200);

    const moved = await inbox.api<BulkActionResult>('/api/cases/bulk', { token: agent, body: { caseIds: [mine.id, escalated.id], action: 'change_team', teamId: teamIds[teamIds.length - 1] } });
    expect(moved.body.applied).toEqual([{ caseId: mine.id, reference: mine.reference }]);
    expect(moved.body.refused).toEqual([{ caseId: escalated.id, reference: escalated.reference, error: 'escalated_to_supervisors', message: expect.stringContaining('escalated to supervisors') }]);
    expect(await eventsOf(mine.id, 'case.transferred')).toHaveLength(1);
    expect(await eventsOf(escalated.id, 'case.transferred')).toHaveLength(0);

    // Tagging is open to anyone who sees the case, escalated or not.
    const tagged = await inbox.api<BulkActionResult>('/api/cases/bulk', { token: agent, body: { caseIds: [mine.id, escalated.id], action: 'tag', tag: { name: 'AFCA risk' } } });
    expect([tagged.body.applied.length, tagged.body.refused]).toEqual([2, []]);
    expect((await eventsOf(escalated.id, 'case.tagged')).map((e) => e.data.tag.name)).toEqual(['AFCA risk']);
  });

  it('refuses a bulk request naming an unknown case, applying nothing, and more than 200 cases', async () => {
    const c = await newCase('+61455600031');
    const res = await inbox.api<{ error: string }>('/api/cases/bulk', { token: agent, body: { caseIds: [c.id, '00000000-0000-4000-8000-000000000000'], action: 'tag', tag: { name: 'never' } } });
    expect([res.status, res.body.error]).toEqual([404, 'case_not_found']);
    expect(await eventsOf(c.id, 'case.tagged')).toEqual([]);
    const many = Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect((await inbox.api('/api/cases/bulk', { token: agent, body: { caseIds: many, action: 'assign_to_me' } })).status).toBe(400);
  });

  it('keeps saved views for their owner, shares one with a team the owner is in, and lets only the owner delete it', async () => {
    const other = await inbox.api<{ id: string }>('/api/teams', { token: admin, body: { name: 'Views elsewhere' } });
    expect(other.status).toBe(201);
    const made = await inbox.api('/api/users', { token: admin, body: { email: 'viewer@agents.test', password: 'viewer-password', name: 'Vic Viewer', role: 'agent', teamIds: [teamIds[0]] } });
    expect(made.status).toBe(201);
    const viewer = await inbox.login('viewer@agents.test', 'viewer-password');
    const filters = { assignee: 'unassigned', tagIds: [], text: ' card ' };

    const mine = await inbox.api<SavedView>('/api/saved-views', { token: agent, body: { name: 'Card, nobody on it', filters } });
    expect([mine.status, mine.body.filters, mine.body.teamId]).toEqual([201, { assignee: 'unassigned', tagIds: [], text: 'card', sort: 'deadline' }, null]);
    const shared = await inbox.api<SavedView>('/api/saved-views', { token: agent, body: { name: 'Team: unassigned', filters, teamId: teamIds[0] } });
    expect(shared.status).toBe(201);
    const refused = await inbox.api<{ error: string }>('/api/saved-views', { token: viewer, body: { name: 'Not mine to share', filters, teamId: other.body.id } });
    expect([refused.status, refused.body.error]).toEqual([403, 'not_your_team']);
    expect((await inbox.api('/api/saved-views', { token: agent, body: { name: 'bad', filters: { ...filters, assignee: 'everyone' } } })).status).toBe(400);

    const names = async (token: string) => (await inbox.api<{ items: SavedView[] }>('/api/saved-views', { token })).body.items.map((v) => v.name);
    expect(await names(agent)).toEqual(['Card, nobody on it', 'Team: unassigned']);
    expect(await names(viewer)).toEqual(['Team: unassigned']);
    const notOwner = await inbox.api<{ error: string }>(`/api/saved-views/${shared.body.id}`, { method: 'DELETE', token: viewer });
    expect([notOwner.status, notOwner.body.error]).toEqual([403, 'not_view_owner']);
    expect((await inbox.api(`/api/saved-views/${mine.body.id}`, { method: 'DELETE', token: viewer })).status).toBe(404);
    expect((await inbox.api(`/api/saved-views/${shared.body.id}`, { method: 'DELETE', token: agent })).status).toBe(204);
    expect(await names(viewer)).toEqual([]);
  });

  it('keeps a view’s sort, refuses a sort it does not know, and lists cases in that order; a view saved before sorting has none (deadline first)', async () => {
    const filters = { assignee: 'all', tagIds: [], text: '', sort: 'newest' };
    const newest = await inbox.api<SavedView>('/api/saved-views', { token: agent, body: { name: 'Newest in', filters } });
    expect([newest.status, newest.body.filters.sort]).toEqual([201, 'newest']);
    const listed = await inbox.api<{ items: SavedView[] }>('/api/saved-views', { token: agent });
    expect(listed.body.items.find((v) => v.id === newest.body.id)?.filters.sort).toBe('newest');

    const unknown = await inbox.api<{ message: unknown }>('/api/saved-views', { token: agent, body: { name: 'Sideways', filters: { ...filters, sort: 'sideways' } } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toContain('filters.sort must be one of deadline, priority, newest, oldest, last_activity');

    // A view stored before there was a sort: listed as it was, and the queue reads no sort as deadline first.
    await inbox.db.query(
      `INSERT INTO saved_views (owner_user_id, name, filters) SELECT owner_user_id, 'From before sorting', '{"assignee":"all","tagIds":[],"text":""}' FROM saved_views WHERE id = $1`,
      [newest.body.id],
    );
    const before = (await inbox.api<{ items: SavedView[] }>('/api/saved-views', { token: agent })).body.items.find((v) => v.name === 'From before sorting');
    expect(before?.filters).toEqual({ assignee: 'all', tagIds: [], text: '' });

    // The view's sort asks the API for the same order.
    const cases = (await inbox.api<{ items: CaseSummary[] }>(`/api/cases?status=open&limit=100&sort=${newest.body.filters.sort}`, { token: agent })).body.items;
    expect(cases.length).toBeGreaterThan(1);
    const arrivals = cases.map((c) => c.receivedAt);
    expect(arrivals).toEqual([...arrivals].sort().reverse());
    const oldest = (await inbox.api<{ items: CaseSummary[] }>('/api/cases?status=open&limit=100&sort=oldest', { token: agent })).body.items.map((c) => c.receivedAt);
    expect(oldest).toEqual([...arrivals].sort());
  });
});

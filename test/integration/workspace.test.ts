import type { Client } from 'pg';
import { io } from 'socket.io-client';
import { TOPICS, type CaseEvent, type CaseEventOf, type InboundMessage } from '@inbox/contracts';
import { connectAgentClient, type AgentClient } from '../support/agent-client';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { allSettled } from '../support/settled';

/**
 * The agents' workspace on the in-process bus: the /agents socket (snapshot,
 * live events, resync, claims, presence) and the REST case actions, each
 * checked in PostgreSQL and on the agents' sockets.
 */
describe('agent workspace (embedded bus, real PostgreSQL)', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let defaultTeamId: string;
  let billingTeamId: string;
  const users: Record<string, { id: string; token: string }> = {};
  const clients: AgentClient[] = [];

  beforeAll(async () => {
    // Manual acknowledgement is what is tested here, so the automatic one stays off.
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { RESYNC_MAX_EVENTS: '8', AUTO_ACKNOWLEDGEMENT: 'false' } }));
    defaultTeamId = (await sql.query(`SELECT id FROM teams WHERE is_default`)).rows[0].id;
    const billing = await inbox.api<any>('/api/teams', { token: admin, body: { name: 'Billing' } });
    expect(billing.status).toBe(201);
    billingTeamId = billing.body.id;
    for (const [name, role, teamIds] of [
      ['alice', 'agent', [defaultTeamId]],
      ['bob', 'agent', [defaultTeamId]],
      ['carol', 'agent', [billingTeamId]],
      ['sue', 'supervisor', [defaultTeamId]],
    ] as const) {
      const res = await inbox.api<any>('/api/users', {
        token: admin,
        body: { email: `${name}@test.local`, password: 'agent-password-1', name: name[0].toUpperCase() + name.slice(1), role, teamIds },
      });
      expect(res.status).toBe(201);
      users[name] = { id: res.body.id, token: await inbox.login(`${name}@test.local`, 'agent-password-1') };
    }
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await stopInboxSession({ inbox, sql });
  });

  async function agent(name: string): Promise<AgentClient> {
    const client = await connectAgentClient(inbox.url, users[name].token);
    clients.push(client);
    return client;
  }

  /**
   * A customer writes; returns the case the message landed on. Texts that must
   * open a case read as complaints: the trained classifier takes a bare label
   * ("Presence") for noise, and noise opens no case.
   */
  async function customerWrites(overrides: Partial<InboundMessage>): Promise<string> {
    const message = inboundMessage(overrides);
    await inbox.bus.publish(TOPICS.inbound, `${message.channel}:${message.sender.address}`, message);
    const { rows } = await sql.query(`SELECT case_id FROM messages WHERE external_id = $1`, [message.externalId]);
    return rows[0].case_id;
  }

  const as = (name: string) => users[name].token;
  const post = (path: string, name: string, body: unknown = {}) => inbox.api<any>(path, { token: as(name), body });

  it('sends each agent a snapshot of the queues they may see; a socket without a valid token is refused', async () => {
    const caseId = await customerWrites({ sender: { address: '+61412300001', displayName: 'Dana Snap' }, text: 'Snapshot complaint' });
    const [alice, carol, sue] = [await agent('alice'), await agent('carol'), await agent('sue')];
    expect(alice.snapshot.cases.map((c) => c.id)).toContain(caseId);
    expect(sue.snapshot.cases.map((c) => c.id)).toContain(caseId);
    expect(carol.snapshot.cases.map((c) => c.id)).not.toContain(caseId);
    expect(alice.snapshot.seq).toBeGreaterThan(0);

    for (const auth of [{}, { token: 'not-a-jwt' }]) {
      const socket = io(`${inbox.url}/agents`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
      const error = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
      expect(error.message).toMatch(/missing_token|invalid_token/);
      socket.close();
    }
    // Another team's queue over REST: refused for an agent, fine for a supervisor.
    expect((await inbox.api(`/api/cases?teamId=${defaultTeamId}`, { token: as('carol') })).status).toBe(403);
    const supervised = await inbox.api<any>(`/api/cases?teamId=${defaultTeamId}`, { token: as('sue') });
    expect(supervised.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    expect((await inbox.api(`/api/cases/${caseId}`, { token: as('carol') })).status).toBe(404);
    expect((await inbox.api(`/api/cases/${caseId}/notes`, { token: as('carol'), body: { text: 'peek' } })).status).toBe(404);
    expect((await inbox.api('/api/cases')).status).toBe(401);
  });

  it('pushes live events, and after a reconnect replays exactly the missed ones (or a fresh snapshot when too far behind)', async () => {
    const alice = await agent('alice');
    const carol = await agent('carol');
    // Bob, of Alice's team, stays connected: what he receives live is what Alice's replay must hold.
    const bob = await agent('bob');
    const caseId = await customerWrites({ sender: { address: '+61412300002' }, text: 'Live complaint' });
    const created = await alice.waitFor<CaseEvent>('case.created', (e) => e.caseId === caseId);
    expect(created).toMatchObject({ reference: expect.stringMatching(/^C-\d{6}$/), case: { id: caseId } });
    await alice.waitFor<CaseEvent>('message.created', (e) => e.caseId === caseId && e.message?.text === 'Live complaint');

    // Alice goes away; three things happen on her team's case, one on another team's.
    const lastSeq = Math.max(...alice.caseEvents().map((e) => e.seq));
    alice.close();
    await customerWrites({ sender: { address: '+61412300002' }, text: 'Are you there?' });
    expect((await post(`/api/cases/${caseId}/notes`, 'bob', { text: 'Called the customer back' })).status).toBe(201);
    expect((await post(`/api/cases/${caseId}/acknowledge`, 'bob', { note: 'by phone' })).status).toBe(200);
    const elsewhere = await customerWrites({ sender: { address: '+61412300003' }, text: 'Other team: I want to complain about my statement' });
    expect((await post(`/api/cases/${elsewhere}/transfer`, 'sue', { teamId: billingTeamId, reason: 'billing issue' })).status).toBe(200);
    await carol.waitFor<CaseEvent>('case.transferred', (e) => e.caseId === elsewhere);

    // Every reaction has run and every push has been written; Bob's answer below comes after all of them on his socket.
    await allSettled(async (text, params) => (await sql.query(text, params)).rows);
    await bob.call('resync', { sinceSeq: Number.MAX_SAFE_INTEGER });
    const bobLive = bob.caseEvents().filter((e) => e.seq > lastSeq).map((e) => e.seq).sort((x, y) => x - y);

    const back = await agent('alice');
    const replay = await back.call<{ events: CaseEvent[] }>('resync', { sinceSeq: lastSeq });
    expect(replay.events.map((e) => e.seq)).toEqual(bobLive);
    expect(replay.events.length).toBeLessThanOrEqual(8);
    // What happened while she was away, by case: her team's case, and the other case until it left her team.
    const of = (id: string) => replay.events.filter((e) => e.caseId === id).map((e) => e.type);
    expect(of(caseId)).toEqual(expect.arrayContaining(['message.created', 'note.created', 'case.acknowledged']));
    expect(replay.events.find((e) => e.type === 'message.created' && e.caseId === caseId)?.message?.text).toBe('Are you there?');
    expect(of(elsewhere)).toEqual(expect.arrayContaining(['case.created', 'message.created', 'case.transferred']));
    expect(of(elsewhere).at(-1)).toBe('case.transferred');
    expect(replay.events.every((e) => e.caseId === caseId || e.caseId === elsewhere)).toBe(true);
    // The transfer moved a case away from Alice's team: she hears of it; Carol's replay has none of Alice's team's events.
    const carolReplay = await carol.call<{ events: CaseEvent[] }>('resync', { sinceSeq: lastSeq });
    expect(carolReplay.events.map((e) => e.caseId)).toEqual([elsewhere]);

    // Far behind (more than RESYNC_MAX_EVENTS = 8): a fresh snapshot instead.
    expect((await sql.query(`SELECT count(*)::int AS n FROM case_events`)).rows[0].n).toBeGreaterThan(8);
    const far = await back.call<{ snapshot?: { seq: number; cases: unknown[] }; events?: unknown }>('resync', { sinceSeq: 0 });
    expect(far.events).toBeUndefined();
    expect(far.snapshot!.seq).toBeGreaterThanOrEqual(Math.max(lastSeq, ...bobLive));
    expect((await back.call<any>('resync', { sinceSeq: 'x' })).error).toBe('invalid_input');
  });

  it('lets exactly one of two agents claiming at once win over the socket, and tells the other who has it', async () => {
    const caseId = await customerWrites({ sender: { address: '+61412300004' }, text: 'Claim me: I want to complain, nobody called me back' });
    const [alice, bob] = [await agent('alice'), await agent('bob')];
    const answers = await Promise.all([alice.call<any>('claim', { caseId }), bob.call<any>('claim', { caseId })]);
    const winners = answers.filter((a) => a.case);
    const losers = answers.filter((a) => a.error);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winnerName = winners[0].case.assigneeId === users.alice.id ? 'Alice' : 'Bob';
    expect(losers[0]).toMatchObject({ error: 'case_already_claimed', details: { assigneeName: winnerName } });
    const { rows } = await sql.query(`SELECT assignee_id FROM cases WHERE id = $1`, [caseId]);
    expect(rows[0].assignee_id).toBe(winners[0].case.assigneeId);
    // Over REST too: 409 with who has it.
    const loserToken = winnerName === 'Alice' ? as('bob') : as('alice');
    const rest = await inbox.api<any>(`/api/cases/${caseId}/claim`, { method: 'POST', token: loserToken });
    expect(rest.status).toBe(409);
    expect(rest.body.details.assigneeName).toBe(winnerName);
  });

  it('shows who is viewing and typing in a case to the others there', async () => {
    const caseId = await customerWrites({ sender: { address: '+61412300005' }, text: 'Presence: I want to complain about the wait' });
    const [alice, bob] = [await agent('alice'), await agent('bob')];
    expect((await alice.call<any>('case.view', { caseId })).viewers).toEqual([{ userId: users.alice.id, userName: 'Alice', typing: false }]);
    const bobView = await bob.call<any>('case.view', { caseId });
    expect(bobView.viewers.map((v: { userName: string }) => v.userName)).toEqual(['Alice', 'Bob']);
    await alice.waitFor('presence', (p: any) => p.caseId === caseId && p.userId === users.bob.id && p.state === 'viewing');
    await bob.call('typing', { caseId, typing: true });
    await alice.waitFor('presence', (p: any) => p.userId === users.bob.id && p.state === 'typing');
    bob.close();
    await alice.waitFor('presence', (p: any) => p.userId === users.bob.id && p.state === 'left');
    const carol = await agent('carol');
    expect(await carol.call<any>('case.view', { caseId })).toMatchObject({ error: 'case_not_found' });
  });

  it('records every case action as an event with who, when and what, pushed live to the agents', async () => {
    const caseId = await customerWrites({ sender: { address: '+61412300006', displayName: 'Evan Action' }, text: 'I was charged a late fee' });
    const [bob, carol, sue] = [await agent('bob'), await agent('carol'), await agent('sue')];

    const note = await post(`/api/cases/${caseId}/notes`, 'alice', { text: 'Customer is upset, be careful' });
    expect(note.status).toBe(201);
    const noted = await bob.waitFor<CaseEvent>('note.created', (e) => e.caseId === caseId);
    expect(noted).toMatchObject({ actorUserId: users.alice.id, data: { note: { text: 'Customer is upset, be careful', authorName: 'Alice' } } });
    expect((await post(`/api/cases/${caseId}/notes`, 'alice', { text: '' })).status).toBe(400);

    expect((await post(`/api/cases/${caseId}/acknowledge`, 'alice')).status).toBe(200);
    await bob.waitFor('case.acknowledged', (e: CaseEvent) => e.caseId === caseId && e.actorUserId === users.alice.id);
    expect((await post(`/api/cases/${caseId}/acknowledge`, 'alice')).body.error).toBe('already_acknowledged');

    expect((await post(`/api/cases/${caseId}/escalate`, 'alice', { to: 'supervisors' })).status).toBe(400);
    expect((await post(`/api/cases/${caseId}/escalate`, 'alice', { to: 'team', reason: 'x' })).status).toBe(400);
    const escalated = await post(`/api/cases/${caseId}/escalate`, 'alice', { to: 'supervisors', reason: 'Threatens to go to the media' });
    expect(escalated.status).toBe(200);
    expect(escalated.body.case.status).toBe('escalated');
    await sue.waitFor('case.escalated', (e: CaseEventOf<'case.escalated'>) => e.caseId === caseId && e.data?.reason === 'Threatens to go to the media');

    // Escalated to supervisors, it is theirs: Alice may no longer move it; Sue hands it on to Billing.
    const refused = await post(`/api/cases/${caseId}/transfer`, 'alice', { teamId: billingTeamId, reason: 'Fees are billing' });
    expect([refused.status, refused.body.error]).toEqual([403, 'escalated_to_supervisors']);
    const transferred = await post(`/api/cases/${caseId}/transfer`, 'sue', { teamId: billingTeamId, reason: 'Fees are billing' });
    expect(transferred.status).toBe(200);
    expect(transferred.body.case).toMatchObject({ teamId: billingTeamId, assigneeId: null, status: 'open' });
    await carol.waitFor('case.transferred', (e: CaseEvent) => e.caseId === caseId);
    await bob.waitFor('case.transferred', (e: CaseEventOf<'case.transferred'>) => e.caseId === caseId && e.data?.fromTeamId === defaultTeamId);
    // Now Carol's once she claims it: she hands it to Bob back in the default team; an agent outside the target team is refused.
    expect((await post(`/api/cases/${caseId}/transfer`, 'carol', { assigneeId: users.bob.id })).body.error).toBe('claim_first');
    expect((await post(`/api/cases/${caseId}/claim`, 'carol')).status).toBe(200);
    expect((await post(`/api/cases/${caseId}/transfer`, 'carol', { assigneeId: users.bob.id })).body.error).toBe('assignee_not_in_team');
    const toBob = await post(`/api/cases/${caseId}/transfer`, 'carol', { teamId: defaultTeamId, assigneeId: users.bob.id });
    expect(toBob.body.case).toMatchObject({ teamId: defaultTeamId, assigneeId: users.bob.id });
    await bob.waitFor('case.transferred', (e: CaseEventOf<'case.transferred'>) => e.caseId === caseId && e.data?.assigneeName === 'Bob');

    expect((await post(`/api/cases/${caseId}/reopen`, 'bob')).body.error).toBe('case_not_closed');

    const detail = await inbox.api<any>(`/api/cases/${caseId}`, { token: as('bob') });
    const history = detail.body.events.map((e: any) => [e.type, e.actorName]);
    expect(history).toEqual([
      ['case.created', null],
      ['message.created', null],
      ['note.created', 'Alice'],
      ['case.acknowledged', 'Alice'],
      ['case.escalated', 'Alice'],
      ['case.transferred', 'Sue'],
      ['case.updated', 'Carol'],
      ['case.transferred', 'Carol'],
    ]);
    expect(detail.body.events.find((e: any) => e.type === 'case.escalated').data).toEqual({ to: 'supervisors', reason: 'Threatens to go to the media' });
    expect(detail.body.events.every((e: any) => typeof e.at === 'string')).toBe(true);
    // The case's message comes in `messages`; the timeline holds the rest of the customer's story (here the note).
    const kinds = detail.body.timeline.map((t: any) => t.kind);
    expect(kinds).toEqual(['note']);
    expect(detail.body.messages).toHaveLength(1);
    expect(detail.body.timeline[0]).toMatchObject({ kind: 'note', text: 'Customer is upset, be careful', authorName: 'Alice', caseReference: detail.body.reference });
    // Notes are never sent: nothing outbound was queued for this case.
    expect((await sql.query(`SELECT count(*)::int AS n FROM messages WHERE case_id = $1 AND direction = 'outbound'`, [caseId])).rows[0].n).toBe(0);
  });

  it('escalates to another team with a reason: the case joins that queue, and both teams hear of it', async () => {
    const caseId = await customerWrites({ sender: { address: '+61412300012' }, text: 'Hardship, I cannot pay this month' });
    await post(`/api/cases/${caseId}/claim`, 'alice');
    const [bob, carol] = [await agent('bob'), await agent('carol')];
    const res = await post(`/api/cases/${caseId}/escalate`, 'alice', { to: 'team', teamId: billingTeamId, reason: 'Needs a hardship arrangement' });
    expect(res.status).toBe(200);
    expect(res.body.case).toMatchObject({ status: 'escalated', teamId: billingTeamId, assigneeId: null });
    const heard = await carol.waitFor<CaseEvent>('case.escalated', (e) => e.caseId === caseId);
    expect(heard.data).toMatchObject({ to: 'team', teamId: billingTeamId, teamName: 'Billing', fromTeamId: defaultTeamId, reason: 'Needs a hardship arrangement' });
    await bob.waitFor<CaseEvent>('case.escalated', (e) => e.caseId === caseId);
    // Now Billing's: Alice no longer sees it, Carol does.
    expect((await inbox.api(`/api/cases/${caseId}`, { token: as('alice') })).status).toBe(404);
    expect((await inbox.api(`/api/cases/${caseId}`, { token: as('carol') })).status).toBe(200);
  });

  it('fills canned response placeholders for a case; only supervisors and admins edit them', async () => {
    const caseId = await customerWrites({ sender: { address: '+61412300007', displayName: 'Fiona Canned' }, text: 'Where is my refund?' });
    const body = 'Dear {{customer.name}}, about {{ case.reference }}: we are on it. {{agent.name}}';
    expect((await post('/api/canned-responses', 'alice', { title: 'On it', body })).status).toBe(403);
    expect((await post('/api/canned-responses', 'sue', { title: 'Typo', body: 'Hi {{customer.nmae}}' })).body.error).toBe('unknown_placeholder');
    const created = await post('/api/canned-responses', 'sue', { title: 'On it', body });
    expect(created.status).toBe(201);
    const billingOnly = await post('/api/canned-responses', 'sue', { title: 'Billing only', body: 'x', teamId: billingTeamId });
    const reference = (await sql.query(`SELECT reference FROM cases WHERE id = $1`, [caseId])).rows[0].reference;

    const rendered = await inbox.api<any>(`/api/cases/${caseId}/canned-responses/${created.body.id}`, { token: as('alice') });
    expect(rendered.body.text).toBe(`Dear Fiona Canned, about ${reference}: we are on it. Alice`);
    const all = await inbox.api<any>(`/api/cases/${caseId}/canned-responses`, { token: as('alice') });
    expect(all.body.items.map((i: { title: string }) => i.title)).toEqual(['On it']);
    expect((await inbox.api(`/api/canned-responses/${billingOnly.body.id}`, { token: as('alice') })).status).toBe(404);

    const updated = await inbox.api<any>(`/api/canned-responses/${created.body.id}`, { method: 'PATCH', token: as('sue'), body: { title: 'On it!' } });
    expect(updated.body).toMatchObject({ title: 'On it!', body });
    expect((await inbox.api(`/api/canned-responses/${created.body.id}`, { method: 'DELETE', token: as('sue') })).status).toBe(204);
    expect((await inbox.api(`/api/canned-responses/${created.body.id}`, { token: as('sue') })).status).toBe(404);
  });

  it('replies on the case’s channel by default, or to another identity of the customer chosen explicitly', async () => {
    const caseId = await customerWrites({ sender: { address: '+61412300008' }, text: 'SMS complaint' });
    await customerWrites({ channel: 'whatsapp', account: 'wa-business-1', sender: { address: '+61412300008' }, text: 'Also on WhatsApp' });
    const detail = await inbox.api<any>(`/api/cases/${caseId}`, { token: as('alice') });
    const whatsapp = detail.body.customer.identities.find((i: { channel: string }) => i.channel === 'whatsapp');
    const plain = await post(`/api/cases/${caseId}/replies`, 'alice', { text: 'Looking into it' });
    expect(plain.body).toMatchObject({ channel: 'sms', direction: 'outbound' });
    const chosen = await post(`/api/cases/${caseId}/replies`, 'alice', { text: 'Answering on WhatsApp', identityId: whatsapp.id });
    expect(chosen.status).toBe(201);
    expect(chosen.body).toMatchObject({ channel: 'whatsapp', senderAddress: '+61412300008' });
    const { rows } = await sql.query(`SELECT payload FROM outbox WHERE topic = 'inbox.outbound.v1' AND payload->>'messageId' = $1`, [chosen.body.id]);
    // Either still in the outbox or already relayed; when present it is addressed to the WhatsApp account.
    for (const r of rows) expect(r.payload).toMatchObject({ channel: 'whatsapp', account: 'wa-business-1' });
    const other = await customerWrites({ sender: { address: '+61412300009' }, text: 'Someone else: I want to complain about your staff' });
    const foreign = (await inbox.api<any>(`/api/cases/${other}`, { token: as('alice') })).body.customer.identities[0].id;
    expect((await post(`/api/cases/${caseId}/replies`, 'alice', { text: 'x', identityId: foreign })).body.error).toBe('unknown_identity');
    expect((await post(`/api/cases/${caseId}/replies`, 'alice', { text: 'x', channel: 'telegram' })).body.error).toBe('no_identity_on_channel');
    const timeline = (await inbox.api<any>(`/api/cases/${caseId}`, { token: as('alice') })).body.messages;
    expect(timeline.map((t: any) => [t.channel, t.direction])).toEqual([
      ['sms', 'inbound'],
      ['whatsapp', 'inbound'],
      ['sms', 'outbound'],
      ['whatsapp', 'outbound'],
    ]);
    expect(timeline[2].authorName).toBe('Alice');
  });

  it('filters and pages the queue', async () => {
    const a = await customerWrites({ sender: { address: '+61412300010', displayName: 'Gina Filter' }, text: 'Filter one: I want to complain about the wait' });
    const b = await customerWrites({ sender: { address: '+61412300011' }, text: 'Filter two: I want to complain about your service' });
    // A product no other case in this file is classified under ("I was charged a late fee" is card/fees by the model).
    await sql.query(`UPDATE cases SET category = 'superannuation/fees', respond_by = now() + interval '1 day' WHERE id = $1`, [a]);
    await sql.query(`UPDATE cases SET category = 'loan/interest', respond_by = now() + interval '20 days' WHERE id = $1`, [b]);
    await post(`/api/cases/${a}/claim`, 'alice');
    const list = async (query: string, who = 'alice') => (await inbox.api<any>(`/api/cases?${query}`, { token: as(who) })).body;
    expect((await list('category=superannuation')).items.map((c: any) => c.id)).toEqual([a]);
    expect((await list('category=loan/interest')).items.map((c: any) => c.id)).toEqual([b]);
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
    expect((await list(`deadlineBefore=${soon}&status=open`)).items.map((c: any) => c.id)).toContain(a);
    expect((await list(`deadlineBefore=${soon}`)).items.map((c: any) => c.id)).not.toContain(b);
    expect((await list('assigneeId=me')).items.map((c: any) => c.id)).toContain(a);
    expect((await list('assigneeId=none&category=loan')).items.map((c: any) => c.id)).toEqual([b]);
    const reference = (await sql.query(`SELECT reference FROM cases WHERE id = $1`, [b])).rows[0].reference;
    expect((await list(`q=${reference.toLowerCase()}`)).items.map((c: any) => c.id)).toEqual([b]);
    expect((await list('q=Gina')).items.map((c: any) => c.id)).toEqual([a]);
    const page = await list('limit=2&offset=1');
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThan(3);
    expect((await inbox.api<any>('/api/cases?deadlineBefore=tomorrow', { token: as('alice') })).status).toBe(400);
    expect((await inbox.api<any>('/api/cases?assigneeId=nobody', { token: as('alice') })).status).toBe(400);
  });

  it('lists teams, and lets supervisors set a team’s assignment mode, limit and members', async () => {
    const teams = await inbox.api<any>('/api/teams', { token: as('alice') });
    expect(teams.body.items.map((t: any) => t.name)).toEqual(['Complaints', 'Billing']);
    expect((await inbox.api(`/api/teams/${billingTeamId}`, { method: 'PATCH', token: as('alice'), body: { assignmentMode: 'push' } })).status).toBe(403);
    const changed = await inbox.api<any>(`/api/teams/${billingTeamId}`, { method: 'PATCH', token: as('sue'), body: { maxOpenPerAgent: 3 } });
    expect(changed.body).toMatchObject({ assignmentMode: 'pull', maxOpenPerAgent: 3 });
    expect((await inbox.api<any>(`/api/teams/${billingTeamId}`, { method: 'PATCH', token: as('sue'), body: { assignmentMode: 'round-robin' } })).status).toBe(400);
    const joined = await inbox.api<any>(`/api/teams/${billingTeamId}/members/${users.bob.id}`, { method: 'PUT', token: as('sue') });
    expect(joined.body.members.map((m: any) => m.name)).toEqual(['Bob', 'Carol']);
    const left = await inbox.api<any>(`/api/teams/${billingTeamId}/members/${users.bob.id}`, { method: 'DELETE', token: as('sue') });
    expect(left.body.members.map((m: any) => m.name)).toEqual(['Carol']);
    expect((await inbox.api('/api/teams', { token: as('sue'), body: { name: 'Billing' } })).status).toBe(403);
    expect((await inbox.api('/api/teams', { token: admin, body: { name: 'Billing' } })).status).toBe(409);
  });

  it('documents the workspace endpoints in OpenAPI', async () => {
    const doc = await inbox.api<any>('/api/docs/openapi.json');
    for (const path of [
      '/api/cases/{id}/notes',
      '/api/cases/{id}/acknowledge',
      '/api/cases/{id}/escalate',
      '/api/cases/{id}/transfer',
      '/api/cases/{id}/reopen',
      '/api/cases/{id}/knowledge',
      '/api/cases/{id}/canned-responses/{cannedId}',
      '/api/canned-responses',
      '/api/knowledge',
      '/api/teams/{teamId}/members/{userId}',
    ]) {
      expect(doc.body.paths).toHaveProperty([path]);
    }
  });
});

import { Client } from 'pg';
import { TOPICS } from '@inbox/contracts';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';

/** Routing rules: an admin's ordered rules put a newly opened case in a team; no match keeps the default team. */
describe('routing rules', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let defaultTeam: string;
  let hardship: string;
  let cards: string;

  beforeAll(async () => {
    inbox = await startTestInbox({ env: { AUTO_ACKNOWLEDGEMENT: 'false' } });
    admin = await inbox.login();
    sql = new Client(inbox.db.url);
    await sql.connect();
    defaultTeam = (await sql.query(`SELECT id FROM teams WHERE is_default`)).rows[0].id;
    hardship = (await inbox.api<{ id: string }>('/api/teams', { token: admin, body: { name: 'Hardship' } })).body.id;
    cards = (await inbox.api<{ id: string }>('/api/teams', { token: admin, body: { name: 'Cards' } })).body.id;
  });

  afterAll(async () => {
    await sql.end();
    await inbox.close();
    await inbox.db.drop();
  });

  let sender = 0;
  async function teamOfNewCase(overrides: Parameters<typeof inboundMessage>[0]): Promise<string> {
    const message = inboundMessage({ sender: { address: `+6141260${String(++sender).padStart(4, '0')}` }, ...overrides });
    await inbox.bus.publish(TOPICS.inbound, `${message.channel}:${message.sender.address}`, message);
    const rows = (await sql.query(`SELECT c.team_id FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.external_id = $1`, [message.externalId])).rows;
    expect(rows).toHaveLength(1);
    return rows[0].team_id;
  }

  it('refuses a rule without a condition, or for a team that does not exist', async () => {
    const empty = await inbox.api<any>('/api/routing-rules', { token: admin, body: { name: 'Everything', teamId: cards, words: ['  '] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error).toBe('routing_rule_without_condition');
    const noTeam = await inbox.api<any>('/api/routing-rules', {
      token: admin,
      body: { name: 'Nowhere', teamId: '00000000-0000-4000-8000-000000000000', channel: 'sms' },
    });
    expect([noTeam.status, noTeam.body.error]).toEqual([400, 'team_not_found']);
  });

  it('puts a new case in the team of the first rule that matches, and in the default team when none does', async () => {
    const words = await inbox.api<any>('/api/routing-rules', {
      token: admin,
      body: { name: 'Hardship words', teamId: hardship, words: ['hardship', 'cannot pay'] },
    });
    expect(words.status).toBe(201);
    expect(words.body).toMatchObject({ name: 'Hardship words', teamId: hardship, channel: null, account: null, kind: null, words: ['hardship', 'cannot pay'] });
    const number = await inbox.api<any>('/api/routing-rules', {
      token: admin,
      body: { name: 'Cards line', teamId: cards, channel: 'sms', account: '+61400000999', kind: 'complaint' },
    });
    expect(number.status).toBe(201);

    // Both rules match: the first one tried wins.
    const both = { account: '+61400000999', text: 'I cannot pay this month and you charged my card twice, I want a refund' };
    expect(await teamOfNewCase(both)).toBe(hardship);
    expect(await teamOfNewCase({ account: '+61400000999', text: 'You charged my card twice and I want a refund' })).toBe(cards);
    // Another number: the cards rule does not hold, and nothing else matches.
    expect(await teamOfNewCase({ account: '+61400000111', text: 'You charged my card twice and I want a refund' })).toBe(defaultTeam);

    // Reordered, the cards rule is tried first.
    const order = await inbox.api<any>('/api/routing-rules/order', { method: 'PUT', token: admin, body: { ids: [number.body.id, words.body.id] } });
    expect(order.status).toBe(200);
    expect(order.body.items.map((r: { id: string }) => r.id)).toEqual([number.body.id, words.body.id]);
    expect(await teamOfNewCase(both)).toBe(cards);

    // An order that leaves a rule out is refused.
    const partial = await inbox.api<any>('/api/routing-rules/order', { method: 'PUT', token: admin, body: { ids: [number.body.id] } });
    expect(partial.status).toBe(400);

    // Edited and removed, the rules stop applying.
    const edited = await inbox.api<any>(`/api/routing-rules/${number.body.id}`, { method: 'PATCH', token: admin, body: { kind: 'enquiry' } });
    expect(edited.body).toMatchObject({ kind: 'enquiry', channel: 'sms', account: '+61400000999' });
    expect(await teamOfNewCase({ account: '+61400000999', text: 'You charged my card twice and I want a refund' })).toBe(defaultTeam);
    expect((await inbox.api(`/api/routing-rules/${words.body.id}`, { method: 'DELETE', token: admin })).status).toBe(204);
    expect(await teamOfNewCase({ account: '+61400000111', text: 'Hardship: I cannot pay, you charged me twice, I want a refund' })).toBe(defaultTeam);
    expect((await inbox.api<any>('/api/routing-rules', { token: admin })).body.items).toHaveLength(1);
  });
});

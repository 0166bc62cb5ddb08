import type { Client } from 'pg';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { TwilioWebhooks, twilioEnv } from '../support/builders';

const PUBLIC_URL = 'https://inbox.example.test';
const CARD = '4556 7375 8689 9855';

/**
 * Search through each case's search document (migration 1732402100000):
 * a word in many messages finds every case it is in, in the queue's order and
 * page by page; an agent finds only the cases their teams may see; a value
 * redacted on arrival was never indexed; a rewritten message is searched as it
 * is now. Messages arrive as signed Twilio webhooks, as customers send them.
 */
describe('case search documents', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let agent: string;
  let cardsTeam: string;
  const webhooks = new TwilioWebhooks(() => inbox.url, { accountSid: 'AC00000000000000000000000000000009', authToken: 'search-auth-token', publicUrl: PUBLIC_URL, number: '+61255550109' });
  const caseOf = async (address: string) =>
    (await sql.query<{ case_id: string }>(`SELECT m.case_id FROM messages m JOIN identities i ON i.customer_id = m.customer_id WHERE i.address = $1 LIMIT 1`, [address])).rows[0].case_id;
  const search = async (q: string, token: string, page = '') => {
    const res = await inbox.api<{ items: Array<{ id: string }>; total: number; totalCapped?: boolean }>(`/api/cases?q=${encodeURIComponent(q)}${page}`, { token });
    expect(res.status).toBe(200);
    return res.body;
  };
  /** Customer i writes twice; every other customer's second message has the English word, the others the Russian one. */
  const senders = Array.from({ length: 24 }, (_, i) => `+614123900${String(i).padStart(2, '0')}`);
  const caseIds: string[] = [];

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    ({ inbox, sql, token: admin } = await startInboxSession({ env: { ...twilioEnv(webhooks.account, twilio.baseUrl), AUTO_ACKNOWLEDGEMENT: 'false' } }));
    cardsTeam = (await inbox.api<{ id: string }>('/api/teams', { token: admin, body: { name: 'Cards' } })).body.id;
    await inbox.api('/api/users', { token: admin, body: { email: 'cards@search.test', password: 'search-password-1', name: 'Casey', role: 'agent', teamIds: [cardsTeam] } });
    agent = await inbox.login('cards@search.test', 'search-password-1');
    for (const [i, from] of senders.entries()) {
      expect((await webhooks.post('/webhooks/twilio/sms', webhooks.smsForm(from, `You charged my card twice, complaint number ${i}`))).status).toBe(200);
      const second = i % 2 === 0 ? 'Please call me back today' : 'Перезвоните мне, пожалуйста, сегодня';
      expect((await webhooks.post('/webhooks/twilio/sms', webhooks.smsForm(from, second))).status).toBe(200);
      caseIds.push(await caseOf(from));
    }
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await twilio?.close();
  });

  it('finds every case a word is in, English and Russian, page by page in the queue’s order', async () => {
    const english = caseIds.filter((_, i) => i % 2 === 0);
    const russian = caseIds.filter((_, i) => i % 2 === 1);
    const all = await search('please', admin, '&limit=50');
    expect(all.total).toBe(english.length);
    expect([...all.items.map((c) => c.id)].sort()).toEqual([...english].sort());
    expect([...(await search('пожалуйста', admin, '&limit=50')).items.map((c) => c.id)].sort()).toEqual([...russian].sort());
    // A word in every message of every case, read in pages: each case once, in the same order as one long page.
    const whole = (await search('charged', admin, '&limit=50')).items.map((c) => c.id);
    expect(whole).toHaveLength(senders.length);
    const paged: string[] = [];
    for (let offset = 0; offset < senders.length; offset += 5) paged.push(...(await search('charged', admin, `&limit=5&offset=${offset}`)).items.map((c) => c.id));
    expect(paged).toEqual(whole);
    // Words of different messages of one case find it together; the last word is a prefix.
    expect((await search('twice перезвоните', admin)).items.map((c) => c.id)).toEqual(expect.arrayContaining(russian));
    expect((await search('complaint number 7 пожалуй', admin)).items.map((c) => c.id)).toEqual([caseIds[7]]);
  });

  it('finds a customer by a name in Cyrillic (which the names’ trigram index cannot read) and by a Latin one', async () => {
    await sql.query(`UPDATE customers SET display_name = 'Наталья Петрова' WHERE id = (SELECT customer_id FROM identities WHERE address = $1)`, [senders[3]]);
    await sql.query(`UPDATE customers SET display_name = 'Priya Shah' WHERE id = (SELECT customer_id FROM identities WHERE address = $1)`, [senders[5]]);
    expect((await search('Наталья', admin)).items.map((c) => c.id)).toEqual([caseIds[3]]);
    expect((await search('наталья петро', admin)).items.map((c) => c.id)).toEqual([caseIds[3]]);
    expect((await search('riya Sh', admin)).items.map((c) => c.id)).toEqual([caseIds[5]]);
  });

  it('shows an agent only the cases of their teams', async () => {
    const english = caseIds.filter((_, i) => i % 2 === 0);
    const moved = english.slice(0, 3);
    for (const id of moved) expect((await inbox.api(`/api/cases/${id}/transfer`, { token: admin, body: { teamId: cardsTeam } })).status).toBe(200);
    const seen = await search('please', agent, '&limit=50');
    expect(seen.total).toBe(3);
    expect([...seen.items.map((c) => c.id)].sort()).toEqual([...moved].sort());
    expect((await search('please', admin, '&limit=50')).total).toBe(english.length);
  });

  it('never indexes a value redacted on arrival', async () => {
    const from = '+61412399900';
    expect((await webhooks.post('/webhooks/twilio/sms', webhooks.smsForm(from, `My card ${CARD} was declined at the wombat shop`))).status).toBe(200);
    const caseId = await caseOf(from);
    expect((await search('wombat', admin)).items.map((c) => c.id)).toEqual([caseId]);
    // The card is kept as agents see it (first six and last four, as PCI allows): the digits removed are nowhere.
    for (const q of [CARD, CARD.replace(/ /g, ''), '8689', '7375 ']) expect([q, (await search(q, admin)).total]).toEqual([q, 0]);
    const { rows } = await sql.query<{ document: string }>(`SELECT document::text AS document FROM case_search_documents WHERE case_id = $1`, [caseId]);
    expect(rows[0].document).toContain('wombat');
    expect(rows[0].document).not.toMatch(/7375|8689|4556737586899855/);
  });

  it('searches a message as it is now once its text is rewritten (as erasure does), and follows it to another case', async () => {
    const caseId = caseIds[4];
    await sql.query(`UPDATE messages SET text = '[erased]' WHERE case_id = $1 AND text LIKE 'Please%'`, [caseId]);
    expect((await search('please', admin, '&limit=50')).items.map((c) => c.id)).not.toContain(caseId);
    expect((await search('charged', admin, '&limit=50')).items.map((c) => c.id)).toContain(caseId);
    // A message moved to another case (a split) leaves its words behind with it.
    const [{ id }] = (await sql.query<{ id: string }>(`SELECT id FROM messages WHERE case_id = $1 AND text LIKE 'You charged%'`, [caseIds[6]])).rows;
    await sql.query(`UPDATE messages SET case_id = $2 WHERE id = $1`, [id, caseId]);
    expect((await search('complaint number 6', admin)).items.map((c) => c.id)).toEqual([caseId]);
  });
});

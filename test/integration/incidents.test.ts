import type { Client } from 'pg';
import { unpackCaseEvents, type CaseEvent, type InboundMessage } from '@inbox/contracts';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { ago, publishInbound } from '../support/builders';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Everyday complaints about other things: none of them shares the outage's words. */
const NORMAL = [
  'My home loan interest rate was changed without notice',
  'The insurance claim for my car has been delayed for weeks',
  'A staff member at the branch was rude to my mother',
  'My superannuation statement shows the wrong balance',
  'Why was my savings account closed without explanation',
  'I was charged an overdraft fee that I never agreed to',
];
const OUTAGE = [
  'My card payment was declined at the supermarket, are your systems down?',
  'Card declined at the petrol station just now, I cannot pay for anything',
  'Tried to pay by card three times and it was declined every time',
  'Your card payments are not working, declined at the pharmacy',
];

/**
 * A simulated outage: 200 complaints about card payments within five minutes,
 * among normal traffic with a week of history, opens exactly one incident with
 * those cases linked; supervisors are alerted live and one update reaches
 * every affected customer on their own channel.
 */
describe('incidents', () => {
  let inbox: TestInbox;
  let token: string;
  let sql: Client;

  beforeAll(async () => {
    ({ inbox, token, sql } = await startInboxSession());
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  const publish = (m: InboundMessage) => publishInbound(inbox.bus, m);
  const at = ago;
  const phone = (block: number, i: number) => `+614${block}${String(i).padStart(7, '0')}`;

  it('opens exactly one incident for a burst of card payment complaints, links them, alerts supervisors and updates every customer without answering their cases', async () => {
    const supervisor = await inbox.agentSocket(token);
    const alerts: CaseEvent[] = [];
    // Case events reach agents in `case.events` frames (one per 10 ms window).
    supervisor.socket.on('case.events', (frame: unknown) => alerts.push(...unpackCaseEvents(frame).filter((e) => e.type === 'incident.opened')));

    // A week of normal traffic, including a few card payment complaints (the category's usual rate).
    const history: InboundMessage[] = [];
    for (let i = 0; i < 36; i += 1) {
      history.push(inboundMessage({ sender: { address: phone(1, i) }, text: `${NORMAL[i % NORMAL.length]} (${i})`, receivedAt: at(DAY + i * 4 * 60 * MINUTE) }));
    }
    for (let i = 0; i < 6; i += 1) {
      history.push(inboundMessage({ sender: { address: phone(2, i) }, text: OUTAGE[i % OUTAGE.length], receivedAt: at(DAY + i * DAY * 0.9) }));
    }
    for (const m of history) await publish(m);

    // The outage: 200 complaints in five minutes (SMS and email), mixed with 30 normal ones, handled in parallel.
    const burst: InboundMessage[] = [];
    const normal: InboundMessage[] = [];
    for (let i = 0; i < 230; i += 1) {
      const receivedAt = at(((230 - i) / 230) * 4.8 * MINUTE);
      if (i % 23 === 5 || i % 23 === 16 || i % 23 === 20) {
        normal.push(inboundMessage({ sender: { address: phone(3, i) }, text: `${NORMAL[i % NORMAL.length]}, again`, receivedAt }));
      } else if (burst.length % 4 === 3) {
        burst.push(inboundMessage({ channel: 'email', account: 'complaints@bank.example', sender: { address: `outage${i}@example.com` }, text: OUTAGE[i % OUTAGE.length], receivedAt }));
      } else {
        burst.push(inboundMessage({ sender: { address: phone(4, i) }, text: OUTAGE[i % OUTAGE.length], receivedAt }));
      }
    }
    burst.splice(200);
    const traffic = [...burst, ...normal].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    for (let i = 0; i < traffic.length; i += 10) await Promise.all(traffic.slice(i, i + 10).map(publish));

    const { rows: incidents } = await sql.query(`SELECT id, key, status FROM incidents`);
    expect(incidents).toHaveLength(1);
    const incidentId = incidents[0].id;
    const caseIdsOf = async (ms: InboundMessage[]) =>
      (await sql.query(`SELECT case_id FROM messages WHERE external_id = ANY($1)`, [ms.map((m) => m.externalId)])).rows.map((r) => r.case_id as string);
    const burstCases = await caseIdsOf(burst);
    expect(new Set(burstCases).size).toBe(200);
    const { rows: linkedRows } = await sql.query(`SELECT case_id FROM incident_cases WHERE incident_id = $1`, [incidentId]);
    const linked = new Set(linkedRows.map((r) => r.case_id));
    expect(burstCases.filter((id) => !linked.has(id))).toEqual([]);
    for (const id of [...(await caseIdsOf(normal)), ...(await caseIdsOf(history))]) expect(linked.has(id)).toBe(false);

    // Supervisors were told live, once.
    await waitUntil(() => alerts.length > 0);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].data).toMatchObject({ incidentId });

    const list = await inbox.api<any>('/api/incidents', { token });
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: incidentId, status: 'open', caseCount: 200 })]);
    const detail = await inbox.api<any>(`/api/incidents/${incidentId}`, { token });
    expect(detail.body.cases).toHaveLength(200);

    // Agents may not see or send incident updates.
    const agentCreated = await inbox.api('/api/users', { token, body: { email: 'agent@test.local', password: 'agent-password-1', name: 'Agent', role: 'agent' } });
    expect(agentCreated.status).toBe(201);
    const agentToken = await inbox.login('agent@test.local', 'agent-password-1');
    expect((await inbox.api('/api/incidents', { token: agentToken })).status).toBe(403);
    expect((await inbox.api(`/api/incidents/${incidentId}/updates`, { token: agentToken, body: { text: 'x' } })).status).toBe(403);
    expect((await inbox.api(`/api/incidents/${incidentId}/updates`, { token, body: { text: '   ' } })).status).toBe(400);

    const text = 'Card payments are working again. We are sorry for the disruption; any double charges will be reversed within 2 days.';
    const { rows: beforeUpdate } = await sql.query(`SELECT status, first_response_at FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id`, [burstCases]);
    const sent = await inbox.api<any>(`/api/incidents/${incidentId}/updates`, { token, body: { text } });
    expect(sent.status).toBe(201);
    expect(sent.body.results).toHaveLength(200);
    expect(sent.body.results.filter((r: any) => r.error)).toEqual([]);
    const { rows: outbound } = await sql.query(
      `SELECT m.case_id, m.channel, m.sender_address, c.channel AS case_channel,
              (SELECT i.address FROM identities i WHERE i.customer_id = c.customer_id AND i.channel = c.channel LIMIT 1) AS identity
         FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.direction = 'outbound' AND m.text = $1`,
      [text],
    );
    expect(outbound).toHaveLength(200);
    expect(new Set(outbound.map((m) => m.case_id))).toEqual(new Set(burstCases));
    for (const m of outbound) {
      expect(m.channel).toBe(m.case_channel);
      expect(m.sender_address).toBe(m.identity);
    }
    expect(outbound.filter((m) => m.channel === 'email')).toHaveLength(50);
    const after = await inbox.api<any>(`/api/incidents/${incidentId}`, { token });
    expect(after.body.updates).toEqual([expect.objectContaining({ text, sent: 200, failed: 0 })]);
    // The update is the incident's, not 200 first responses by the supervisor: no case moved from new to open, none counts as answered.
    const { rows: afterUpdate } = await sql.query(`SELECT status, first_response_at FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id`, [burstCases]);
    expect(afterUpdate).toEqual(beforeUpdate);
    supervisor.socket.close();
  });

  it('links a later matching complaint to the open incident instead of opening another', async () => {
    const late = inboundMessage({ sender: { address: phone(5, 1) }, text: 'Card declined again at the cafe, still not working' });
    await publish(late);
    const { rows } = await sql.query(
      `SELECT i.id FROM incidents i JOIN incident_cases ic ON ic.incident_id = i.id JOIN messages m ON m.case_id = ic.case_id WHERE m.external_id = $1`,
      [late.externalId],
    );
    expect(rows).toHaveLength(1);
    expect((await sql.query(`SELECT count(*)::int AS n FROM incidents`)).rows[0].n).toBe(1);
    const types = (await sql.query(`SELECT e.type FROM case_events e JOIN messages m ON m.case_id = e.case_id WHERE m.external_id = $1`, [late.externalId])).rows.map((r) => r.type);
    expect(types).toContain('incident.updated');

    // Once a supervisor closes it, later complaints no longer join it.
    const incidentId = rows[0].id;
    const closed = await inbox.api<any>(`/api/incidents/${incidentId}/close`, { token, body: {} });
    expect(closed.status).toBe(200);
    expect(closed.body.status).toBe('closed');
    expect((await inbox.api(`/api/incidents/${incidentId}/close`, { token, body: {} })).status).toBe(409);
    const after = inboundMessage({ sender: { address: phone(5, 2) }, text: 'My card was declined at the bakery' });
    await publish(after);
    const { rows: links } = await sql.query(`SELECT ic.incident_id FROM incident_cases ic JOIN messages m ON m.case_id = ic.case_id WHERE m.external_id = $1`, [after.externalId]);
    expect(links).toEqual([]);
  });

  it('also sees a burst about something no category names, by a word the complaints share', async () => {
    const texts = [
      'The Bondi branch smells of smoke and the doors are locked',
      'Went to Bondi this morning, locked doors and nobody around',
      // The three land in different categories, so only the shared word can gather them. The question is a
      // regression case (issue 25): the first trained model read it as an enquiry, which joins no incident.
      'Is the Bondi office closed for good? Smoke everywhere outside',
    ];
    const flood = Array.from({ length: 25 }, (_, i) =>
      inboundMessage({ channel: 'telegram', account: 'bank_bot', sender: { address: String(880000 + i) }, text: texts[i % texts.length], receivedAt: at((25 - i) * 3_000) }),
    );
    for (let i = 0; i < flood.length; i += 5) await Promise.all(flood.slice(i, i + 5).map(publish));
    const { rows } = await sql.query(
      `SELECT i.id, i.key, count(*)::int AS cases FROM incidents i JOIN incident_cases ic ON ic.incident_id = i.id
         JOIN messages m ON m.case_id = ic.case_id WHERE m.external_id = ANY($1) GROUP BY i.id, i.key`,
      [flood.map((m) => m.externalId)],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].cases).toBe(25);
    expect((await sql.query(`SELECT count(*)::int AS n FROM incidents`)).rows[0].n).toBe(2);
  });
});

async function waitUntil(predicate: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

import type { Client } from 'pg';
import { StatusCodes } from '@inbox/complaint-handling';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startInboxSession, stopInboxSession, TEST_CODE_HASH_SECRET, type TestInbox } from '../support/test-inbox';
import { caseSettled, type QueryRows } from '../support/settled';
import { TwilioWebhooks, twilioEnv } from '../support/builders';

const ACCOUNT = { accountSid: 'AC00000000000000000000000000000273', authToken: 'twilio-ack-auth-token', publicUrl: 'https://inbox.example.test', number: '+61255550273' };

/**
 * What the automatic acknowledgement says and keeps, beyond
 * rg271-compliance.test.ts: who handles the complaint when an agent already
 * has it, the status code kept only as a hash on the case, a complaint the
 * classifier reads as hardship typed as one at intake, and the templates in force.
 */
describe('RG 271 acknowledgement details', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  const webhooks = new TwilioWebhooks(() => inbox.url, ACCOUNT);
  const rowsOf: QueryRows = async (text, params) => (await sql.query(text, params)).rows;

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { ...twilioEnv(ACCOUNT, twilio.baseUrl), COMPLAINTS_HANDLER_NAME: 'the Customer Care team' } }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await twilio?.close();
  });

  /** An inbound SMS; returns the case it joined. */
  async function smsIn(from: string, body: string): Promise<string> {
    const messageSid = await webhooks.sms(from, body);
    const [row] = await rowsOf(`SELECT case_id FROM messages WHERE external_id = $1`, [messageSid]);
    return (row as { case_id: string }).case_id;
  }
  const smsTo = (to: string) => twilio.requests.filter((r) => r.form.To === to).map((r) => r.form.Body);

  it('names the agent who already has the case as its handler, and keeps only a hash of the status code', async () => {
    const phone = '+61412840001';
    const created = await inbox.api<{ id: string }>('/api/users', { token: admin, body: { email: 'ann.ack@test.local', password: 'agent-password-1', name: 'Ann Acker', role: 'agent' } });
    expect(created.status).toBe(201);
    // An enquiry (no acknowledgement owed) that Ann takes; then the customer complains on it.
    const caseId = await smsIn(phone, 'What are your branch opening hours on Saturday?');
    expect((await rowsOf(`SELECT kind FROM cases WHERE id = $1`, [caseId]))[0]).toEqual({ kind: 'enquiry' });
    expect((await inbox.api(`/api/cases/${caseId}/claim`, { method: 'POST', token: await inbox.login('ann.ack@test.local', 'agent-password-1') })).status).toBe(200);
    expect(await smsIn(phone, 'I went on Saturday and the branch was closed, this is unacceptable and I lost a day')).toBe(caseId);
    await caseSettled(rowsOf, caseId);

    const [ack] = smsTo(phone);
    expect(ack).toContain('Ann Acker');
    expect(ack).not.toContain('the Customer Care team');
    const [{ reference }] = (await rowsOf(`SELECT reference FROM cases WHERE id = $1`, [caseId])) as Array<{ reference: string }>;
    const code = /code ([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(ack)![1];
    const [compliance] = (await rowsOf(`SELECT status_secret_hash, row_to_json(cc)::text AS everything FROM case_compliance cc WHERE case_id = $1`, [caseId])) as Array<{
      status_secret_hash: string;
      everything: string;
    }>;
    // What the case keeps checks the code, and is not the code in any spelling.
    const codes = new StatusCodes(TEST_CODE_HASH_SECRET);
    expect(codes.matches(reference, code, compliance.status_secret_hash)).toBe(true);
    expect(codes.matches(reference, 'AAAA-BBBB', compliance.status_secret_hash)).toBe(false);
    expect(compliance.status_secret_hash).toMatch(/^hmac1:[0-9a-f]{64}$/);
    for (const spelling of [code, code.replace('-', ''), code.toLowerCase()]) expect(compliance.everything).not.toContain(spelling);
  });

  it('says whether the provider has taken the acknowledgement, not only that it was queued', async () => {
    const caseId = await smsIn('+61412840009', 'I want to complain: my card was charged twice and nobody answers');
    await caseSettled(rowsOf, caseId);
    const [ack] = (await rowsOf(
      `SELECT m.id FROM case_compliance cc JOIN messages m ON m.id = cc.acknowledgement_message_id WHERE cc.case_id = $1`,
      [caseId],
    )) as Array<{ id: string }>;
    // Sent to the Twilio stand-in, which gave it an id: accepted, though Twilio still calls it "queued".
    for (let i = 0; i < 100 && !(await rowsOf(`SELECT 1 FROM messages WHERE id = $1 AND external_id IS NOT NULL`, [ack.id])).length; i++) await new Promise((r) => setTimeout(r, 50));
    const accepted = await inbox.api<any>(`/api/cases/${caseId}/compliance`, { token: admin });
    expect(accepted.body.acknowledgementDelivery).toMatchObject({ accepted: true });
    // A provider that refused it: the case says so, and the agent acknowledges another way.
    await sql.query(`UPDATE messages SET delivery_status = 'failed', delivery_error = 'unreachable handset' WHERE id = $1`, [ack.id]);
    const failed = await inbox.api<any>(`/api/cases/${caseId}/compliance`, { token: admin });
    expect(failed.body.acknowledgementDelivery).toEqual({ status: 'failed', accepted: true, error: 'unreachable handset' });
  });

  it('types a complaint the classifier reads as hardship as a hardship complaint at intake, on 21 days, audited', async () => {
    const caseId = await smsIn('+61412840002', 'I am experiencing financial hardship and you refused my hardship application, this is unfair');
    await caseSettled(rowsOf, caseId);
    const compliance = await inbox.api<any>(`/api/cases/${caseId}/compliance`, { token: admin });
    expect(compliance.body.complaintType).toBe('hardship');
    const day = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(new Date(iso));
    const expected = new Date(`${day(compliance.body.clockStartedAt)}T12:00:00Z`);
    expected.setUTCDate(expected.getUTCDate() + 21);
    // 21 days counted from the day the clock started; a day that is not a business day rolls to the next (README "Deadlines").
    const countedTo = expected.toISOString().slice(0, 10);
    expect(compliance.body.respondByRule).toMatchObject({ days: 21, countedTo });
    expect(day(compliance.body.respondBy) >= countedTo).toBe(true);
    const audit = await inbox.api<any>(`/api/compliance/audit?caseId=${caseId}`, { token: admin });
    expect(audit.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ reason: 'classified as a hardship complaint at intake' })]));
  });

  it('lists the templates in force, in English and Russian, with their versions', async () => {
    const res = await inbox.api<any>('/api/compliance/templates', { token: admin });
    expect(res.status).toBe(200);
    const items: Array<{ kind: string; language: string }> = res.body.items ?? res.body;
    for (const kind of ['acknowledgement', 'idr_response', 'delay_notice', 'status_reply', 'afca_block']) {
      for (const language of ['en', 'ru']) expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ kind, language })]));
    }
  });
});

import type { Client } from 'pg';
import type { InboundMessage } from '@inbox/contracts';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { publishAndPlace } from '../support/builders';
import { eventually } from '../support/eventually';

/**
 * Social media under RG 271.32(a): the three tests recorded with each social
 * case, no clock for a post that fails them, no personal data in a public
 * reply; and incidents from triage filed as possible systemic issues.
 */
describe('RG 271 social media and systemic issues', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;

  beforeAll(async () => {
    ({ inbox, token: admin, sql } = await startInboxSession({ env: { INCIDENT_MIN_COMPLAINTS: '3', INCIDENT_RATE_MULTIPLIER: '1', SOCIAL_OWNED_ACCOUNTS: 'page-100,ig-1' } }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  /** An inbound message published as ingest does; returns the case intake put it on. */
  const publish = async (overrides: Partial<InboundMessage>): Promise<string> => (await publishAndPlace(inbox, overrides)).caseId!;
  const until = eventually;

  it('records the RG 271.32(a) tests separately for a comment on our page, acknowledges it publicly without the reference, and refuses a public reply with personal data', async () => {
    const caseId = await publish({ channel: 'facebook', account: 'page-100', sender: { address: 'fb-user-1', displayName: 'Pat Doe' }, text: 'Your bank charged me twice and nobody answers! Disgraceful.' });
    const details = await until(async () => {
      const res = await inbox.api<any>(`/api/cases/${caseId}/compliance`, { token: admin });
      return res.body.socialTests && res.body.acknowledgedAt ? res.body : null;
    });
    expect(details.socialTests).toMatchObject({ aboutTheFirm: true, onChannelFirmControls: true, authorIdentifiable: true, authorContactable: true, verdict: 'meets' });
    const reference = details.reference as string;
    const { rows: ack } = await sql.query(`SELECT text FROM messages WHERE case_id = $1 AND direction = 'outbound'`, [caseId]);
    expect(ack).toHaveLength(1);
    expect(ack[0].text).toContain('private message');
    expect(ack[0].text).not.toContain(reference);

    const leaky = await inbox.api<any>(`/api/cases/${caseId}/replies`, { token: admin, body: { text: `Hi Pat, about ${reference}: please call 0412 345 678 or email pat@example.com` } });
    expect(leaky.status).toBe(409);
    expect(leaky.body).toMatchObject({ error: 'personal_data_in_public_reply', details: { found: ['email address', 'phone number', 'case reference'], suggestion: 'move_to_private' } });
    const safe = await inbox.api<any>(`/api/cases/${caseId}/replies`, { token: admin, body: { text: 'Sorry to hear this, Pat. We have sent you a private message.' } });
    expect(safe.status).toBe(201);
  });

  it('keeps a post that fails a test without a clock, audited, off the register and out of the ASIC file, and restarts the clock if it passes again', async () => {
    // A regression case (issue 25): the first trained model read this complaint about a third party as a compliment.
    const caseId = await publish({ channel: 'instagram', account: 'ig-1', sender: { address: 'ig-user-7' }, receivedAt: '2025-08-04T01:00:00Z', text: 'This bank ripped off my friend' });
    const atIntake = await until(async () => (await inbox.api<any>(`/api/cases/${caseId}/compliance`, { token: admin })).body.socialTests);
    // No name on the account: identifiable is for an agent to judge; contactable (we can message them) is answered on its own.
    expect(atIntake).toMatchObject({ onChannelFirmControls: true, authorIdentifiable: null, authorContactable: true, verdict: 'pending' });
    const failed = await inbox.api<any>(`/api/cases/${caseId}/social-tests`, { method: 'PUT', token: admin, body: { authorIdentifiable: false, why: 'anonymous account, no way to tell who it is' } });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ respondBy: null, socialTests: { verdict: 'fails', meetsDefinition: false, authorContactable: true, why: 'anonymous account, no way to tell who it is' } });
    const reference = failed.body.reference as string;
    expect((await inbox.api<any>('/api/register?channel=instagram', { token: admin })).body.items.map((i: any) => i.reference)).not.toContain(reference);
    const validation = await inbox.api<any>('/api/reports/asic-idr/validation?from=2025-07-01&to=2025-12-31', { token: admin });
    expect(validation.body.excluded).toEqual([{ reference, why: 'not_a_complaint_under_rg271_32a' }]);
    const passed = await inbox.api<any>(`/api/cases/${caseId}/social-tests`, { method: 'PUT', token: admin, body: { authorIdentifiable: true, why: 'she wrote to us by DM with her name' } });
    expect(passed.body.respondBy).toBeTruthy();
    expect(passed.body.socialTests).toMatchObject({ verdict: 'meets', authorIdentifiable: true, authorContactable: true });
    const audit = await inbox.api<any>(`/api/compliance/audit?caseId=${caseId}`, { token: admin });
    expect(audit.body.items.filter((i: any) => i.action === 'deadline.changed').map((i: any) => i.data.reason)).toEqual(['social_tests_met', 'social_tests_failed']);
    // Identifiable but not contactable fails by itself.
    const notContactable = await inbox.api<any>(`/api/cases/${caseId}/social-tests`, { method: 'PUT', token: admin, body: { authorContactable: false, why: 'account closed, messages bounce' } });
    expect(notContactable.body).toMatchObject({ respondBy: null, socialTests: { verdict: 'fails', authorIdentifiable: true, authorContactable: false } });
    // A page the firm did not list: not its own channel, so no clock from intake.
    const elsewhere = await publish({ channel: 'facebook', account: 'page-999', sender: { address: 'fb-user-9', displayName: 'Sam Roe' }, text: 'Your bank charged me twice and nobody answers! Disgraceful.' });
    const other = await until(async () => {
      const res = await inbox.api<any>(`/api/cases/${elsewhere}/compliance`, { token: admin });
      return res.body.socialTests ? res.body : null;
    });
    expect(other).toMatchObject({ respondBy: null, socialTests: { onChannelFirmControls: false, verdict: 'fails' } });
    const notSocial = await publish({ channel: 'sms', sender: { address: '+61415000001' }, text: 'I am unhappy with my statement' });
    expect((await inbox.api(`/api/cases/${notSocial}/social-tests`, { method: 'PUT', token: admin, body: { authorIdentifiable: true } })).status).toBe(400);
  });

  it('files an incident detected by triage as a possible systemic issue with its cases', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(await publish({ sender: { address: `+6141600000${i}` }, text: `My card payment was declined at the shop again (${i})` }));
    }
    const issue = await until(async () => {
      const list = await inbox.api<any>('/api/systemic-issues', { token: admin });
      return list.body.items.find((x: any) => x.source === 'incident' && x.caseCount >= 3);
    });
    expect(issue.incidentId).toBeTruthy();
    const detail = await inbox.api<any>(`/api/systemic-issues/${issue.id}`, { token: admin });
    expect(detail.body.cases.map((c: any) => c.id)).toEqual(expect.arrayContaining(ids.slice(0, 3)));
  });
});

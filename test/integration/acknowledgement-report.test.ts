import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TOPICS } from '@inbox/contracts';
import { DeliveryRecorder } from '@inbox/cases';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';

const DAY0 = Date.parse('2026-03-01T22:00:00Z'); // 9 am on 2 March 2026 in Sydney
const at = (minutes: number) => new Date(DAY0 + minutes * 60_000);
const FAR = new Date('2030-01-01T00:00:00Z');

/**
 * The deadline-compliance report counts an automatic acknowledgement as given
 * when the provider took it (DeliveryRecorder.recordSent), not when it was
 * queued: one still queued, or one that failed, is not given; one the provider
 * took after the deadline is late. One marked by an agent counts when marked.
 */
describe('acknowledgements in the deadline-compliance report', () => {
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;

  beforeAll(async () => {
    inbox = await startTestInbox({ env: { AUTO_ACKNOWLEDGEMENT: 'false' } });
    admin = await inbox.login();
    sql = new Client(inbox.db.url);
    await sql.connect();
  });

  afterAll(async () => {
    await sql.end();
    await inbox.close();
    await inbox.db.drop();
  });

  let sender = 0;
  /** A complaint received at at(0), with the acknowledgement deadline given. */
  async function complaint(acknowledgeBy: Date): Promise<{ caseId: string; customerId: string }> {
    const message = inboundMessage({ sender: { address: `+6141270${String(++sender).padStart(4, '0')}` }, text: 'You charged my card twice and I want a refund' });
    await inbox.bus.publish(TOPICS.inbound, `sms:${message.sender.address}`, message);
    const [row] = (await sql.query(`SELECT case_id, customer_id FROM messages WHERE external_id = $1`, [message.externalId])).rows;
    await sql.query(`UPDATE cases SET kind = 'complaint', received_at = $2, acknowledge_by = $3, acknowledged_at = NULL, respond_by = $4 WHERE id = $1`, [row.case_id, at(0), acknowledgeBy, FAR]);
    return { caseId: row.case_id, customerId: row.customer_id };
  }

  /** The automatic acknowledgement as intake's acknowledger leaves it: queued at at(5), the case marked acknowledged then. */
  async function queuedAcknowledgement(c: { caseId: string; customerId: string }): Promise<string> {
    const id = randomUUID();
    await sql.query(
      `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, text, delivery_status, received_at)
       VALUES ($1, $2, $3, 'sms', '+61400000000', 'outbound', 'We have your complaint', 'queued', $4)`,
      [id, c.caseId, c.customerId, at(5)],
    );
    await sql.query(
      `INSERT INTO case_compliance (case_id, language, acknowledgement_message_id) VALUES ($1, 'en', $2)
       ON CONFLICT (case_id) DO UPDATE SET acknowledgement_message_id = EXCLUDED.acknowledgement_message_id`,
      [c.caseId, id],
    );
    await sql.query(`UPDATE cases SET acknowledged_at = $2 WHERE id = $1`, [c.caseId, at(5)]);
    return id;
  }

  it('counts an acknowledgement once the provider took it, by when it took it, and never one still queued or failed', async () => {
    const delivery = inbox.app.get(DeliveryRecorder, { strict: false });
    // Taken by the provider (now), before its deadline: due and met.
    const taken = await queuedAcknowledgement(await complaint(FAR));
    await delivery.recordSent([{ messageId: taken, externalId: 'SM-taken', status: 'sent' }]);
    await delivery.recordStatus('sms', 'SM-taken', 'delivered', () => true);
    // Still queued after its deadline: due, not met (it used to count as met from the queue time).
    await queuedAcknowledgement(await complaint(at(60)));
    // Still queued, deadline ahead: not decided yet, so not due.
    await queuedAcknowledgement(await complaint(FAR));
    // Taken, then failed: due, not met.
    const failed = await queuedAcknowledgement(await complaint(at(60)));
    await delivery.recordSent([{ messageId: failed, externalId: 'SM-failed', status: 'sent' }]);
    await delivery.recordFailed(failed, 'Unreachable handset');
    // Taken at at(90), after its deadline at(60): due, late.
    const late = await queuedAcknowledgement(await complaint(at(60)));
    await delivery.recordSent([{ messageId: late, externalId: 'SM-late', status: 'sent' }]);
    await sql.query(`UPDATE messages SET accepted_at = $2 WHERE id = $1`, [late, at(90)]);
    // Marked acknowledged by an agent at at(10): due and met.
    const manual = await complaint(at(60));
    await sql.query(`UPDATE cases SET acknowledged_at = $2 WHERE id = $1`, [manual.caseId, at(10)]);

    const acceptedAt = (await sql.query(`SELECT accepted_at FROM messages WHERE id = $1`, [taken])).rows[0].accepted_at;
    expect(acceptedAt).toBeInstanceOf(Date);
    const res = await inbox.api<any>('/api/reports/deadline-compliance?from=2026-03-02&to=2026-03-02', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ channel: 'all', ack_due: 5, ack_met: 2, ack_compliance_pct: 40 });
  });

  it('lists a complaint whose automatic acknowledgement is still queued past its deadline as breached on the dashboard', async () => {
    const queued = await complaint(at(60));
    await queuedAcknowledgement(queued);
    const taken = await complaint(at(60));
    const takenMessage = await queuedAcknowledgement(taken);
    await inbox.app.get(DeliveryRecorder, { strict: false }).recordSent([{ messageId: takenMessage, externalId: 'SM-taken-dashboard', status: 'sent' }]);
    const overview = await inbox.api<any>('/api/supervisor/overview', { token: admin });
    expect(overview.status).toBe(200);
    const acknowledgementAlerts = (overview.body.queue.deadlines.cases as Array<{ caseId: string; deadline: string; state: string }>).filter((a) => a.deadline === 'acknowledgement');
    expect(acknowledgementAlerts.filter((a) => a.caseId === queued.caseId)).toEqual([expect.objectContaining({ state: 'breached' })]);
    expect(acknowledgementAlerts.filter((a) => a.caseId === taken.caseId)).toEqual([]);
  });
});

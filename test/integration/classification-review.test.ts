import { Client } from 'pg';
import { COMPLIANCE_CLOCK, type ComplianceClock } from '@inbox/complaint-handling';
import { ClassificationSampler } from '@inbox/intake';
import { addDays, civilDateOf, formatCivilDate } from '@inbox/compliance';
import type { InboundMessage } from '@inbox/contracts';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { inboundMessage, startTestInbox, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { eventually } from '../support/eventually';
import { publishInbound } from '../support/builders';

const ZONE = 'Australia/Sydney';
const DAY = 86_400_000;

/**
 * Quality control of "not a complaint" on a real inbox: a completed day's random sample of the messages
 * triage called enquiry, compliment or noise goes to the supervisors' review list (the share, at least the
 * minimum); an overturn makes the message a complaint with its clock from when it was received, acknowledged
 * on its channel, audited and kept as a labelled example; the rates reach the dashboard's API.
 */
describe('classification review', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  let supervisor: string;
  let agent: string;
  let clock: ComplianceClock;

  // Noon, `daysAgo` days before today in Sydney (noon stays on its civil day under either UTC offset).
  const dayOf = (daysAgo: number) => formatCivilDate(addDays(civilDateOf(new Date(), ZONE), -daysAgo));
  const noonOf = (day: string, minute = 0) => new Date(Date.parse(`${day}T12:00:00+10:00`) + minute * 60_000).toISOString();

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    inbox = await startTestInbox({
      env: {
        TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000026',
        TWILIO_AUTH_TOKEN: 'review-auth-token',
        TWILIO_API_BASE: twilio.baseUrl,
        PUBLIC_URL: 'https://inbox.example.test',
        TIMEZONE: ZONE,
        CLASSIFICATION_REVIEW_SHARE: '0.5',
        CLASSIFICATION_REVIEW_MIN_PER_DAY: '2',
      },
    });
    admin = await inbox.login();
    for (const role of ['supervisor', 'agent'] as const) {
      const email = `${role}@review.test`;
      expect((await inbox.api('/api/users', { token: admin, body: { email, password: 'review-password', name: `Rita ${role}`, role } })).status).toBe(201);
    }
    supervisor = await inbox.login('supervisor@review.test', 'review-password');
    agent = await inbox.login('agent@review.test', 'review-password');
    sql = new Client(inbox.db.url);
    await sql.connect();
    clock = inbox.app.get<ComplianceClock>(COMPLIANCE_CLOCK);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await twilio?.close();
  });

  const publish = (m: InboundMessage) => publishInbound(inbox.bus, m);
  const smsTo = (to: string) => twilio.requests.filter((r) => r.path.endsWith('/Messages.json') && r.form.To === to).map((r) => r.form.Body);


  /** A day's traffic: `noise` bare acknowledgements, one enquiry, one compliment, and a complaint that is never sampled. */
  async function trafficOn(day: string, prefix: string, noise: number): Promise<InboundMessage[]> {
    const messages = [
      ...Array.from({ length: noise }, (_, i) => inboundMessage({ channel: 'sms', sender: { address: `+6141${prefix}${String(i).padStart(4, '0')}` }, text: 'thanks', receivedAt: noonOf(day, i) })),
      inboundMessage({ channel: 'sms', sender: { address: `+6141${prefix}9001` }, text: 'What time does the Parramatta branch open on Saturday?', receivedAt: noonOf(day, 30) }),
      inboundMessage({ channel: 'sms', sender: { address: `+6141${prefix}9002` }, text: 'The staff at the Manly branch were lovely today, thank you!', receivedAt: noonOf(day, 31) }),
      inboundMessage({ channel: 'sms', sender: { address: `+6141${prefix}9003` }, text: 'You charged my card twice, refund it please', receivedAt: noonOf(day, 32) }),
    ];
    for (const m of messages) await publish(m);
    return messages;
  }

  it('samples a completed day once: the share of its not-a-complaint messages, at least the minimum', async () => {
    const day = dayOf(10); // beyond the sampler's own catch-up week, so only the request below samples it
    const messages = await trafficOn(day, '2610', 6);
    const { rows: kinds } = await sql.query(
      `SELECT classification->>'kind' AS kind, count(*)::int AS n FROM messages WHERE external_id = ANY($1) GROUP BY 1 ORDER BY 1`,
      [messages.map((m) => m.externalId)],
    );
    expect(kinds).toEqual([{ kind: 'complaint', n: 1 }, { kind: 'compliment', n: 1 }, { kind: 'enquiry', n: 1 }, { kind: 'noise', n: 6 }]);

    const sampled = await inbox.api<any>('/api/classification-reviews/samples', { token: supervisor, body: { day } });
    expect(sampled.status).toBe(200);
    // 8 not-a-complaint messages, half of them.
    expect(sampled.body).toEqual({ day, population: 8, sampled: 4, share: 0.5, minPerDay: 2 });
    const again = await inbox.api<any>('/api/classification-reviews/samples', { token: supervisor, body: { day } });
    expect(again.body).toEqual(sampled.body);

    const list = await inbox.api<any>(`/api/classification-reviews?day=${day}`, { token: supervisor });
    expect(list.body.total).toBe(4);
    const ids = new Set(messages.slice(0, 8).map((m) => m.externalId));
    const { rows } = await sql.query(`SELECT m.external_id FROM classification_reviews r JOIN messages m ON m.id = r.message_id WHERE r.day = $1`, [day]);
    for (const r of rows) expect(ids.has(r.external_id)).toBe(true);
    expect(list.body.items.every((item: any) => item.status === 'pending' && item.message.text && ['noise', 'enquiry', 'compliment'].includes(item.modelKind))).toBe(true);

    const notOver = await inbox.api<any>('/api/classification-reviews/samples', { token: supervisor, body: { day: dayOf(0) } });
    expect(notOver.status).toBe(400);
    expect(notOver.body.error).toBe('day_not_over');
    expect((await inbox.api<any>('/api/classification-reviews/samples', { token: supervisor, body: { day: 'yesterday' } })).status).toBe(400);
    expect((await inbox.api<any>('/api/classification-reviews', { token: agent })).status).toBe(403);
  });

  it('draws each day’s sample on its own once the day is over', async () => {
    const day = dayOf(0);
    await trafficOn(day, '2620', 3);
    expect((await sql.query(`SELECT 1 FROM classification_samples WHERE day = $1`, [day])).rows).toEqual([]);
    // Tomorrow, after the grace hour: the sampler finds today due.
    const tomorrow = new Date(Date.parse(`${formatCivilDate(addDays(civilDateOf(new Date(), ZONE), 1))}T02:00:00+11:00`));
    jest.spyOn(clock, 'now').mockReturnValue(tomorrow);
    await inbox.app.get(ClassificationSampler).tick();
    const { rows } = await sql.query(`SELECT population, sampled FROM classification_samples WHERE day = $1`, [day]);
    expect(rows).toEqual([{ population: 5, sampled: 3 }]);
  });

  it('an overturn makes the message a complaint with its clock from receipt, acknowledged, audited and kept for training', async () => {
    const day = dayOf(12);
    const phone = '+61412630000';
    const thanks = inboundMessage({ channel: 'sms', sender: { address: phone }, text: 'thanks a lot', receivedAt: noonOf(day) });
    await publish(thanks);
    await trafficOn(day, '2630', 1);
    const sample = await inbox.api<any>('/api/classification-reviews/samples', { token: supervisor, body: { day } });
    expect(sample.body.sampled).toBe(2);
    // Review every message of the day, so the one under test is certainly in the list.
    await sql.query(
      `INSERT INTO classification_reviews (message_id, day, model_kind)
       SELECT id, $1, classification->>'kind' FROM messages WHERE external_id = $2 ON CONFLICT (message_id) DO NOTHING`,
      [day, thanks.externalId],
    );
    const { rows: [message] } = await sql.query(`SELECT id, case_id, received_at FROM messages WHERE external_id = $1`, [thanks.externalId]);
    expect(message.case_id).toBeNull();
    const { rows: [review] } = await sql.query(`SELECT id FROM classification_reviews WHERE message_id = $1`, [message.id]);

    const noReason = await inbox.api<any>(`/api/classification-reviews/${review.id}/overturn`, { token: supervisor, body: { reason: ' ' } });
    expect(noReason.status).toBe(400);
    const overturned = await inbox.api<any>(`/api/classification-reviews/${review.id}/overturn`, {
      token: supervisor,
      body: { reason: 'Sarcasm: the customer is thanking us for a fee' },
    });
    expect(overturned.status).toBe(200);
    expect(overturned.body).toMatchObject({ status: 'overturned', decidedByName: 'Rita supervisor', reason: 'Sarcasm: the customer is thanking us for a fee' });
    expect(overturned.body.message.caseReference).toMatch(/^C-\d+$/);

    const { rows: [placed] } = await sql.query(
      `SELECT c.id, c.kind, c.received_at, c.acknowledge_by, c.respond_by, m.classification FROM messages m JOIN cases c ON c.id = m.case_id WHERE m.id = $1`,
      [message.id],
    );
    expect(placed.kind).toBe('complaint');
    expect(placed.classification).toMatchObject({ kind: 'complaint', source: 'agent' });
    // The clock runs from when the customer wrote, twelve days ago: the deadline is nearer than a fresh complaint's.
    expect(placed.received_at.toISOString()).toBe(message.received_at.toISOString());
    expect(placed.respond_by.getTime() - placed.received_at.getTime()).toBeLessThan(40 * DAY);
    expect(placed.respond_by.getTime()).toBeLessThan(Date.now() + 30 * DAY);
    const ack = await eventually(() => smsTo(phone).find((body) => body.includes(overturned.body.message.caseReference)));
    expect(ack).toBeTruthy();

    const { rows: audit } = await sql.query(`SELECT action, reason, actor_user_id IS NOT NULL AS by_someone FROM compliance_audit WHERE data->>'reviewId' = $1`, [review.id]);
    expect(audit).toEqual([{ action: 'classification.review.overturned', reason: 'Sarcasm: the customer is thanking us for a fee', by_someone: true }]);
    const { rows: labelled } = await sql.query(`SELECT text, kind FROM classification_corrections WHERE message_id = $1`, [message.id]);
    expect(labelled).toEqual([{ text: 'thanks a lot', kind: 'complaint' }]);

    const twice = await inbox.api<any>(`/api/classification-reviews/${review.id}/overturn`, { token: supervisor, body: { reason: 'again' } });
    expect(twice.status).toBe(409);
  });

  it('an upheld decision changes nothing but is kept as a confirmed label; the rates reach the dashboard API', async () => {
    const day = dayOf(14);
    await trafficOn(day, '2640', 2);
    await inbox.api<any>('/api/classification-reviews/samples', { token: supervisor, body: { day } });
    const list = await inbox.api<any>(`/api/classification-reviews?day=${day}&status=pending`, { token: supervisor });
    const [first, second] = list.body.items;
    const upheld = await inbox.api<any>(`/api/classification-reviews/${first.id}/uphold`, { token: supervisor, body: {} });
    expect(upheld.status).toBe(200);
    expect(upheld.body).toMatchObject({ status: 'upheld', modelKind: first.modelKind });
    const { rows: labelled } = await sql.query(`SELECT kind FROM classification_corrections WHERE message_id = $1`, [first.message.id]);
    expect(labelled).toEqual([{ kind: first.modelKind }]);
    expect((await inbox.api<any>(`/api/classification-reviews/${second.id}/overturn`, { token: supervisor, body: { reason: 'A complaint about fees', kind: second.modelKind } })).status).toBe(400);
    expect((await inbox.api<any>(`/api/classification-reviews/${second.id}/overturn`, { token: supervisor, body: { reason: 'A complaint about fees' } })).status).toBe(200);

    const stats = await inbox.api<any>('/api/classification-reviews/stats?days=30', { token: supervisor });
    expect(stats.status).toBe(200);
    const ofDay = stats.body.days.find((d: any) => d.day === day);
    expect(ofDay).toEqual({ day, population: 4, sampled: 2, reviewed: 2, overturned: 1 });
    expect(stats.body.settings).toEqual({ share: 0.5, minPerDay: 2 });
    const t = stats.body.totals;
    expect(t.samplingRate).toBeCloseTo(t.sampled / t.population, 10);
    expect(t.overturnRate).toBeCloseTo(t.overturned / t.reviewed, 10);
    expect(t.reviewed).toBeGreaterThanOrEqual(3);
    expect(t.overturned).toBeGreaterThanOrEqual(2);
    expect((await inbox.api<any>('/api/classification-reviews/stats?days=0', { token: supervisor })).status).toBe(400);
  });
});

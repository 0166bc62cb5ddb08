import type { Client } from 'pg';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { TwilioWebhooks, twilioEnv } from '../support/builders';
import { eventually } from '../support/eventually';

const ACCOUNT = { accountSid: 'AC00000000000000000000000000000025', authToken: 'twilio-detection-auth-token', publicUrl: 'https://inbox.example.test', number: '+61255550025' };

/**
 * Issue 25 end to end on SMS (signed Twilio webhooks, the Twilio stand-in receiving what the inbox sends):
 * the messages the first trained model missed are complaints, each with a case on the RG 271 clock and an
 * acknowledgement on the customer's channel; a complaint made against the model's lean asks the agent to
 * check it until an agent has; bare acknowledgements stay noise and get no case and no SMS.
 */
describe('complaint detection through a channel', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let admin: string;
  const webhooks = new TwilioWebhooks(() => inbox.url, ACCOUNT);
  const smsIn = (from: string, body: string) => webhooks.sms(from, body);

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    ({ inbox, token: admin, sql } = await startInboxSession({ env: twilioEnv(ACCOUNT, twilio.baseUrl) }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await twilio?.close();
  });

  const smsTo = (to: string) => twilio.requests.filter((r) => r.path.endsWith('/Messages.json') && r.form.To === to).map((r) => r.form.Body);

  /** The stored message of an SMS, with its case (if any). */
  async function stored(messageSid: string) {
    return eventually(async () => {
      const { rows } = await sql.query(
        `SELECT m.id, m.case_id, m.classification, c.kind AS case_kind, c.reference, c.respond_by, c.classification_check
           FROM messages m LEFT JOIN cases c ON c.id = m.case_id WHERE m.external_id = $1`,
        [messageSid],
      );
      return rows[0];
    });
  }

  const issueMessages = [
    'I lost my job and I am in hardship, you keep charging me',
    'I am unhappy with the new fees',
    'This bank ripped off my friend',
    'thanks for nothing',
    'спасибо за ваш сервис, теперь я без денег',
    'я в тяжёлом положении, потерял работу, а вы списываете платежи',
  ];

  it.each(issueMessages.map((text, i) => [text, `+6141225${String(i).padStart(4, '0')}`]))(
    '"%s" opens a complaint on the RG 271 clock and is acknowledged by SMS',
    async (text, phone) => {
      const message = await stored(await smsIn(phone, text));
      expect(message.case_id).not.toBeNull();
      expect(message.classification.kind).toBe('complaint');
      expect(message.case_kind).toBe('complaint');
      expect(message.respond_by).not.toBeNull();
      const ack = await eventually(() => smsTo(phone).find((body) => body.includes(message.reference)));
      expect(ack).toMatch(/reply STATUS here|СТАТУС/);
      // The case asks for a check exactly when the message was a complaint against the model's lean.
      expect(message.classification_check).toBe(Boolean(message.classification.doubt));
    },
  );

  it('asks the agent to check a doubtful complaint, in the API and on the message, until an agent confirms it', async () => {
    const phone = '+61412259901';
    // The model reads a question here; the hardship in it makes it a complaint for the agent to check.
    const message = await stored(await smsIn(phone, 'I was made redundant last week. Can I pause my home loan repayments?'));
    expect(message.classification.kind).toBe('complaint');
    expect(message.classification.doubt).toEqual({ modelKind: 'enquiry', reasons: ['model_leaned_enquiry', 'vulnerability'] });
    expect(await eventually(() => smsTo(phone).find((body) => body.includes(message.reference)))).toBeTruthy();
    const detail = await inbox.api<any>(`/api/cases/${message.case_id}`, { token: admin });
    expect(detail.body.classificationCheck).toBe(true);
    expect(detail.body.messages.find((m: any) => m.id === message.id).classification.doubt.reasons).toContain('vulnerability');
    const list = await inbox.api<any>(`/api/cases?customerId=${detail.body.customer.id}`, { token: admin });
    expect(list.body.items[0].classificationCheck).toBe(true);

    const confirmed = await inbox.api<any>(`/api/messages/${message.id}/classification`, { method: 'PATCH', token: admin, body: { kind: 'complaint' } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.classification).toMatchObject({ kind: 'complaint', source: 'agent' });
    expect(confirmed.body.classification.doubt).toBeUndefined();
    const after = await inbox.api<any>(`/api/cases/${message.case_id}`, { token: admin });
    expect(after.body.classificationCheck).toBe(false);
    const { rows } = await sql.query(`SELECT kind FROM classification_corrections WHERE message_id = $1`, [message.id]);
    expect(rows).toEqual([{ kind: 'complaint' }]);
  });

  it('keeps bare acknowledgements and probes as noise: no case, no SMS', async () => {
    const noisy = [['+61412259910', 'thanks'], ['+61412259911', 'message 1'], ['+61412259912', 'ok']];
    const sids = [];
    for (const [phone, text] of noisy) sids.push(await smsIn(phone, text));
    for (const s of sids) {
      const message = await stored(s);
      expect(message.case_id).toBeNull();
      expect(message.classification.kind).toBe('noise');
    }
    // A complaint sent after them is acknowledged: anything due to the noisy senders would have gone first.
    const sentinel = '+61412259919';
    await stored(await smsIn(sentinel, 'You charged my card twice, please refund it'));
    await eventually(() => smsTo(sentinel).length > 0);
    for (const [phone] of noisy) expect(smsTo(phone)).toEqual([]);
  });
});

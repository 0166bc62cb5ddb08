import type { Client } from 'pg';
import { startTelegramStandIn, type TelegramStandIn } from '../support/telegram-stand-in';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

const SECRET = 'telegram-webhook-secret_0123';
const PUBLIC_URL = 'https://inbox.example.test';

let updateCounter = 100;
let messageCounter = 1;

/** A Bot API update as Telegram sends it, from a private chat whose id is the user's id. */
function messageUpdate(userId: number, content: Record<string, unknown>, options: { edited?: boolean; messageId?: number } = {}) {
  const message = {
    message_id: options.messageId ?? ++messageCounter,
    from: { id: userId, is_bot: false, first_name: 'Olga', last_name: 'Ivanova', language_code: 'ru' },
    chat: { id: userId, first_name: 'Olga', last_name: 'Ivanova', type: 'private' },
    date: Math.floor(Date.now() / 1000),
    ...(options.edited ? { edit_date: Math.floor(Date.now() / 1000) } : {}),
    ...content,
  };
  // Typed as a new message for the tests' convenience; an edit carries the same fields under edited_message.
  return { update_id: ++updateCounter, [options.edited ? 'edited_message' : 'message']: message } as { update_id: number; message: typeof message };
}

async function waitUntil(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Telegram end to end: webhook updates with the secret header in, the real telegraf client out to a local Bot API stand-in. */
describe('Telegram channel (webhook mode)', () => {
  let telegram: TelegramStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let token: string;

  beforeAll(async () => {
    telegram = await startTelegramStandIn();
    ({ inbox, token, sql } = await startInboxSession({
      env: { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_WEBHOOK_SECRET: SECRET, TELEGRAM_API_ROOT: telegram.apiRoot, PUBLIC_URL },
    }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await telegram?.close();
  });

  async function post(update: unknown, secret: string | null = SECRET) {
    const res = await fetch(`${inbox.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(update),
    });
    return { status: res.status, text: await res.text() };
  }

  async function messagesFrom(userId: number) {
    const { rows } = await sql.query(
      `SELECT id, case_id, channel, direction, text, thread, attachments, raw, external_id, delivery_status, delivery_error FROM messages
        WHERE customer_id = (SELECT customer_id FROM identities WHERE channel = 'telegram' AND address = $1) ORDER BY received_at, created_at`,
      [String(userId)],
    );
    return rows;
  }

  /**
   * Waits until the automatic acknowledgement of the customer's complaint (sent by the system on every
   * new complaint, also through sendMessage) has been tried, so what the test sets up next reaches the agent's reply.
   */
  async function acknowledged(userId: number) {
    await waitUntil(async () => (await messagesFrom(userId)).some((m) => m.direction === 'outbound' && m.delivery_status !== 'queued'));
  }

  it('sets the webhook to PUBLIC_URL with the secret at start', async () => {
    const call = await telegram.waitForCall('setWebhook');
    expect(call.params).toMatchObject({ url: `${PUBLIC_URL}/webhooks/telegram`, secret_token: SECRET });
  });

  it('turns a text message into a case the agent sees live', async () => {
    const agent = await inbox.agentSocket(token);
    const update = messageUpdate(5001, { text: 'Банк дважды списал оплату за подписку' });
    expect((await post(update)).status).toBe(200);
    const [stored] = await messagesFrom(5001);
    expect(stored).toMatchObject({ channel: 'telegram', direction: 'inbound', text: 'Банк дважды списал оплату за подписку', external_id: `5001:${update.message.message_id}` });
    const event = await agent.waitFor((e) => e.type === 'case.created' && e.message?.text === stored.text);
    expect(event.case.channel).toBe('telegram');
    expect(event.case.customerName).toBe('Olga Ivanova');
    agent.socket.close();
  });

  it('refuses a missing or wrong secret token with 403 and stores nothing', async () => {
    const update = messageUpdate(5002, { text: 'forged' });
    expect((await post(update, null)).status).toBe(403);
    expect((await post(update, 'wrong-secret')).status).toBe(403);
    expect((await post(update, `${SECRET}x`)).status).toBe(403);
    expect(await messagesFrom(5002)).toEqual([]);
  });

  it('stores a redelivered update once, and refuses a body that is no update', async () => {
    const update = messageUpdate(5003, { text: 'Where is my refund?' });
    for (let i = 0; i < 3; i++) expect((await post(update)).status).toBe(200);
    // Inbound only: a complaint's automatic acknowledgement follows on the same chat.
    expect((await messagesFrom(5003)).filter((m) => m.direction === 'inbound')).toHaveLength(1);
    const bad = await post({ message: { text: 'no update id' } });
    expect(bad.status).toBe(400);
  });

  it('updates an edited message in place and keeps what it said before', async () => {
    const agent = await inbox.agentSocket(token);
    const original = messageUpdate(5004, { text: 'I was charged $50' });
    await post(original);
    await agent.view((await agent.waitFor((e) => e.type === 'case.created' && e.message?.text === 'I was charged $50')).caseId);
    const edit = messageUpdate(5004, { text: 'I was charged $500' }, { edited: true, messageId: original.message.message_id });
    expect((await post(edit)).status).toBe(200);
    // The customer's messages only: the automatic acknowledgement of the complaint follows on the same chat.
    const messages = (await messagesFrom(5004)).filter((m) => m.direction === 'inbound');
    expect(messages).toHaveLength(1);
    expect(messages[0].text).toBe('I was charged $500');
    expect(messages[0].thread.previousTexts).toEqual(['I was charged $50']);
    await agent.waitFor((e) => e.type === 'message.updated' && e.message?.text === 'I was charged $500');
    agent.socket.close();
  });

  it('keeps photos, documents and voice notes as attachments with their file ids', async () => {
    await post(messageUpdate(5005, { caption: 'Screenshot of the error', photo: [{ file_id: 'AgAD-small', file_unique_id: 's1', width: 90, height: 60, file_size: 1200 }, { file_id: 'AgAD-big', file_unique_id: 's2', width: 1280, height: 853, file_size: 81234 }] }));
    await post(messageUpdate(5005, { voice: { file_id: 'AwAD-voice', file_unique_id: 'v1', duration: 14, mime_type: 'audio/ogg', file_size: 30211 } }));
    await post(messageUpdate(5005, { document: { file_id: 'BQAD-doc', file_unique_id: 'd1', file_name: 'statement.pdf', mime_type: 'application/pdf', file_size: 55000 } }));
    // The customer's messages only: the complaint's automatic acknowledgement may land in between.
    const [photo, voice, doc] = (await messagesFrom(5005)).filter((m) => m.direction === 'inbound');
    expect(photo.text).toBe('Screenshot of the error');
    expect(photo.attachments).toEqual([{ providerFileId: 'AgAD-big', contentType: 'image/jpeg', sizeBytes: 81234 }]);
    expect(voice.attachments).toEqual([{ providerFileId: 'AwAD-voice', contentType: 'audio/ogg', durationSeconds: 14, sizeBytes: 30211 }]);
    expect(doc.attachments).toEqual([{ providerFileId: 'BQAD-doc', contentType: 'application/pdf', fileName: 'statement.pdf', sizeBytes: 55000 }]);
    expect(new Set([photo.case_id, voice.case_id, doc.case_id]).size).toBe(1);
  });

  it('keeps unsupported messages and updates with their raw payload; one nobody sent goes to the dead letters', async () => {
    const location = messageUpdate(5006, { location: { latitude: -33.86, longitude: 151.2 } });
    expect((await post(location)).status).toBe(200);
    const callback = { update_id: ++updateCounter, callback_query: { id: '77', from: { id: 5006, is_bot: false, first_name: 'Olga' }, chat_instance: '1', data: 'rate:5' } };
    expect((await post(callback)).status).toBe(200);
    const [loc, cb] = (await messagesFrom(5006)).filter((m) => m.direction === 'inbound');
    expect(loc).toMatchObject({ text: '[Unsupported Telegram message: location]', raw: location });
    expect(cb).toMatchObject({ text: '[Unsupported Telegram update: callback_query]', raw: callback });

    const poll = { update_id: ++updateCounter, poll: { id: 'p1', question: 'Rate us', options: [], total_voter_count: 3 } };
    expect((await post(poll)).status).toBe(200);
    const { rows } = await sql.query(`SELECT topic, payload, error FROM dead_letters WHERE topic = 'telegram.updates'`);
    expect(rows).toEqual([expect.objectContaining({ payload: poll, error: expect.stringMatching(/poll/) })]);
  });

  it('answers /start with the greeting, without opening a case', async () => {
    telegram.knowChat(5007);
    const start = messageUpdate(5007, { text: '/start', entities: [{ type: 'bot_command', offset: 0, length: 6 }] });
    expect((await post(start)).status).toBe(200);
    const greeting = await telegram.waitForCall('sendMessage', (r) => String(r.params.chat_id) === '5007');
    expect(greeting.params.text).toMatch(/reference number/);
    expect(greeting.params.reply_parameters).toMatchObject({ message_id: start.message.message_id });
    expect(await messagesFrom(5007)).toEqual([]);
  });

  it('sends the agent’s reply with sendMessage, replying to the customer’s last message', async () => {
    telegram.knowChat(5008);
    await post(messageUpdate(5008, { text: 'My card is blocked' }));
    const last = messageUpdate(5008, { text: 'Please help, I am abroad' });
    await post(last);
    const [first] = await messagesFrom(5008);
    const reply = await inbox.api<any>(`/api/cases/${first.case_id}/replies`, { token, body: { text: 'We have unblocked it — please try again.' } });
    expect(reply.status).toBe(201);
    // By its text: the automatic acknowledgement of the complaint goes to the same chat.
    const call = await telegram.waitForCall('sendMessage', (r) => r.params.chat_id === '5008' && r.params.text === 'We have unblocked it — please try again.');
    expect(call.token).toBe(telegram.token);
    expect(call.params).toMatchObject({ text: 'We have unblocked it — please try again.', reply_parameters: { message_id: last.message.message_id } });
    await waitUntil(async () => (await messagesFrom(5008)).some((m) => m.id === reply.body.id && m.delivery_status === 'sent'));
    const outbound = (await messagesFrom(5008)).find((m) => m.id === reply.body.id);
    expect(outbound.external_id).toMatch(/^5008:\d+$/);
  });

  it('shows the agent that the customer blocked the bot', async () => {
    telegram.knowChat(5009);
    // A clear complaint: the trained classifier reads "Never mind" as noise, which opens no case to reply on.
    await post(messageUpdate(5009, { text: 'You charged me twice for the same transfer and nobody helps' }));
    telegram.block(5009);
    const agent = await inbox.agentSocket(token);
    const [first] = await messagesFrom(5009);
    await agent.view(first.case_id);
    const reply = await inbox.api<any>(`/api/cases/${first.case_id}/replies`, { token, body: { text: 'Sorry to hear that' } });
    const failed = await agent.waitFor((e) => e.type === 'message.updated' && e.message?.id === reply.body.id && e.message?.deliveryStatus === 'failed');
    expect(failed.message?.deliveryError).toMatch(/blocked the bot/);
    const detail = await inbox.api<any>(`/api/cases/${first.case_id}`, { token });
    expect(detail.body.messages.find((m: { id: string }) => m.id === reply.body.id)).toMatchObject({ deliveryStatus: 'failed', deliveryError: expect.stringMatching(/blocked/) });
    agent.socket.close();
  });

  it('records "chat not found" on the message', async () => {
    // The stand-in never saw this chat start the bot. A clear complaint: "Hello?" is noise and opens no case.
    await post(messageUpdate(5010, { text: 'My refund has not arrived after three weeks, this is unacceptable' }));
    const [first] = await messagesFrom(5010);
    const reply = await inbox.api<any>(`/api/cases/${first.case_id}/replies`, { token, body: { text: 'Hi!' } });
    await waitUntil(async () => (await sql.query(`SELECT delivery_status FROM messages WHERE id = $1`, [reply.body.id])).rows[0].delivery_status === 'failed');
    const { rows } = await sql.query(`SELECT delivery_error FROM messages WHERE id = $1`, [reply.body.id]);
    expect(rows[0].delivery_error).toMatch(/chat not found/);
  });

  it('waits the retry_after Telegram names on 429, showing the wait to the agent, then sends', async () => {
    telegram.knowChat(5011);
    // A clear complaint ("Any news?" opens no case); its acknowledgement is out before the 429 is set up for the reply.
    await post(messageUpdate(5011, { text: 'The app keeps declining my card, I am furious' }));
    await acknowledged(5011);
    const [first] = await messagesFrom(5011);
    const agent = await inbox.agentSocket(token);
    await agent.view(first.case_id);
    telegram.failNext(1, { method: 'sendMessage', code: 429, description: 'Too Many Requests: retry after 1', retryAfter: 1 });
    const reply = await inbox.api<any>(`/api/cases/${first.case_id}/replies`, { token, body: { text: 'Yes — it is fixed.' } });
    const waiting = await agent.waitFor((e) => e.type === 'message.updated' && e.message?.id === reply.body.id && /429/.test(e.message?.deliveryError ?? ''));
    expect(waiting.message).toMatchObject({ deliveryStatus: 'queued', deliveryError: expect.stringMatching(/retrying in 1 s/) });
    await agent.waitFor((e) => e.type === 'message.updated' && e.message?.id === reply.body.id && e.message?.deliveryStatus === 'sent');
    const attempts = telegram.calls('sendMessage').filter((r) => r.params.chat_id === '5011' && r.params.text === 'Yes — it is fixed.');
    expect(attempts).toHaveLength(2);
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(950);
    agent.socket.close();
  });
});

describe('Telegram channel (long polling)', () => {
  let telegram: TelegramStandIn;
  let inbox: TestInbox;
  let sql: Client;

  beforeAll(async () => {
    telegram = await startTelegramStandIn();
    // No webhook secret: the laptop default, long polling.
    ({ inbox, sql } = await startInboxSession({ env: { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot, TELEGRAM_POLL_TIMEOUT_SECONDS: '2' } }, { signIn: false }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await telegram?.close();
  });

  it('receives updates through getUpdates, confirming each only after it is stored', async () => {
    await telegram.waitForCall('deleteWebhook');
    const token = await inbox.login();
    const agent = await inbox.agentSocket(token);
    // A clear complaint: "Polling works?" reads as noise, which opens no case.
    const first = telegram.queueUpdate(messageUpdate(6001, { text: 'You blocked my card without warning, fix it now' }));
    const event = await agent.waitFor((e) => e.type === 'case.created' && e.message?.text === 'You blocked my card without warning, fix it now');
    expect(event.case.channel).toBe('telegram');
    // The next poll asks from past the update: that is what confirms it to Telegram.
    await telegram.waitForCall('getUpdates', (r) => Number(r.params.offset) === first + 1);
    telegram.queueUpdate(messageUpdate(6001, { text: 'And a second one' }));
    await agent.waitFor((e) => e.type === 'message.created' && e.message?.text === 'And a second one');
    // Received ones only: the complaint's automatic acknowledgement is stored too.
    const { rows } = await sql.query(`SELECT text FROM messages WHERE channel = 'telegram' AND direction = 'inbound' ORDER BY received_at, created_at`);
    expect(rows.map((r) => r.text)).toEqual(['You blocked my card without warning, fix it now', 'And a second one']);
    expect(telegram.calls('setWebhook')).toEqual([]);
    agent.socket.close();
  });
});

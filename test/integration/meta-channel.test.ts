import type { Client } from 'pg';
import type { CaseEvent } from '@inbox/contracts';
import { signMetaWebhook, startGraphApiStandIn, type GraphApiStandIn } from '../support/graph-api-stand-in';
import { signTwilioWebhook } from '../support/twilio-stand-in';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

const APP_SECRET = 'meta-test-app-secret-0123456789';
const VERIFY_TOKEN = 'verify-token-chosen-by-us';
const PAGE_TOKEN = 'EAAPageAccessTokenForTests';
const WA_TOKEN = 'EAAWhatsAppSystemUserToken';
const TEMPLATE = 'complaint_update';
const PAGE_ID = '104000000000001';
const IG_ACCOUNT = '17841400000000001';
const WABA_ID = '102290129340398';
const WA_PHONE_ID = '106540352242922';
const WA_DISPLAY = '61255550199';
const TWILIO_TOKEN = 'twilio-test-auth-token';
const PUBLIC_URL = 'https://inbox.example.test';

type Row = Record<string, any>;

/** Messenger, Instagram, WhatsApp and page comments end to end: webhooks signed as Meta signs them, replies to a local Graph API stand-in. */
describe('Meta channels', () => {
  let graph: GraphApiStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let token: string;
  let seq = 0;
  const id = (prefix: string) => `${prefix}${Date.now()}${++seq}`;
  const nowSeconds = () => String(Math.floor(Date.now() / 1000));

  beforeAll(async () => {
    graph = await startGraphApiStandIn({ accessTokens: [PAGE_TOKEN, WA_TOKEN] });
    ({ inbox, token, sql } = await startInboxSession({
      env: {
        META_APP_SECRET: APP_SECRET,
        META_VERIFY_TOKEN: VERIFY_TOKEN,
        META_PAGE_ACCESS_TOKEN: PAGE_TOKEN,
        META_GRAPH_API_BASE: graph.baseUrl,
        WHATSAPP_ACCESS_TOKEN: WA_TOKEN,
        WHATSAPP_REENGAGE_TEMPLATE: TEMPLATE,
        WHATSAPP_REENGAGE_TEMPLATE_LANGUAGE: 'en_US',
        TWILIO_ACCOUNT_SID: 'AC00000000000000000000000000000001',
        TWILIO_AUTH_TOKEN: TWILIO_TOKEN,
        PUBLIC_URL,
      },
    }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
    await graph?.close();
  });

  /** POSTs the exact bytes, signed the way Meta signs them unless told otherwise. */
  async function webhook(body: unknown, options: { raw?: string; signature?: string | null } = {}) {
    const raw = options.raw ?? JSON.stringify(body);
    const signature = options.signature === undefined ? signMetaWebhook(APP_SECRET, raw) : options.signature;
    const res = await fetch(`${inbox.url}/webhooks/meta`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(signature ? { 'x-hub-signature-256': signature } : {}) },
      body: raw,
    });
    return { status: res.status, text: await res.text() };
  }

  const messengerEvent = (psid: string, text: string, mid = id('m_')) => ({
    sender: { id: psid },
    recipient: { id: PAGE_ID },
    timestamp: Date.now(),
    message: { mid, text },
  });
  const feedComment = (fromId: string, name: string, text: string, commentId = `${PAGE_ID}_${id('')}`) => ({
    field: 'feed',
    value: {
      from: { id: fromId, name },
      post: { status_type: 'added_photos', is_published: true, updated_time: new Date().toISOString(), permalink_url: 'https://www.facebook.com/x', promotion_status: 'inactive', id: `${PAGE_ID}_900` },
      message: text,
      post_id: `${PAGE_ID}_900`,
      comment_id: commentId,
      created_time: Math.floor(Date.now() / 1000),
      item: 'comment',
      parent_id: `${PAGE_ID}_900`,
      verb: 'add',
    },
  });
  const igComment = (igsid: string, username: string, text: string, commentId = id('1790')) => ({
    field: 'comments',
    value: { from: { id: igsid, username }, media: { id: '17900000000000777', media_product_type: 'FEED' }, id: commentId, text },
  });
  const waMessage = (from: string, extra: Row, wamid = `wamid.${id('HBgL')}`): Row => ({ from, id: wamid, timestamp: nowSeconds(), ...extra });
  const waPayload = (value: Row, moreEntries: Row[] = []) => ({
    object: 'whatsapp_business_account',
    entry: [
      { id: WABA_ID, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: WA_DISPLAY, phone_number_id: WA_PHONE_ID }, ...value } }] },
      ...moreEntries,
    ],
  });

  async function stored(channel: string, externalId: string): Promise<Row | undefined> {
    const { rows } = await sql.query(
      `SELECT m.*, c.reference, c.channel AS case_channel FROM messages m LEFT JOIN cases c ON c.id = m.case_id WHERE m.channel = $1 AND m.external_id = $2`,
      [channel, externalId],
    );
    return rows[0];
  }
  // Inbound only: every complaint is now followed by an automatic acknowledgement, landing at its own pace.
  const count = async () => Number((await sql.query(`SELECT count(*) AS n FROM messages WHERE direction = 'inbound'`)).rows[0].n);

  async function reply(caseId: string, body: Row) {
    return inbox.api<any>(`/api/cases/${caseId}/replies`, { token, body });
  }

  /** Waits until the outbound message leaves `queued` (sent or failed), then returns its row. */
  async function settled(messageId: string): Promise<Row> {
    const until = Date.now() + 10_000;
    for (;;) {
      const { rows } = await sql.query(`SELECT * FROM messages WHERE id = $1`, [messageId]);
      if (rows[0] && rows[0].delivery_status !== 'queued') return rows[0];
      if (Date.now() > until) throw new Error(`message ${messageId} is still queued`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /**
   * Waits until the case's automatic acknowledgement (sent by the system on every new complaint)
   * has gone to the Graph API stand-in, so the requests that follow are the agent's.
   */
  async function acknowledged(caseId: string): Promise<Row> {
    const until = Date.now() + 10_000;
    for (;;) {
      const { rows } = await sql.query(
        `SELECT m.* FROM case_compliance cc JOIN messages m ON m.id = cc.acknowledgement_message_id WHERE cc.case_id = $1`,
        [caseId],
      );
      if (rows[0]) return settled(rows[0].id);
      if (Date.now() > until) throw new Error(`case ${caseId} was never acknowledged`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  describe('verification handshake', () => {
    it('echoes hub.challenge as text for our verify token', async () => {
      const res = await fetch(`${inbox.url}/webhooks/meta?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      expect(await res.text()).toBe('1158201444');
    });

    it('answers 403 to a wrong token, a wrong mode or no challenge', async () => {
      for (const query of [
        `hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`,
        `hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`,
        `hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}`,
        ``,
      ]) {
        const res = await fetch(`${inbox.url}/webhooks/meta?${query}`);
        expect(res.status).toBe(403);
      }
    });
  });

  describe('signature', () => {
    it('refuses a missing, malformed, wrongly keyed or tampered signature with 403 and stores nothing', async () => {
      const body = { object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging: [messengerEvent('7000000000000001', 'forged')] }] };
      const raw = JSON.stringify(body);
      const before = await count();
      expect((await webhook(body, { signature: null })).status).toBe(403);
      expect((await webhook(body, { signature: 'sha1=abc' })).status).toBe(403);
      expect((await webhook(body, { signature: signMetaWebhook('another-app-secret', raw) })).status).toBe(403);
      const tampered = raw.replace('forged', 'FORGED');
      expect((await webhook(body, { raw: tampered, signature: signMetaWebhook(APP_SECRET, raw) })).status).toBe(403);
      expect(await count()).toBe(before);
    });

    it('checks the bytes as sent: escaped unicode signed by Meta is accepted and stored decoded', async () => {
      const mid = id('m_');
      // Meta escapes non-ASCII in its JSON; re-serialising would produce different bytes and a different HMAC.
      const raw = `{"object":"page","entry":[{"id":"${PAGE_ID}","time":${Date.now()},"messaging":[{"sender":{"id":"7000000000000002"},"recipient":{"id":"${PAGE_ID}"},"timestamp":${Date.now()},"message":{"mid":"${mid}","text":"caf\\u00e9 \\ud83d\\ude21 \\u0434\\u0435\\u043d\\u044c\\u0433\\u0438"}}]}]}`;
      const res = await webhook(undefined, { raw });
      expect(res.status).toBe(200);
      expect((await stored('messenger', mid))?.text).toBe('café 😡 деньги');
    });
  });

  it('handles every entry and message of batched payloads once, and a redelivery stores nothing new', async () => {
    const agent = await inbox.agentSocket(token);
    const m1 = messengerEvent('7000000000000010', 'My transfer vanished');
    const m2 = messengerEvent('7000000000000011', 'Card blocked abroad');
    const echo = { sender: { id: PAGE_ID }, recipient: { id: '7000000000000010' }, timestamp: Date.now(), message: { mid: id('m_'), text: 'our own reply', is_echo: true, app_id: 1 } };
    const m3 = messengerEvent('7000000000000012', 'Second entry of the same delivery');
    const comment = feedComment('5000000000000010', 'Pat Doe', 'Terrible service, three hours on hold');
    const like = { field: 'feed', value: { item: 'reaction', verb: 'add', reaction_type: 'like', from: { id: '5000000000000011' }, post_id: `${PAGE_ID}_900`, created_time: 1 } };
    const page = {
      object: 'page',
      entry: [
        { id: PAGE_ID, time: Date.now(), messaging: [m1, echo, m2] },
        { id: PAGE_ID, time: Date.now(), changes: [comment, like] },
        { id: PAGE_ID, time: Date.now(), messaging: [m3] },
      ],
    };
    const igDm = { sender: { id: '6000000000000010' }, recipient: { id: IG_ACCOUNT }, timestamp: Date.now(), message: { mid: id('aWdfZAG1'), text: 'Where is my refund?' } };
    const igC = igComment('6000000000000011', 'angry.customer', 'Still waiting for my refund @bank');
    const instagram = { object: 'instagram', entry: [{ id: IG_ACCOUNT, time: Date.now(), messaging: [igDm] }, { id: IG_ACCOUNT, time: Date.now(), changes: [igC] }] };
    const text = waMessage('61412000010', { type: 'text', text: { body: 'Fees charged twice' } });
    const image = waMessage('61412000011', { type: 'image', image: { id: '1479537139650973', mime_type: 'image/jpeg', sha256: 'x', caption: 'See the statement' } });
    const second = waMessage('61412000012', { type: 'text', text: { body: 'From the second entry' } });
    const whatsapp = waPayload(
      { contacts: [{ profile: { name: 'Kim' }, wa_id: '61412000010' }, { profile: { name: 'Lee' }, wa_id: '61412000011' }], messages: [text, image] },
      [{ id: WABA_ID, changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { display_phone_number: WA_DISPLAY, phone_number_id: WA_PHONE_ID }, messages: [second] } }] }],
    );

    const before = await count();
    for (const payload of [page, instagram, whatsapp]) {
      const res = await webhook(payload);
      expect(res.status).toBe(200);
      expect(res.text).toBe('EVENT_RECEIVED');
    }
    expect(await count()).toBe(before + 9);
    expect(await stored('messenger', m1.message.mid)).toMatchObject({ text: 'My transfer vanished', account: PAGE_ID, sender_address: '7000000000000010', direction: 'inbound' });
    expect(await stored('messenger', m3.message.mid)).toBeDefined();
    expect(await stored('messenger', echo.message.mid)).toBeUndefined();
    expect(await stored('facebook', comment.value.comment_id)).toMatchObject({ text: 'Terrible service, three hours on hold', case_channel: 'facebook', thread: expect.objectContaining({ visibility: 'public' }) });
    expect(await stored('instagram', igDm.message.mid)).toMatchObject({ thread: expect.objectContaining({ visibility: 'private' }) });
    expect(await stored('instagram', igC.value.id)).toMatchObject({ text: igC.value.text, thread: expect.objectContaining({ visibility: 'public' }) });
    expect(await stored('whatsapp', text.id)).toMatchObject({ sender_address: '+61412000010', account: WA_PHONE_ID, text: 'Fees charged twice' });
    expect(await stored('whatsapp', image.id)).toMatchObject({
      text: 'See the statement',
      attachments: [{ providerFileId: '1479537139650973', contentType: 'image/jpeg' }],
    });
    expect(await stored('whatsapp', second.id)).toBeDefined();
    const { rows: kim } = await sql.query(`SELECT c.display_name FROM identities i JOIN customers c ON c.id = i.customer_id WHERE i.address = '+61412000010'`);
    expect(kim[0].display_name).toBe('Kim');

    // Live in the agent queue.
    const live = await agent.waitFor((e: CaseEvent) => e.type === 'case.created' && e.message?.text === 'Terrible service, three hours on hold');
    expect(live.case.channel).toBe('facebook');
    expect(live.message?.visibility).toBe('public');
    agent.socket.close();

    // Meta redelivers when it is unsure: nothing new.
    for (const payload of [page, instagram, whatsapp]) expect((await webhook(payload)).status).toBe(200);
    expect(await count()).toBe(before + 9);
  });

  it('takes a batch larger than the usual 100 kB JSON limit, with its signature checked on the raw bytes', async () => {
    const messages = Array.from({ length: 10 }, (_, i) => waMessage(`6141200011${i}`, { type: 'text', text: { body: `${i}: ${'Долго ждал ответа. '.repeat(800)}` } }));
    const body = waPayload({ messages });
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(150_000);
    expect((await webhook(body)).status).toBe(200);
    for (const message of messages) expect((await stored('whatsapp', message.id))?.text).toBe(message.text.body);
  });

  it('makes a WhatsApp sender the same customer and case as that number’s SMS', async () => {
    const params = { MessageSid: `SM${'7'.repeat(32)}`, AccountSid: 'AC00000000000000000000000000000001', From: '+61412000020', To: '+61255550100', Body: 'You charged me a fee twice and nobody fixed it', NumMedia: '0' };
    const signature = signTwilioWebhook(TWILIO_TOKEN, `${PUBLIC_URL}/webhooks/twilio/sms`, params);
    const sms = await fetch(`${inbox.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    });
    expect(sms.status).toBe(200);
    const wa = waMessage('61412000020', { type: 'text', text: { body: 'Still no refund of the double fee, this is unacceptable' } });
    expect((await webhook(waPayload({ contacts: [{ profile: { name: 'Sam' }, wa_id: '61412000020' }], messages: [wa] }))).status).toBe(200);
    const bySms = await stored('sms', params.MessageSid);
    const byWhatsApp = await stored('whatsapp', wa.id);
    // Complaint-like texts: the trained classifier sends noise to no case at all, and two nulls would compare equal.
    expect(bySms!.case_id).toEqual(expect.any(String));
    expect(byWhatsApp!.customer_id).toBe(bySms!.customer_id);
    expect(byWhatsApp!.case_id).toBe(bySms!.case_id);
    // A template means nothing on SMS: refused, never sent as "[template …]".
    const onSms = await settled((await reply(bySms!.case_id, { template: TEMPLATE, channel: 'sms' })).body.id);
    expect(onSms).toMatchObject({ delivery_status: 'failed', delivery_error: expect.stringContaining('the sms channel has no message templates') });
  });

  it('keeps messages of unknown types as "unsupported" with their raw payload, never dropping them', async () => {
    const unsupported = waMessage('61412000030', { type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown', message: 'Message type unknown', error_data: { details: 'Message type is currently not supported.' } }] });
    const order = waMessage('61412000030', { type: 'order', order: { catalog_id: '1', product_items: [{ product_retailer_id: 'x', quantity: 1 }] } });
    const reaction = waMessage('61412000030', { type: 'reaction', reaction: { message_id: 'wamid.x', emoji: '👎' } });
    expect((await webhook(waPayload({ messages: [unsupported, order, reaction] }))).status).toBe(200);
    expect(await stored('whatsapp', unsupported.id)).toMatchObject({
      text: '[unsupported whatsapp message: unsupported]',
      raw: expect.objectContaining({ message: expect.objectContaining({ errors: unsupported.errors }) }),
    });
    expect(await stored('whatsapp', order.id)).toMatchObject({ text: '[unsupported whatsapp message: order]' });
    expect(await stored('whatsapp', reaction.id)).toBeUndefined();

    const mid = id('m_');
    const odd = { object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging: [{ sender: { id: '7000000000000030' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), message: { mid, is_unsupported: true } }] }] };
    expect((await webhook(odd)).status).toBe(200);
    expect(await stored('messenger', mid)).toMatchObject({ text: '[unsupported messenger message: unsupported by Meta]', raw: expect.objectContaining({ message: { mid, is_unsupported: true } }) });
  });

  it('reads WhatsApp locations and interactive replies as text', async () => {
    const location = waMessage('61412000040', { type: 'location', location: { latitude: -33.8688, longitude: 151.2093, name: 'Branch', address: '1 George St, Sydney' } });
    const button = waMessage('61412000040', { type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'yes', title: 'Yes, call me' } } });
    const list = waMessage('61412000040', { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'card', title: 'Card', description: 'Credit or debit card' } } });
    expect((await webhook(waPayload({ messages: [location, button, list] }))).status).toBe(200);
    expect(await stored('whatsapp', location.id)).toMatchObject({ text: 'Location: Branch, 1 George St, Sydney (-33.8688, 151.2093)', attachments: [{ url: 'geo:-33.8688,151.2093' }] });
    expect((await stored('whatsapp', button.id))?.text).toBe('Yes, call me');
    expect((await stored('whatsapp', list.id))?.text).toBe('Card — Credit or debit card');
  });

  it('sends a WhatsApp reply through the Cloud API and follows its statuses, never backwards', async () => {
    const inbound = waMessage('61412000050', { type: 'text', text: { body: 'Why was I charged?' } });
    await webhook(waPayload({ messages: [inbound] }));
    const caseId = (await stored('whatsapp', inbound.id))!.case_id;
    expect(await acknowledged(caseId)).toMatchObject({ delivery_status: 'accepted' });
    const before = graph.requests.length;
    const res = await reply(caseId, { text: 'We are refunding it today.' });
    expect(res.status).toBe(201);
    const sent = await settled(res.body.id);
    expect(sent.delivery_status).toBe('accepted');
    const call = graph.requests[before];
    expect(call.path).toBe(`/${WA_PHONE_ID}/messages`);
    expect(call.accessToken).toBe(WA_TOKEN);
    expect(call.body).toEqual({ messaging_product: 'whatsapp', recipient_type: 'individual', to: '61412000050', type: 'text', text: { body: 'We are refunding it today.', preview_url: false } });

    const statuses = (status: string, extra: Row = {}) =>
      waPayload({ statuses: [{ id: sent.external_id, status, timestamp: nowSeconds(), recipient_id: '61412000050', ...extra }] });
    for (const status of ['sent', 'delivered', 'read', 'sent', 'delivered']) expect((await webhook(statuses(status))).status).toBe(200);
    expect((await stored('whatsapp', sent.external_id))?.delivery_status).toBe('read');

    const second = await reply(caseId, { text: 'One more thing.' });
    const out = await settled(second.body.id);
    await webhook(statuses('failed', { id: out.external_id, errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'The recipient is not a WhatsApp user' } }] }));
    expect(await stored('whatsapp', out.external_id)).toMatchObject({
      delivery_status: 'failed',
      delivery_error: 'WhatsApp error 131026 (Message undeliverable): The recipient is not a WhatsApp user',
    });
  });

  it('refuses a free-form WhatsApp reply outside the 24-hour window and sends the configured template instead', async () => {
    const old = waMessage('61412000060', { type: 'text', text: { body: 'Complained yesterday' }, timestamp: String(Math.floor(Date.now() / 1000) - 25 * 3600) });
    await webhook(waPayload({ messages: [old] }));
    const inbound = (await stored('whatsapp', old.id))!;
    const before = graph.requests.length;

    const refused = await settled((await reply(inbound.case_id, { text: 'Here is our answer.' })).body.id);
    expect(refused.delivery_status).toBe('failed');
    expect(refused.delivery_error).toMatch(/only within 24 hours/);
    expect(refused.delivery_error).toContain(`"${TEMPLATE}"`);
    expect(graph.requests.length).toBe(before);

    const wrong = await settled((await reply(inbound.case_id, { template: 'some_other_template' })).body.id);
    expect(wrong).toMatchObject({ delivery_status: 'failed', delivery_error: expect.stringContaining(`use "${TEMPLATE}"`) });
    expect((await reply(inbound.case_id, { template: 'Not A Name!' })).status).toBe(400);

    const res = await reply(inbound.case_id, { template: TEMPLATE });
    expect(res.status).toBe(201);
    expect(res.body.text).toBe(`[template ${TEMPLATE}]`);
    const templated = await settled(res.body.id);
    expect(templated.delivery_status).toBe('accepted');
    expect(graph.requests.length).toBe(before + 1);
    expect(graph.requests[before].body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '61412000060',
      type: 'template',
      template: { name: TEMPLATE, language: { code: 'en_US' }, components: [{ type: 'body', parameters: [{ type: 'text', text: inbound.reference }] }] },
    });
    const channels = await inbox.api<any>('/api/channels', { token });
    expect(channels.body.items).toEqual(expect.arrayContaining([{ channel: 'whatsapp', replyBy: 'message', template: TEMPLATE }]));
  });

  it('turns a page comment into a case and answers it publicly or privately, recording the choice', async () => {
    const comment = feedComment('5000000000000070', 'Alex Roe', 'Your app has been down all day!');
    expect((await webhook({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), changes: [comment] }] })).status).toBe(200);
    const inbound = (await stored('facebook', comment.value.comment_id))!;
    expect(inbound.case_channel).toBe('facebook');
    // The automatic acknowledgement answers the comment publicly first, without the reference (RG 271.32 Note 2).
    const ack = await acknowledged(inbound.case_id);
    expect(ack.delivery_status).toBe('sent');
    expect(ack.text).not.toContain(inbound.reference);
    expect(graph.requests.at(-1)).toMatchObject({ path: `/${comment.value.comment_id}/comments`, body: { message: ack.text } });
    const before = graph.requests.length;

    const pub = await reply(inbound.case_id, { text: 'Sorry — we are on it and will message you.' });
    expect(pub.status).toBe(201);
    expect(pub.body.visibility).toBe('public');
    expect((await settled(pub.body.id)).delivery_status).toBe('sent');
    expect(graph.requests[before]).toMatchObject({ path: `/${comment.value.comment_id}/comments`, accessToken: PAGE_TOKEN, body: { message: 'Sorry — we are on it and will message you.' } });

    const priv = await reply(inbound.case_id, { text: 'Could you send us your account number here?', visibility: 'private' });
    expect(priv.body.visibility).toBe('private');
    expect((await settled(priv.body.id)).delivery_status).toBe('sent');
    expect(graph.requests[before + 1]).toMatchObject({
      path: `/${PAGE_ID}/messages`,
      body: { recipient: { comment_id: comment.value.comment_id }, message: { text: 'Could you send us your account number here?' } },
    });

    const view = await inbox.api<any>(`/api/cases/${inbound.case_id}`, { token });
    expect(view.body.messages.filter((m: Row) => m.id !== ack.id).map((m: Row) => [m.direction, m.visibility])).toEqual([
      ['inbound', 'public'],
      ['outbound', 'public'],
      ['outbound', 'private'],
    ]);
  });

  it('acknowledges a Facebook or Instagram comment complaint under the comment, without personal data, leaving its one private reply to the agent', async () => {
    const comment = feedComment('5000000000000075', 'Sam Vale', 'You charged my card twice and nobody answers my calls!');
    expect((await webhook({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), changes: [comment] }] })).status).toBe(200);
    const inbound = (await stored('facebook', comment.value.comment_id))!;
    const ack = await acknowledged(inbound.case_id);
    expect(ack).toMatchObject({ delivery_status: 'sent', author_user_id: null, thread: { visibility: 'public' } });
    expect(ack.text).not.toContain(inbound.reference);
    // What went to the Graph API about this comment: one reply under it, with the page's token; no private reply used up.
    // (The acknowledgement of a comment is the same text for everyone: the requests are told apart by the comment they answer.)
    const about = (commentId: string) => graph.requests.filter((r) => r.body.recipient?.comment_id === commentId || r.path.startsWith(`/${commentId}/`));
    expect(about(comment.value.comment_id)).toEqual([
      expect.objectContaining({ method: 'POST', path: `/${comment.value.comment_id}/comments`, accessToken: PAGE_TOKEN, body: { message: ack.text } }),
    ]);
    // The agent's private reply is then the comment's first and only one.
    const priv = await reply(inbound.case_id, { text: 'Could you send us your card number here?', visibility: 'private' });
    expect((await settled(priv.body.id)).delivery_status).toBe('sent');
    expect(about(comment.value.comment_id).filter((r) => r.body.recipient?.comment_id)).toEqual([
      expect.objectContaining({ path: `/${PAGE_ID}/messages`, body: { recipient: { comment_id: comment.value.comment_id }, message: { text: 'Could you send us your card number here?' } } }),
    ]);

    const igC = igComment('6000000000000075', 'sam.vale', 'Charged twice again and still no refund');
    await webhook({ object: 'instagram', entry: [{ id: IG_ACCOUNT, time: Date.now(), changes: [igC] }] });
    const igInbound = (await stored('instagram', igC.value.id))!;
    const igAck = await acknowledged(igInbound.case_id);
    expect(igAck).toMatchObject({ delivery_status: 'sent', thread: { visibility: 'public' } });
    expect(igAck.text).not.toContain(igInbound.reference);
    expect(about(igC.value.id)).toEqual([expect.objectContaining({ path: `/${igC.value.id}/replies`, body: { message: igAck.text } })]);
  });

  it('answers a status request made in a public comment privately, not under the comment', async () => {
    const comment = feedComment('5000000000000076', 'Kit Moss', 'You closed my account without telling me, I want it reopened');
    await webhook({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), changes: [comment] }] });
    const caseId = (await stored('facebook', comment.value.comment_id))!.case_id;
    await acknowledged(caseId);
    const ask = feedComment('5000000000000076', 'Kit Moss', 'status');
    await webhook({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), changes: [ask] }] });
    const { rows } = await sql.query(`SELECT * FROM messages WHERE case_id = $1 AND direction = 'outbound' AND thread->>'statusReply' = 'true'`, [caseId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].thread).toMatchObject({ statusReply: true, visibility: 'private' });
    expect((await settled(rows[0].id)).delivery_status).toBe('sent');
    expect(graph.requests.filter((r) => r.body.message?.text === rows[0].text)).toEqual([
      expect.objectContaining({ path: `/${PAGE_ID}/messages`, body: { recipient: { comment_id: ask.value.comment_id }, message: { text: rows[0].text } } }),
    ]);
    expect(graph.requests.filter((r) => r.path === `/${ask.value.comment_id}/comments`)).toEqual([]);
  });

  it('answers an Instagram comment under it or privately, and an Instagram DM as a DM', async () => {
    const comment = igComment('6000000000000080', 'unhappy.user', 'Charged a fee for nothing');
    const dm = { sender: { id: '6000000000000081' }, recipient: { id: IG_ACCOUNT }, timestamp: Date.now(), message: { mid: id('aWdfZAG1'), text: 'DM complaint' } };
    await webhook({ object: 'instagram', entry: [{ id: IG_ACCOUNT, time: Date.now(), changes: [comment], messaging: [dm] }] });
    const onComment = (await stored('instagram', comment.value.id))!;
    const onDm = (await stored('instagram', dm.message.mid))!;
    // Both complaints are acknowledged automatically first; the requests after these are the agent's.
    await acknowledged(onComment.case_id);
    await acknowledged(onDm.case_id);
    const before = graph.requests.length;

    await settled((await reply(onComment.case_id, { text: 'We have refunded the fee.', visibility: 'public' })).body.id);
    expect(graph.requests[before]).toMatchObject({ path: `/${comment.value.id}/replies`, body: { message: 'We have refunded the fee.' } });
    await settled((await reply(onComment.case_id, { text: 'Details in private.', visibility: 'private' })).body.id);
    expect(graph.requests[before + 1]).toMatchObject({ path: '/me/messages', body: { recipient: { comment_id: comment.value.id }, message: { text: 'Details in private.' } } });

    await settled((await reply(onDm.case_id, { text: 'Looking into it.' })).body.id);
    expect(graph.requests[before + 2]).toMatchObject({ path: '/me/messages', body: { recipient: { id: '6000000000000081' }, message: { text: 'Looking into it.' } } });
    const publicOnDm = await reply(onDm.case_id, { text: 'Public?', visibility: 'public' });
    expect(publicOnDm.status).toBe(400);
    expect(publicOnDm.body.error).toBe('no_public_message');
  });

  it('records the Graph API’s refusal on the message and retries its temporary failures', async () => {
    const inbound = messengerEvent('7000000000000090', 'Nobody answers');
    await webhook({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging: [inbound] }] });
    const caseId = (await stored('messenger', inbound.message.mid))!.case_id;
    // The automatic acknowledgement goes first, so the failures set up below reach the agent's replies.
    await acknowledged(caseId);

    graph.failNext(1, { status: 400, code: 10, subcode: 2018278, message: '(#10) This message is sent outside of allowed window.' });
    const refused = await settled((await reply(caseId, { text: 'Late answer' })).body.id);
    expect(refused.delivery_status).toBe('failed');
    expect(refused.delivery_error).toBe('Meta could not send the Messenger message (HTTP 400, error 10/2018278): (#10) This message is sent outside of allowed window.');

    const before = graph.requests.length;
    graph.failNext(1, { status: 500, code: 2, message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException' });
    const retried = await settled((await reply(caseId, { text: 'Second try' })).body.id);
    expect(retried.delivery_status).toBe('sent');
    expect(retried.external_id).toMatch(/^m_/);
    expect(graph.requests.length).toBe(before + 2);
    expect(graph.requests[before + 1]).toMatchObject({
      path: `/${PAGE_ID}/messages`,
      accessToken: PAGE_TOKEN,
      body: { recipient: { id: '7000000000000090' }, messaging_type: 'RESPONSE', message: { text: 'Second try' } },
    });
 
    // Messenger's delivery receipt names our message by mid.
    const receipt = { sender: { id: '7000000000000090' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), delivery: { mids: [retried.external_id], watermark: Date.now() } };
    expect((await webhook({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging: [receipt] }] })).status).toBe(200);
    expect((await stored('messenger', retried.external_id))?.delivery_status).toBe('delivered');
  });

  it('updates an edited comment keeping what it said, and keeps an item without a sender for the admins', async () => {
    const comment = feedComment('5000000000000100', 'Jo', 'You lost my documents');
    await webhook({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), changes: [comment] }] });
    const edited = { ...comment, value: { ...comment.value, verb: 'edited', message: 'You lost my documents AGAIN' } };
    expect((await webhook({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), changes: [edited] }] })).status).toBe(200);
    const row = (await stored('facebook', comment.value.comment_id))!;
    expect(row.text).toBe('You lost my documents AGAIN');
    expect(row.thread.previousTexts).toEqual(['You lost my documents']);

    const anonymous = { ...comment, value: { ...comment.value, comment_id: `${PAGE_ID}_${id('')}`, from: undefined } };
    const before = await count();
    expect((await webhook({ object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), changes: [anonymous] }] })).status).toBe(200);
    expect(await count()).toBe(before);
    const letters = await inbox.api<any>('/api/admin/dead-letters', { token });
    expect(letters.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ topic: 'webhooks.meta', error: expect.stringContaining('without from.id') })]));
  });
});

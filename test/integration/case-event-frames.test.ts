import type { Client } from 'pg';
import type { CaseEvent } from '@inbox/contracts';
import { connectAgentClient, type AgentClient } from '../support/agent-client';
import { startTwilioStandIn, type TwilioStandIn } from '../support/twilio-stand-in';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { TwilioWebhooks, twilioEnv } from '../support/builders';
import { eventually } from '../support/eventually';

/**
 * What /agents pushes (libs/gateway/src/socket-rooms.ts, case-event-frames.ts):
 * case events in `case.events` frames, a case's events of one moment in one
 * frame; a message's delivery statuses only to the agents viewing its case.
 */
describe('case event frames and rooms', () => {
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let token: string;
  let viewer: AgentClient;
  let other: AgentClient;
  const webhooks = new TwilioWebhooks(() => inbox.url, { accountSid: 'AC00000000000000000000000000000008', authToken: 'frames-auth-token', publicUrl: 'https://inbox.example.test', number: '+61255550108' });

  beforeAll(async () => {
    twilio = await startTwilioStandIn();
    ({ inbox, sql, token } = await startInboxSession({ env: { ...twilioEnv(webhooks.account, twilio.baseUrl), AUTO_ACKNOWLEDGEMENT: 'false' } }));
    viewer = await connectAgentClient(inbox.url, token);
    other = await connectAgentClient(inbox.url, token);
  });

  afterAll(async () => {
    viewer?.close();
    other?.close();
    await stopInboxSession({ inbox, sql });
    await twilio?.close();
  });

  it('sends a new case’s events together in one frame, each once and in sequence', async () => {
    const text = 'You charged my card twice and nobody answers';
    expect((await webhooks.post('/webhooks/twilio/sms', webhooks.smsForm('+61412388001', text))).status).toBe(200);
    const created = await other.waitFor<CaseEvent>('case.created', (e) => e.message?.text === text);
    await other.waitFor<CaseEvent>('message.created', (e) => e.caseId === created.caseId);
    const frame = other.frames.find((f) => f.some((e) => e.seq === created.seq))!;
    expect(frame.filter((e) => e.caseId === created.caseId).map((e) => e.type)).toEqual(['case.created', 'message.created']);
    for (const f of other.frames) expect(f.map((e) => e.seq)).toEqual([...f.map((e) => e.seq)].sort((a, b) => a - b));
    const seqs = other.frames.flat().map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('sends a reply’s delivery statuses only to the agents viewing its case, its creation to every queue', async () => {
    const from = '+61412388002';
    expect((await webhooks.post('/webhooks/twilio/sms', webhooks.smsForm(from, 'My transfer never arrived, this is a complaint'))).status).toBe(200);
    const opened = await other.waitFor<CaseEvent>('case.created', (e) => e.message?.text === 'My transfer never arrived, this is a complaint');
    expect(await viewer.call('case.view', { caseId: opened.caseId })).toEqual({ viewers: expect.any(Array) });

    const reply = await inbox.api<{ id: string }>(`/api/cases/${opened.caseId}/replies`, { token, body: { text: 'We are looking into it now.' } });
    expect(reply.status).toBe(201);
    await viewer.waitFor<CaseEvent>('message.updated', (e) => e.message?.id === reply.body.id && e.message?.deliveryStatus === 'queued' && Boolean(e.message?.senderAddress));
    const [{ external_id: sid }] = (await eventually(async () => {
      const { rows } = await sql.query<{ external_id: string | null }>(`SELECT external_id FROM messages WHERE id = $1`, [reply.body.id]);
      return rows[0]?.external_id ? rows : undefined;
    }))!;
    const status = await webhooks.post('/webhooks/twilio/status', { MessageSid: sid!, MessageStatus: 'delivered', AccountSid: webhooks.account.accountSid });
    expect(status.status).toBe(204);
    await viewer.waitFor<CaseEvent>('message.updated', (e) => e.message?.id === reply.body.id && e.message?.deliveryStatus === 'delivered');

    // Leaving the case stops them: a later status reaches nobody's socket.
    expect(await viewer.call('case.leave', { caseId: opened.caseId })).toEqual({ ok: true });
    const before = viewer.caseEvents().length;
    expect((await webhooks.post('/webhooks/twilio/status', { MessageSid: sid!, MessageStatus: 'read', AccountSid: webhooks.account.accountSid })).status).toBe(204);
    await eventually(async () => ((await sql.query(`SELECT delivery_status FROM messages WHERE id = $1`, [reply.body.id])).rows[0].delivery_status === 'read' ? true : undefined));
    // A note after it goes to every queue: events leave in sequence, so once it is in, any status before it would be too.
    expect((await inbox.api(`/api/cases/${opened.caseId}/notes`, { token, body: { text: 'Marker after the read receipt' } })).status).toBe(201);
    for (const agent of [viewer, other]) await agent.waitFor<CaseEvent>('note.created', (e) => e.caseId === opened.caseId);
    expect(viewer.caseEvents().slice(before).filter((e) => e.type === 'message.updated')).toEqual([]);
    // The other agent's queue heard of the reply, and of no status of it.
    expect(other.caseEvents().filter((e) => e.message?.id === reply.body.id).map((e) => e.type)).toEqual(['message.created']);
  });
});

import { startTestInbox } from '../support/test-inbox';
import { postWebhook, signedWebhook, streamSender, webhookChannelEnv } from '../support/signed-webhooks';
import { startTelegramStandIn } from '../support/telegram-stand-in';
import { startTwilioStandIn } from '../support/twilio-stand-in';
import { startGraphApiStandIn } from '../support/graph-api-stand-in';

it('latency per message at low rate', async () => {
  const telegram = await startTelegramStandIn();
  const tw = await startTwilioStandIn();
  const graph = await startGraphApiStandIn();
  const inbox = await startTestInbox({ env: { ...webhookChannelEnv(telegram), TWILIO_API_BASE: tw.baseUrl, META_GRAPH_API_BASE: graph.baseUrl, DATABASE_POOL_SIZE: '10' } });
  const token = await inbox.login();
  const agent = await inbox.agentSocket(token);
  const seen = new Map<string, number>();
  agent.socket.on('message.created', (e: any) => { if (e.message?.text && !seen.has(e.message.text)) seen.set(e.message.text, Date.now()); });
  const sent = new Map<string, number>();
  const acked = new Map<string, number>();
  const t0 = Date.now();
  const posts: Promise<void>[] = [];
  for (let i = 0; i < 40; i++) {
    const ch = (['sms', 'whatsapp', 'telegram', 'messenger', 'instagram'] as const)[i % 5];
    const text = `Complaint ${i}: you charged my card twice and I want a refund`;
    const hook = signedWebhook(streamSender(ch, 1000 + i), text, 500 + i);
    sent.set(text, Date.now());
    posts.push(postWebhook(inbox.url, hook).then((s) => { expect(s).toBe(200); acked.set(text, Date.now()); }));
    await new Promise((r) => setTimeout(r, 100));
  }
  await Promise.all(posts);
  await new Promise((r) => setTimeout(r, 3000));
  for (const [text, at] of sent) process.stdout.write(`${text.slice(0, 13)} at ${at - t0} ack +${(acked.get(text) ?? NaN) - at} agent +${(seen.get(text) ?? NaN) - at}\n`);
  await inbox.close();
  await Promise.all([telegram.close(), tw.close(), graph.close()]);
}, 60_000);

import { Client } from 'pg';
import { startTestInbox } from '../support/test-inbox';
import { postWebhook, signedWebhook, streamSender, webhookChannelEnv } from '../support/signed-webhooks';
import { startTelegramStandIn } from '../support/telegram-stand-in';
import { startTwilioStandIn } from '../support/twilio-stand-in';

it('counts queries per inbound message', async () => {
  const telegram = await startTelegramStandIn();
  const tw = await startTwilioStandIn();
  const inbox = await startTestInbox({ env: { ...webhookChannelEnv(telegram), TWILIO_API_BASE: tw.baseUrl } });
  const log: string[] = [];
  const orig = Client.prototype.query;
  (Client.prototype as any).query = function (this: unknown, ...args: any[]) {
    const q = typeof args[0] === 'string' ? args[0] : args[0]?.text;
    log.push(String(q).replace(/\s+/g, ' ').slice(0, 150));
    return (orig as any).apply(this, args);
  };
  for (let i = 0; i < 3; i++) {
    log.length = 0;
    const hook = signedWebhook(streamSender('sms', 1), `Complaint ${i}: you charged my card twice and I want a refund`, 100 + i);
    expect(await postWebhook(inbox.url, hook)).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    process.stdout.write(`\n===== message ${i}: ${log.length} queries\n${log.join('\n')}\n`);
  }
  await inbox.close();
  await telegram.close();
  await tw.close();
}, 60_000);

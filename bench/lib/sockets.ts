import { postWebhook } from '../../test/support/signed-webhooks';
import { AgentFleet, WebhookSource } from './load';
import { round, rssMb, summarize } from './proc-stats';

export interface SocketScaleResult {
  agents: number;
  gatewayRssBeforeMb: number;
  gatewayRssAfterMb: number;
  memoryPerConnectionKb: number;
  connectSeconds: number;
  broadcasts: number;
  /** Webhook request → each agent's receipt of the case event (every agent, every broadcast). */
  broadcastLatencyMs: ReturnType<typeof summarize>;
  /** First agent → last agent for one broadcast. */
  spreadMs: ReturnType<typeof summarize>;
  missedDeliveries: number;
}

/** N agents on one gateway: its memory per connection and how long one case event takes to reach all of them. */
export async function socketScale(options: { gatewayUrl: string; gatewayPid: number; ingestUrl: string; token: string; agents: number; broadcasts: number }): Promise<SocketScaleResult> {
  global.gc?.();
  await new Promise((r) => setTimeout(r, 1_000));
  const before = rssMb(options.gatewayPid);
  const arrivals = new Map<string, number[]>();
  const fleet = new AgentFleet();
  const connectStart = performance.now();
  await fleet.connect([options.gatewayUrl], options.token, options.agents, (text, at) => arrivals.get(text)?.push(at));
  const connectSeconds = (performance.now() - connectStart) / 1000;
  await new Promise((r) => setTimeout(r, 2_000));
  const after = rssMb(options.gatewayPid);

  const source = new WebhookSource(50, 'broadcast', 7_000_000);
  const latencies: number[] = [];
  const spreads: number[] = [];
  let missed = 0;
  for (let b = 0; b < options.broadcasts; b++) {
    const hook = source.next();
    const times: number[] = [];
    arrivals.set(hook.text, times);
    const sentAt = performance.now();
    const status = await postWebhook(options.ingestUrl, hook);
    if (status !== 200) throw new Error(`webhook answered ${status}`);
    const deadline = performance.now() + 10_000;
    while (times.length < options.agents && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    missed += options.agents - times.length;
    for (const t of times) latencies.push(t - sentAt);
    if (times.length) spreads.push(Math.max(...times) - Math.min(...times));
    arrivals.delete(hook.text);
    await new Promise((r) => setTimeout(r, 200));
  }
  fleet.close();
  return {
    agents: options.agents,
    gatewayRssBeforeMb: before,
    gatewayRssAfterMb: after,
    memoryPerConnectionKb: round(((after - before) * 1024) / options.agents, 1),
    connectSeconds: round(connectSeconds, 1),
    broadcasts: options.broadcasts,
    broadcastLatencyMs: summarize(latencies),
    spreadMs: summarize(spreads),
    missedDeliveries: missed,
  };
}

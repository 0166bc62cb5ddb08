import { Agent, request } from 'node:http';
import { io, type Socket } from 'socket.io-client';
import { unpackCaseEvents } from '../../libs/contracts/src';
import { STREAM_CHANNELS, signedWebhook, streamSender, type SignedWebhook } from '../../test/support/signed-webhooks';
import { round, summarize } from './proc-stats';

/** The agents' side: N sockets on /agents; each inbound message is timed until the FIRST agent has its event. */
export class AgentFleet {
  readonly sockets: Socket[] = [];
  private readonly pending = new Map<string, { sentAt: number; channel: string }>();
  latencies: number[] = [];
  /** The same latencies by the channel the message came in on (one slow channel shows as a p95 of all). */
  latenciesByChannel = new Map<string, number[]>();
  delivered: number[] = []; // arrival times (ms) of first deliveries
  received = 0;
  /** When any agent last received anything (performance.now()): the gateways are idle once this stops moving. */
  lastEventAt = 0;

  async connect(gatewayUrls: string[], token: string, count: number, onEvent?: (text: string, at: number) => void): Promise<void> {
    const batch = 50; // connect in waves, as a shift of agents logs in, not all in the same millisecond
    for (let i = 0; i < count; i += batch) {
      await Promise.all(
        Array.from({ length: Math.min(batch, count - i) }, (_, j) => this.connectOne(gatewayUrls[(i + j) % gatewayUrls.length], token, onEvent)),
      );
    }
  }

  private connectOne(url: string, token: string, onEvent?: (text: string, at: number) => void): Promise<void> {
    const socket = io(`${url}/agents`, { auth: { token }, transports: ['websocket'], reconnection: false, timeout: 60_000 });
    this.sockets.push(socket);
    socket.onAny(() => {
      this.lastEventAt = performance.now();
    });
    socket.on('case.events', (frame: unknown) => {
      for (const event of unpackCaseEvents(frame)) {
        const text = event.type === 'message.created' ? event.message?.text : undefined;
        if (!text) continue;
        const at = performance.now();
        this.received++;
        onEvent?.(text, at);
        const sent = this.pending.get(text);
        if (sent === undefined) continue;
        this.pending.delete(text);
        this.latencies.push(at - sent.sentAt);
        const ofChannel = this.latenciesByChannel.get(sent.channel) ?? [];
        ofChannel.push(at - sent.sentAt);
        this.latenciesByChannel.set(sent.channel, ofChannel);
        this.delivered.push(at);
      }
    });
    return new Promise((resolve, reject) => {
      socket.once('queue.snapshot', () => resolve());
      socket.once('connect_error', reject);
    });
  }

  expect(text: string, sentAt: number, channel: string): void {
    this.pending.set(text, { sentAt, channel });
  }

  get outstanding(): number {
    return this.pending.size;
  }

  reset(): void {
    this.latencies = [];
    this.latenciesByChannel = new Map();
    this.delivered = [];
    this.pending.clear();
  }

  close(): void {
    for (const s of this.sockets) s.close();
  }
}

/** Webhooks of every channel, from `senders` distinct senders, signed as the providers sign them. */
export class WebhookSource {
  private n = 0;
  constructor(
    private readonly senders: number,
    private readonly tag: string,
    private readonly uidBase: number,
  ) {}

  next(): SignedWebhook {
    const i = this.n++;
    const channel = STREAM_CHANNELS[i % STREAM_CHANNELS.length];
    const sender = streamSender(channel, Math.floor(i / STREAM_CHANNELS.length) % this.senders);
    return signedWebhook(sender, `${this.tag} ${i}: you charged my card twice and I want a refund`, this.uidBase + i);
  }
}

const httpAgent = new Agent({ keepAlive: true, maxSockets: 256 });

function post(baseUrl: string, hook: SignedWebhook): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      `${baseUrl}${hook.path}`,
      { method: 'POST', agent: httpAgent, headers: { ...hook.headers, 'content-length': Buffer.byteLength(hook.body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.setTimeout(30_000, () => req.destroy());
    req.end(hook.body);
  });
}

export interface PhaseResult {
  targetRate: number | 'max';
  seconds: number;
  sent: number;
  acknowledged: number;
  failed: number;
  acknowledgedPerSecond: number;
  /** Messages whose case event reached an agent, per second, from the first send to the last delivery. */
  deliveredPerSecond: number;
  undelivered: number;
  latencyMs: ReturnType<typeof summarize>;
  latencyByChannelMs: Record<string, ReturnType<typeof summarize>>;
}

/**
 * Sends webhooks round-robin over the ingest URLs, either as fast as
 * `concurrency` requests in flight allow (`rate` = 'max') or at a fixed rate
 * (open loop: a slow answer does not slow the sender), then waits for the
 * agents to receive what was acknowledged.
 */
export async function runPhase(options: {
  ingestUrls: string[];
  fleet: AgentFleet;
  source: WebhookSource;
  rate: number | 'max';
  seconds: number;
  concurrency?: number;
  drainMs?: number;
}): Promise<PhaseResult> {
  const { ingestUrls, fleet, source, rate, seconds } = options;
  fleet.reset();
  let sent = 0;
  let acknowledged = 0;
  let failed = 0;
  let inFlight = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  const fire = async () => {
    const hook = source.next();
    const at = performance.now();
    fleet.expect(hook.text, at, hook.sender.channel);
    sent++;
    inFlight++;
    const status = await post(ingestUrls[sent % ingestUrls.length], hook);
    inFlight--;
    if (status >= 200 && status < 300) acknowledged++;
    else failed++;
  };
  if (rate === 'max') {
    const concurrency = options.concurrency ?? 64;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) await fire();
      }),
    );
  } else {
    const cap = options.concurrency ?? 1_024;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const now = performance.now();
        const owed = Math.floor(((Math.min(now, end) - start) / 1000) * rate) - sent;
        for (let i = 0; i < owed && inFlight < cap; i++) void fire();
        if (now >= end) {
          clearInterval(tick);
          resolve();
        }
      }, 2);
    });
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 10));
  }
  const sendEnd = performance.now();
  const drainUntil = sendEnd + (options.drainMs ?? 30_000);
  while (fleet.outstanding > failed && performance.now() < drainUntil) await new Promise((r) => setTimeout(r, 20));
  const lastDelivery = fleet.delivered.length ? Math.max(...fleet.delivered) : sendEnd;
  return {
    targetRate: rate === 'max' ? 'max' : round(rate, 0),
    seconds: round((sendEnd - start) / 1000, 1),
    sent,
    acknowledged,
    failed,
    acknowledgedPerSecond: round(acknowledged / ((sendEnd - start) / 1000), 0),
    deliveredPerSecond: round(fleet.latencies.length / ((Math.max(lastDelivery, sendEnd) - start) / 1000), 0),
    undelivered: Math.max(0, acknowledged - fleet.latencies.length),
    latencyMs: summarize(fleet.latencies),
    latencyByChannelMs: Object.fromEntries([...fleet.latenciesByChannel].map(([channel, values]) => [channel, summarize(values)])),
  };
}

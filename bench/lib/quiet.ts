import { Client } from 'pg';

/**
 * Waits until the inbox has finished the work a phase left behind: the
 * outbox is empty and no case event has been written for `quietMs`. Every
 * message's work (intake, acknowledgement, its delivery status) ends in case
 * events, so a still sequence means nothing is queued — also in Kafka mode,
 * where the backlog is in topics the database cannot see — and agents that
 * received nothing for as long mean the gateways have pushed it all. A
 * fixed-rate phase started before this would measure the backlog of the one
 * before it.
 */
export async function waitUntilQuiet(
  databaseUrl: string,
  options: { quietMs?: number; timeoutMs?: number; lastDeliveryAt?: () => number } = {},
): Promise<number> {
  const quietMs = options.quietMs ?? 2_000;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  const started = Date.now();
  const c = new Client(databaseUrl);
  await c.connect();
  try {
    let last = '';
    let stillSince = Date.now();
    for (;;) {
      const { rows } = await c.query<{ outbox: string; seq: string }>(
        `SELECT (SELECT count(*) FROM outbox) AS outbox, (SELECT coalesce(max(seq), 0) FROM case_events) AS seq`,
      );
      const now = `${rows[0].outbox}/${rows[0].seq}`;
      if (now !== last) {
        last = now;
        stillSince = Date.now();
      } else if (rows[0].outbox === '0' && Date.now() - stillSince >= quietMs && performance.now() - (options.lastDeliveryAt?.() ?? 0) >= quietMs) {
        return Math.round((Date.now() - started - quietMs) / 100) / 10;
      }
      if (Date.now() > deadline) throw new Error(`the inbox did not go quiet within ${options.timeoutMs ?? 180_000} ms (outbox/seq ${now})`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    await c.end();
  }
}

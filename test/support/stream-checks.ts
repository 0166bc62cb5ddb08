import type { TestDatabase } from './test-database';

/**
 * Asserts what docs/architecture.md rules 1, 2 and 4 promise for a stream: every
 * acknowledged message (`sent`, per sender, in the order each was
 * acknowledged) is stored exactly once, each sender's messages were processed
 * in that order (the order of their message.created events).
 */
export async function assertStoredOnceInOrder(db: TestDatabase, sent: Map<string, Array<{ text: string }>>, total: number, timeoutMs = 60_000): Promise<void> {
  const expected = new Set([...sent.values()].flat().map((m) => m.text));
  expect(expected.size).toBe(total);
  let rows: Array<{ text: string; seq: string | null }> = [];
  // Acknowledged means durable on the bus (Kafka) — triage may still be writing; wait for it.
  await waitUntil(
    async () => {
      rows = await db.query<{ text: string; seq: string | null }>(
        `SELECT m.text, (SELECT min(e.seq) FROM case_events e WHERE e.case_id = m.case_id AND e.type = 'message.created'
                           AND e.payload->'message'->>'id' = m.id::text) AS seq
           FROM messages m WHERE m.direction = 'inbound' AND m.text = ANY($1)`,
        [[...expected]],
      );
      return new Set(rows.map((r) => r.text)).size === expected.size && rows.every((r) => r.seq !== null);
    },
    timeoutMs,
    250,
  ).catch(() => {
    throw new Error(`only ${new Set(rows.map((r) => r.text)).size} of ${expected.size} acknowledged messages are stored with their event`);
  });
  const copies = new Map<string, number>();
  for (const r of rows) copies.set(r.text, (copies.get(r.text) ?? 0) + 1);
  const twice = [...copies].filter(([, n]) => n > 1);
  expect(twice).toEqual([]);
  const seqOf = new Map(rows.map((r) => [r.text, Number(r.seq)]));
  for (const [sender, messages] of sent) {
    const order = messages.map((m) => ({ text: m.text, seq: seqOf.get(m.text)! }));
    const sorted = [...order].sort((a, b) => a.seq - b.seq).map((m) => m.text);
    expect({ sender, order: sorted }).toEqual({ sender, order: messages.map((m) => m.text) });
  }
}

export async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

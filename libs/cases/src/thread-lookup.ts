import type { Channel, ThreadHints } from '@inbox/contracts';

type Queryable = { query(sql: string, params?: unknown[]): Promise<unknown> };

/**
 * The case a message continues, from its thread hints: the ids it says it
 * answers (in-reply-to first, then references, newest first) matched against
 * the provider ids of messages we stored or sent on the same channel. Only the
 * same customer's cases count, so a forwarded thread never opens someone
 * else's case. Undefined when nothing matches.
 */
export async function findThreadCase(
  em: Queryable,
  input: { customerId: string; channel: Channel; thread?: ThreadHints },
): Promise<string | undefined> {
  const ids = threadIds(input.thread);
  if (ids.length === 0) return undefined;
  const rows = (await em.query(
    `SELECT m.case_id, hint.ord
       FROM unnest($3::text[]) WITH ORDINALITY AS hint(id, ord)
       JOIN messages m ON m.customer_id = $1 AND m.channel = $2 AND m.case_id IS NOT NULL
                      AND (m.external_id = hint.id OR m.thread->>'messageId' = hint.id)
      ORDER BY hint.ord LIMIT 1`,
    [input.customerId, input.channel, ids],
  )) as Array<{ case_id: string }>;
  return rows[0]?.case_id;
}

/** The ids a message answers, most specific first: the one it replies to, then the thread from newest to oldest. */
export function threadIds(thread: ThreadHints | undefined): string[] {
  if (!thread) return [];
  const ids = [thread.inReplyTo, ...[...(thread.references ?? [])].reverse()].filter((id): id is string => Boolean(id));
  return [...new Set(ids)].filter((id) => id !== thread.messageId).slice(0, 100);
}

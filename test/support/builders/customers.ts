type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/** Everything that hangs on one customer: identities (channel:address), case ids and message ids, each sorted. */
export async function customerSide(query: Query, customerId: string): Promise<{ identities: string[]; cases: string[]; messages: string[] }> {
  const column = async (sql: string) => (await query<{ v: string }>(sql, [customerId])).map((r) => r.v);
  return {
    identities: await column(`SELECT channel || ':' || address AS v FROM identities WHERE customer_id = $1 ORDER BY 1`),
    cases: await column(`SELECT id::text AS v FROM cases WHERE customer_id = $1 ORDER BY id`),
    messages: await column(`SELECT id::text AS v FROM messages WHERE customer_id = $1 ORDER BY id`),
  };
}

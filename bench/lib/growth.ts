import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { round, summarize } from './proc-stats';

const CHANNELS = ['sms', 'whatsapp', 'telegram', 'messenger', 'instagram', 'email', 'voice', 'webchat'];
const TOPICS = ['refund', 'fee', 'card', 'loan', 'branch', 'transfer', 'interest', 'statement', 'fraud', 'app'];
/** Case 1 of the seed is the long one. */
export const LONG_CASE_MESSAGES = 200;
/** One search token per this many cases: q=w<n> finds cases/SEARCH_SPREAD of them. */
const SEARCH_SPREAD = 5_000;

/** Words in half the seeded messages each (by the parity of i + k): an English one and a Russian one. */
export const HALF_WORDS = { en: 'please', ru: 'пожалуйста' } as const;
const CLOSINGS = [' Please reply.', ' Ответьте, пожалуйста.'];

/** The text of message `k` of seeded case `i`, as seedTo writes it. */
export function seededMessageText(i: number, k: number): string {
  return `Message ${k} about my ${TOPICS[(i + k) % 10]} complaint, ticket w${i % SEARCH_SPREAD}, still waiting for an answer from the bank about it.${CLOSINGS[(i + k) % 2]}`;
}

/**
 * What an agent pastes into the search box: the opening of case `i`'s first
 * message, cut inside its ticket word ("…, ticket w123" of "w1234"), so the
 * last word matches as a prefix: 11 of the SEARCH_SPREAD tickets (w123, w1230–w1239).
 */
export function cutOpening(i: number): string {
  const text = seededMessageText(i, 1);
  return text.slice(0, text.indexOf(' w') + 5);
}

export function seededCaseId(n: number): string {
  return md5Uuid(`case-${n}`);
}
function md5Uuid(seed: string): string {
  const h = createHash('md5').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** How many cases seedTo has written to this database (cases 1..n). */
export async function seededCases(databaseUrl: string): Promise<number> {
  const c = new Client(databaseUrl);
  await c.connect();
  try {
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM cases WHERE account = 'seed'`);
    return (rows[0] as { n: number }).n;
  } finally {
    await c.end();
  }
}

/**
 * Grows the database to `target` cases (cases 1..target; what exists is
 * kept) with set-based SQL (generate_series): one customer and identity per
 * case, 5 messages per case (case 1 has 200), one case in five still open.
 * Returns the seconds it took.
 */
export async function seedTo(databaseUrl: string, from: number, target: number, log: (line: string) => void): Promise<number> {
  const c = new Client(databaseUrl);
  await c.connect();
  const start = performance.now();
  const chunk = 100_000;
  try {
    await c.query(`SET synchronous_commit = off`);
    for (let lo = from + 1; lo <= target; lo += chunk) {
      const hi = Math.min(target, lo + chunk - 1);
      await c.query('BEGIN');
      await c.query(
        `INSERT INTO customers (id, display_name, last_channel, created_at, updated_at)
         SELECT md5('customer-' || i)::uuid, 'Customer ' || i, ($3::text[])[1 + i % 8], now() - i * interval '1 minute', now()
           FROM generate_series($1::int, $2::int) i`,
        [lo, hi, CHANNELS],
      );
      await c.query(
        `INSERT INTO identities (customer_id, channel, address, created_at)
         SELECT md5('customer-' || i)::uuid, ($3::text[])[1 + i % 8], 'seed-' || i, now() - i * interval '1 minute'
           FROM generate_series($1::int, $2::int) i`,
        [lo, hi, CHANNELS],
      );
      await c.query(
        `INSERT INTO cases (id, reference, status, channel, account, customer_id, team_id, priority, received_at,
                            acknowledge_by, respond_by, last_message_at, preview, created_at, updated_at)
         SELECT md5('case-' || i)::uuid, 'S-' || i,
                CASE i % 10 WHEN 0 THEN 'new' WHEN 1 THEN 'open' WHEN 2 THEN 'closed' WHEN 3 THEN 'resolved' ELSE 'closed' END,
                ($3::text[])[1 + i % 8], 'seed', md5('customer-' || i)::uuid, (SELECT id FROM teams WHERE is_default), 1 + i % 5,
                now() - i * interval '1 minute', now() - i * interval '1 minute' + interval '1 day',
                now() - i * interval '1 minute' + interval '30 days', now() - i * interval '1 minute',
                'About my ' || ($4::text[])[1 + i % 10], now(), now()
           FROM generate_series($1::int, $2::int) i`,
        [lo, hi, CHANNELS, TOPICS],
      );
      await c.query(
        `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, external_id, sender_address, text, received_at, created_at, updated_at)
         SELECT md5('message-' || i || '-' || k)::uuid, md5('case-' || i)::uuid, md5('customer-' || i)::uuid, ($3::text[])[1 + i % 8], 'seed',
                CASE WHEN k % 2 = 0 THEN 'inbound' ELSE 'outbound' END, 'seed-' || i || '-' || k, 'seed-' || i,
                'Message ' || k || ' about my ' || ($4::text[])[1 + (i + k) % 10] || ' complaint, ticket w' || (i % ${SEARCH_SPREAD}) ||
                  ', still waiting for an answer from the bank about it.' || ($5::text[])[1 + (i + k) % 2],
                now() - i * interval '1 minute' + k * interval '1 second', now(), now()
           FROM generate_series($1::int, $2::int) i, generate_series(1, CASE WHEN i = 1 THEN ${LONG_CASE_MESSAGES} ELSE 5 END) k`,
        [lo, hi, CHANNELS, TOPICS, CLOSINGS],
      );
      await c.query('COMMIT');
      log(`  seeded cases ${lo}–${hi}`);
    }
    await c.query(`SELECT setval('case_reference_seq', GREATEST((SELECT last_value FROM case_reference_seq), $1))`, [target + 1]);
    await c.query('VACUUM ANALYZE customers, identities, cases, messages, case_search_documents');
  } finally {
    await c.end();
  }
  return round((performance.now() - start) / 1000, 1);
}

/**
 * The plans of the queue and search queries as the API runs them (admin: no
 * team filter), for the note on what limits them: execution time and the
 * plan's first lines.
 */
export async function explainReads(databaseUrl: string): Promise<Record<string, string[]>> {
  const c = new Client(databaseUrl);
  await c.connect();
  const open = ['new', 'open', 'pending', 'escalated'];
  const plans: Record<string, string[]> = {};
  const explain = async (name: string, sql: string, params: unknown[]) => {
    const { rows } = await c.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
    const lines = rows.map((r: Record<string, string>) => r['QUERY PLAN']);
    plans[name] = [...lines.slice(0, 6), ...lines.filter((l: string) => l.startsWith('Execution Time'))];
  };
  try {
    await explain('queueCount', `SELECT count(*)::int FROM cases c WHERE c.status = ANY($1)`, [open]);
    await explain(
      'queuePage',
      `SELECT c.id FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.status = ANY($1)
        ORDER BY c.respond_by ASC NULLS LAST, c.priority ASC, c.received_at ASC LIMIT 50`,
      [open],
    );
    // The search page as the case list reads it (admin: no team filter): the cases' documents, in the queue's order.
    const page = (name: string, word: string) =>
      explain(
        name,
        `SELECT c.id FROM cases c WHERE EXISTS (SELECT 1 FROM case_search_documents s WHERE s.case_id = c.id AND s.document @@ plainto_tsquery('simple', $1))
          ORDER BY c.respond_by ASC NULLS LAST, c.priority ASC, c.received_at ASC LIMIT 50`,
        [word],
      );
    await page('searchHalfWord', HALF_WORDS.en);
    await page('searchRareWord', 'w123');
  } finally {
    await c.end();
  }
  return plans;
}

export interface GrowthMeasure {
  cases: number;
  messages: number;
  seedSeconds: number;
  queueMs: ReturnType<typeof summarize>;
  caseWith200MessagesMs: ReturnType<typeof summarize>;
  searchMs: ReturnType<typeof summarize>;
  searchHits: number;
  /** A message's opening cut inside its last word (the last word a prefix): see cutOpening. */
  searchPrefixMs: ReturnType<typeof summarize>;
  searchPrefixHits: number;
  /** The first 40 characters of a seeded message: words a tenth of all messages share, the last one cut. */
  searchCommonOpeningMs: ReturnType<typeof summarize>;
  searchCommonOpeningHits: number;
  /** A word in half the messages (HALF_WORDS), English and Russian; hits are counted up to the list's cap. */
  searchHalfMs?: ReturnType<typeof summarize>;
  searchHalfRuMs?: ReturnType<typeof summarize>;
  searchHalfHits?: string;
  volumesMs: ReturnType<typeof summarize>;
  overviewMs: ReturnType<typeof summarize>;
  reportsMs: Record<string, ReturnType<typeof summarize>>;
  plans?: Record<string, string[]>;
}

/** p95 of the agents' and supervisors' reads, through the HTTP API as the web UI makes them. */
export async function measureReads(gatewayUrl: string, token: string, samples: number): Promise<Omit<GrowthMeasure, 'cases' | 'messages' | 'seedSeconds'>> {
  const get = async (path: string) => {
    const start = performance.now();
    const res = await fetch(`${gatewayUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`${path} → ${res.status} ${body.slice(0, 200)}`);
    return { ms: performance.now() - start, body };
  };
  const time = async (path: (i: number) => string) => {
    await get(path(0)); // warm
    const ms: number[] = [];
    for (let i = 0; i < samples; i++) ms.push((await get(path(i))).ms);
    return summarize(ms);
  };
  const queueMs = await time(() => `/api/cases?status=open&limit=50`);
  const caseWith200MessagesMs = await time(() => `/api/cases/${seededCaseId(1)}`);
  const searchMs = await time((i) => `/api/cases?q=w${(i * 37) % SEARCH_SPREAD}&limit=50`);
  const searchHits = (JSON.parse((await get(`/api/cases?q=w123&limit=50`)).body) as { total: number }).total;
  const search = (q: string) => `/api/cases?q=${encodeURIComponent(q)}&limit=50`;
  const searchPrefixMs = await time((i) => search(cutOpening(1000 + ((i * 37) % 4000))));
  const searchPrefixHits = (JSON.parse((await get(search(cutOpening(1234)))).body) as { total: number }).total;
  // Few samples: this one reads a tenth of the messages' index entries.
  const common = seededMessageText(7, 1).slice(0, 40);
  const commonMs: number[] = [];
  for (let i = 0; i < 5; i++) commonMs.push((await get(search(common))).ms);
  const searchCommonOpeningMs = summarize(commonMs);
  const searchCommonOpeningHits = (JSON.parse((await get(search(common))).body) as { total: number }).total;
  const searchHalfMs = await time(() => search(HALF_WORDS.en));
  const searchHalfRuMs = await time(() => search(HALF_WORDS.ru));
  const half = JSON.parse((await get(search(HALF_WORDS.en))).body) as { total: number; totalCapped?: boolean };
  const searchHalfHits = `${half.total}${half.totalCapped ? '+' : ''}`;
  // The supervisor dashboard's panels: live volumes, and the overview (queue health, agents, incidents, today).
  const volumesMs = await time(() => `/api/metrics/volumes`);
  const overviewMs = await time(() => `/api/supervisor/overview`);
  // Reports are run on demand over a period (default: the last 30 days), fewer samples each.
  const reports = (JSON.parse((await get('/api/reports')).body) as { items: Array<{ name: string; json: string }> }).items;
  const reportsMs: Record<string, ReturnType<typeof summarize>> = {};
  for (const report of reports) {
    await get(report.json);
    const ms: number[] = [];
    for (let i = 0; i < Math.max(3, Math.ceil(samples / 10)); i++) ms.push((await get(report.json)).ms);
    reportsMs[report.name] = summarize(ms);
  }
  return {
    queueMs,
    caseWith200MessagesMs,
    searchMs,
    searchHits,
    searchPrefixMs,
    searchPrefixHits,
    searchCommonOpeningMs,
    searchCommonOpeningHits,
    searchHalfMs,
    searchHalfRuMs,
    searchHalfHits,
    volumesMs,
    overviewMs,
    reportsMs,
  };
}

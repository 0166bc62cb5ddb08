import { Client } from 'pg';
import { TOPICS } from '@inbox/contracts';
import { messageTextQuery } from '@inbox/cases';
import { caseSearchTerms } from '@inbox/cases';
import { inboundMessage, startTestInbox, type TestInbox } from '../support/test-inbox';

/**
 * The search box as agents use it: they paste or type the start of what the
 * customer wrote, and the last word is usually cut. GET /api/cases?q= matches
 * the last word as a prefix, the rest whole, through the full-text index of
 * each case's search document.
 */
describe('Case search: the last word is a prefix', () => {
  let inbox: TestInbox;
  let token: string;
  const texts = {
    refund: 'My card was charged twice for the same purchase and nobody answers about the refund',
    email: 'Your statement went to the wrong e-mail address, please fix it before the next one',
    other: 'The branch on George Street closed early again and I could not deposit my cheque',
  };
  const caseIds: Record<string, string> = {};

  beforeAll(async () => {
    inbox = await startTestInbox();
    token = await inbox.login();
    let phone = 0;
    for (const [name, text] of Object.entries(texts)) {
      await inbox.bus.publish(TOPICS.inbound, `sms:${name}`, inboundMessage({ sender: { address: `+6141230000${phone++}` }, text }));
      const [row] = await inbox.db.query<{ case_id: string }>(`SELECT case_id FROM messages WHERE text = $1`, [text]);
      caseIds[name] = row.case_id;
    }
  });

  afterAll(async () => {
    await inbox?.close();
    await inbox?.db.drop();
  });

  const search = async (q: string) => {
    const res = await inbox.api<{ items: Array<{ id: string }>; total: number }>(`/api/cases?q=${encodeURIComponent(q)}`, { token });
    expect(res.status).toBe(200);
    return res.body.items.map((c) => c.id);
  };

  it('finds a message by its first 40 characters, the last word cut in the middle', async () => {
    const q = texts.refund.slice(0, 40);
    expect(q).toBe('My card was charged twice for the same p');
    expect(await search(q)).toEqual([caseIds.refund]);
    expect(await search(texts.other.slice(0, 40))).toEqual([caseIds.other]);
    expect(await search('nobody answers about the refu')).toEqual([caseIds.refund]);
  });

  it('cuts inside a hyphenated word too', async () => {
    expect(await search('the wrong e-mai')).toEqual([caseIds.email]);
  });

  it('still matches every earlier word whole, and a finished query exactly', async () => {
    expect(await search('charged thrice for the sam')).toEqual([]);
    expect(await search('refund ')).toEqual([caseIds.refund]);
    expect(await search('refun ')).toEqual([]);
  });

  it('answers a prefix query from the full-text index', async () => {
    // The planner may prefer a scan on three messages; forbidding it shows the index can answer the query.
    const sql = new Client(inbox.db.url);
    await sql.connect();
    try {
      await sql.query('SET enable_seqscan = off');
      // The predicate exactly as the case list builds it.
      const params: string[] = [];
      const predicate = messageTextQuery(caseSearchTerms('nobody answers about the refu'), (value) => {
        params.push(value);
        return `$${params.length}`;
      });
      expect(params).toEqual(['nobody answers about the', 'refu']);
      const { rows } = await sql.query(`EXPLAIN SELECT s.case_id FROM case_search_documents s WHERE s.document @@ ${predicate}`, params);
      const plan = rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
      expect(plan).toContain('case_search_documents_gin');
      expect(plan).not.toContain('Seq Scan');
    } finally {
      await sql.end();
    }
  });
});

import type { Client } from 'pg';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { inboundMessage, startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

/**
 * Merge suggestions and merges beyond the first walk-through in
 * customer-merge.test.ts: an email address written in a message, dismissed
 * suggestions staying dismissed, who survives by default, and undoing merges
 * in the right order.
 */
describe('merge suggestions and merges', () => {
  let inbox: TestInbox;
  let sql: Client;
  let token: string;

  beforeAll(async () => {
    ({ inbox, token, sql } = await startInboxSession({ env: { AUTO_ACKNOWLEDGEMENT: 'false' } }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  /** The intake (and the suggestions it makes) is done when publish resolves. */
  async function writes(overrides: Partial<InboundMessage>): Promise<string> {
    const message = inboundMessage(overrides);
    await inbox.bus.publish(TOPICS.inbound, `${message.channel}:${message.sender.address}`, message);
    return (await sql.query(`SELECT customer_id FROM messages WHERE external_id = $1`, [message.externalId])).rows[0].customer_id;
  }
  const open = async (customerId: string) => (await inbox.api<{ items: Array<{ id: string; reason: string; otherCustomerId: string; customerId: string }> }>(`/api/customers/${customerId}/suggestions`, { token })).body.items;

  it('does not raise a dismissed suggestion again when either customer writes the same thing later', async () => {
    const a = await writes({ sender: { address: '+61412820001', displayName: 'Ari Lee' }, text: 'My card was charged a fee twice' });
    const b = await writes({ sender: { address: '+61412820002' }, text: 'You can also reach me on 0412 820 001, my loan statement is wrong' });
    const [suggestion] = await open(b);
    expect(suggestion).toMatchObject({ reason: 'mentioned_phone', customerId: b, otherCustomerId: a });
    // It says who the other customer is, where they write from and which cases they have.
    expect(suggestion).toMatchObject({ otherChannels: ['sms'], otherCases: [expect.objectContaining({ reference: expect.stringMatching(/^C-\d{6}$/) })] });
    expect((suggestion as unknown as { otherCustomerLabel: string }).otherCustomerLabel).toMatch(/\S/);
    expect((await inbox.api(`/api/merge-suggestions/${suggestion.id}/dismiss`, { token, body: {} })).status).toBe(204);
    expect(await open(b)).toEqual([]);

    // B writes A's number again; A writes B's number: the same pair, for the same reason, from either side.
    await writes({ sender: { address: '+61412820002' }, text: 'Again: my other number is 0412 820 001, please call me there about the statement' });
    await writes({ sender: { address: '+61412820001' }, text: 'Still waiting about the fee on my card, or call my work phone 0412 820 002' });
    expect(await open(a)).toEqual([]);
    expect(await open(b)).toEqual([]);
    const { rows } = await sql.query(
      `SELECT reason, status FROM merge_suggestions WHERE (customer_id = $1 AND other_customer_id = $2) OR (customer_id = $2 AND other_customer_id = $1)`,
      [a, b],
    );
    expect(rows).toEqual([{ reason: 'mentioned_phone', status: 'dismissed' }]);
    // And the profile, where agents see suggestions, has none either.
    expect((await inbox.api<any>(`/api/customers/${a}/profile`, { token })).body.suggestions).toEqual([]);
  });

  it('suggests a merge when a customer writes another customer’s email address; the older customer survives by default', async () => {
    const older = await writes({ channel: 'email', account: 'complaints@bank.test', sender: { address: 'Noor.Haddad@Example.com' }, text: 'My card fee is wrong' });
    const newer = await writes({ sender: { address: '+61412820003' }, text: 'This is Noor, my email is noor.haddad@example.com — my card fee is still wrong' });
    const [suggestion] = await open(newer);
    expect(suggestion).toMatchObject({ reason: 'mentioned_email', customerId: newer, otherCustomerId: older });
    const accepted = await inbox.api<any>(`/api/merge-suggestions/${suggestion.id}/accept`, { token, body: {} });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ survivorId: older, mergedId: newer });
  });

  it('refuses to undo a merge whose survivor was merged again since, until that later merge is undone', async () => {
    const a = await writes({ sender: { address: '+61412820011' }, text: 'My statement is wrong' });
    const b = await writes({ sender: { address: '+61412820012' }, text: 'My statement is wrong too' });
    const c = await writes({ sender: { address: '+61412820013' }, text: 'Same problem with my statement' });
    const first = await inbox.api<any>(`/api/customers/${b}/merge`, { token, body: { otherCustomerId: a } });
    expect(first.status).toBe(201);
    const second = await inbox.api<any>(`/api/customers/${c}/merge`, { token, body: { otherCustomerId: b } });
    expect(second.status).toBe(201);
    const refused = await inbox.api<any>(`/api/customer-merges/${first.body.mergeId}/unmerge`, { token, body: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toBe('survivor_merged_later');
    expect((await inbox.api(`/api/customer-merges/${second.body.mergeId}/unmerge`, { token, body: {} })).status).toBe(200);
    expect((await inbox.api(`/api/customer-merges/${first.body.mergeId}/unmerge`, { token, body: {} })).status).toBe(200);
    const owners = await sql.query(`SELECT address, customer_id FROM identities WHERE address = ANY($1) ORDER BY address`, [['+61412820011', '+61412820012', '+61412820013']]);
    expect(owners.rows.map((r) => r.customer_id)).toEqual([a, b, c]);
  });
});

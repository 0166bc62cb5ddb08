import type { Client } from 'pg';
import { startInboxSession, stopInboxSession, type TestInbox } from '../support/test-inbox';

/**
 * The live-volume counters (channel_volume_minutes) serve only today and the
 * last hour; rows older than three days are pruned by the gateway that reads
 * them. A fresh inbox prunes on its first read.
 */
describe('live volume counters', () => {
  let inbox: TestInbox;
  let sql: Client;

  beforeAll(async () => {
    ({ inbox, sql } = await startInboxSession({ env: { AUTO_ACKNOWLEDGEMENT: 'false' } }, { signIn: false }));
  });

  afterAll(async () => {
    await stopInboxSession({ inbox, sql });
  });

  it('prunes counter rows older than three days, and keeps the younger ones', async () => {
    const minutesAgo = (m: number) => `date_trunc('minute', now()) - interval '${m} minutes'`;
    const threeDays = 3 * 24 * 60;
    await sql.query(
      `INSERT INTO channel_volume_minutes (channel, minute, shard, count) VALUES
         ('sms', ${minutesAgo(threeDays + 60)}, 1, 4),
         ('email', ${minutesAgo(threeDays + 2)}, 2, 1),
         ('sms', ${minutesAgo(threeDays - 60)}, 1, 2),
         ('telegram', ${minutesAgo(24 * 60)}, 1, 3),
         ('sms', ${minutesAgo(1)}, 1, 5)`,
    );
    const res = await inbox.api<{ channels: Record<string, Array<{ count: number }>> }>('/api/metrics/volumes', { token: await inbox.login() });
    expect(res.status).toBe(200);
    // The last hour's figures come from the counters that stay.
    expect(res.body.channels.sms.reduce((n, p) => n + p.count, 0)).toBe(5);
    const { rows } = await sql.query(`SELECT channel, round(extract(epoch FROM now() - minute) / 3600) AS hours_ago FROM channel_volume_minutes ORDER BY minute`);
    expect(rows.map((r) => [r.channel, Number(r.hours_ago)])).toEqual([
      ['sms', 71],
      ['telegram', 24],
      ['sms', 0],
    ]);
  });
});

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers who told a channel to stop (SMS STOP): nothing more is sent there until they opt in again. */
export class ChannelOptOuts1732300000001 implements MigrationInterface {
  name = 'ChannelOptOuts1732300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE channel_opt_outs (
        channel text NOT NULL,
        address text NOT NULL,
        opted_out_at timestamptz NOT NULL DEFAULT now(),
        keyword text NOT NULL,
        PRIMARY KEY (channel, address)
      );
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE channel_opt_outs`);
  }
}

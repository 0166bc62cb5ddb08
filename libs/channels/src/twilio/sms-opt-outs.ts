import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { OptKeyword } from './twilio-sms.parser';

/** Who said STOP to our SMS numbers (and START again): honoured before every send. */
@Injectable()
export class SmsOptOuts {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(address: string, keyword: OptKeyword, word: string): Promise<void> {
    if (keyword === 'opt-out') {
      await this.db.query(
        `INSERT INTO channel_opt_outs (channel, address, keyword) VALUES ('sms', $1, $2)
         ON CONFLICT (channel, address) DO UPDATE SET opted_out_at = now(), keyword = EXCLUDED.keyword`,
        [address, word.trim().toUpperCase().slice(0, 20)],
      );
    } else {
      await this.db.query(`DELETE FROM channel_opt_outs WHERE channel = 'sms' AND address = $1`, [address]);
    }
  }

  async optedOut(address: string): Promise<{ keyword: string; at: Date } | null> {
    const [row] = (await this.db.query(
      `SELECT keyword, opted_out_at FROM channel_opt_outs WHERE channel = 'sms' AND address = $1`,
      [address],
    )) as Array<{ keyword: string; opted_out_at: Date }>;
    return row ? { keyword: row.keyword, at: row.opted_out_at } : null;
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { DeadLetter } from '@inbox/bus';
import { storableValue } from './storable-value';

/** Records that can never be handled, with the reason, visible to admins (ARCHITECTURE rule 5). */
@Injectable()
export class DeadLetterStore {
  private readonly logger = new Logger(DeadLetterStore.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(letter: DeadLetter): Promise<void> {
    this.logger.warn({ msg: 'dead-lettered', topic: letter.topic, error: letter.error, attempts: letter.attempts });
    await this.db.query(`INSERT INTO dead_letters (topic, key, payload, error, attempts) VALUES ($1, $2, $3, $4, $5)`, [
      letter.topic,
      letter.key,
      // A dead letter is kept whatever it holds: NULs and broken surrogates would make PostgreSQL refuse it.
      JSON.stringify(storableValue(letter.value ?? null)),
      storableValue(letter.error),
      letter.attempts,
    ]);
  }

  async list(limit = 100): Promise<Array<{ id: number; topic: string; error: string; attempts: number; createdAt: string }>> {
    const rows = (await this.db.query(
      `SELECT id, topic, error, attempts, created_at FROM dead_letters ORDER BY id DESC LIMIT $1`,
      [limit],
    )) as Array<{ id: string; topic: string; error: string; attempts: number; created_at: Date }>;
    return rows.map((r) => ({ id: Number(r.id), topic: r.topic, error: r.error, attempts: r.attempts, createdAt: r.created_at.toISOString() }));
  }
}

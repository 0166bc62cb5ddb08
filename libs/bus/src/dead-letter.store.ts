import { redactStoredBytes, redactStoredValue, redactText, type FirmPattern } from '@inbox/privacy';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError } from '@inbox/contracts';
import { APP_CONFIG, scrubSecrets, storableValue, type AppConfig } from '@inbox/platform';
import type { DeadLetter } from './bus.port';

/** Records that can never be handled, with the reason, visible to admins (docs/architecture.md rule 5). */
@Injectable()
export class DeadLetterStore {
  private readonly logger = new Logger(DeadLetterStore.name);

  private readonly firmPatterns: readonly FirmPattern[];

  constructor(@InjectDataSource() private readonly db: DataSource, @Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'privacy'>) {
    this.firmPatterns = config?.privacy.redactPatterns ?? [];
  }

  /** `source`: the raw bytes the record came from (a mail's RFC 822 source), kept for admins as they arrived. */
  async record(letter: DeadLetter & { source?: Buffer }): Promise<void> {
    // The reason is an error text: a provider's URL with its token in it must not be kept (or shown) with it.
    // Personal data of the kinds removed on arrival (card numbers, passwords…) is removed here too (docs/personal-data.md).
    const error = redactText(scrubSecrets(letter.error), this.firmPatterns).text;
    this.logger.warn({ msg: 'dead-lettered', topic: letter.topic, error, attempts: letter.attempts });
    await this.db.query(`INSERT INTO dead_letters (topic, key, payload, error, attempts, source) VALUES ($1, $2, $3, $4, $5, $6)`, [
      letter.topic,
      letter.key,
      // A dead letter is kept whatever it holds: NULs and broken surrogates would make PostgreSQL refuse it.
      JSON.stringify(storableValue(redactStoredValue(letter.value ?? null, this.firmPatterns))),
      storableValue(error),
      letter.attempts,
      letter.source ? redactStoredBytes(letter.source, this.firmPatterns) : null,
    ]);
  }

  async list(limit = 100): Promise<Array<{ id: number; topic: string; error: string; attempts: number; createdAt: string; hasSource: boolean }>> {
    const rows = (await this.db.query(
      `SELECT id, topic, error, attempts, created_at, source IS NOT NULL AS has_source FROM dead_letters ORDER BY id DESC LIMIT $1`,
      [limit],
    )) as Array<{ id: string; topic: string; error: string; attempts: number; created_at: Date; has_source: boolean }>;
    return rows.map((r) => ({ id: Number(r.id), topic: r.topic, error: r.error, attempts: r.attempts, createdAt: r.created_at.toISOString(), hasSource: r.has_source }));
  }

  /** The raw source kept with a dead letter (a mail as the server had it). */
  async source(id: number): Promise<Buffer> {
    const [row] = (await this.db.query(`SELECT source FROM dead_letters WHERE id = $1 AND source IS NOT NULL`, [id])) as Array<{ source: Buffer }>;
    if (!row) throw new NotFoundError('dead_letter_source_not_found', 'No such dead letter, or it has no source kept');
    return row.source;
  }
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Channel } from '@inbox/contracts';
import { scrubSecrets } from '@inbox/platform';
import { loadCaseSummary, MESSAGE_COLUMNS, toMessageView, type MessageRow } from './case-views';
import { writeCaseEvent } from './case-event-writer';
import { queryRows } from './sql-rows';
import { UnitOfWork } from './unit-of-work';

/** Records what happened to our outbound messages: provider id at send time, then delivery callbacks. */
@Injectable()
export class DeliveryRecorder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** True while the message still waits to be sent: a redelivered outbound record must not send twice. */
  async isPending(messageId: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT delivery_status, external_id FROM messages WHERE id = $1`, [messageId])) as Array<{
      delivery_status: string | null;
      external_id: string | null;
    }>;
    return rows.length > 0 && rows[0].external_id === null && rows[0].delivery_status === 'queued';
  }

  /** The provider took the message (accepted_at: when; the reports count an acknowledgement from then). `thread`: what the sent message carries for threading (e.g. an email Message-ID), merged into its thread hints. */
  async recordSent(messageId: string, externalId: string, status: string, thread?: Record<string, unknown>): Promise<void> {
    await this.update(
      `external_id = $2, delivery_status = $3, delivery_error = NULL, accepted_at = COALESCE(m.accepted_at, now()),
       thread = COALESCE(m.thread, '{}'::jsonb) || $4::jsonb`,
      [messageId, externalId, status, JSON.stringify(thread ?? {})],
    );
  }

  /** The provider asked us to wait (e.g. a 429): the message stays queued, and the agent sees why it waits. */
  async recordRetrying(messageId: string, reason: string): Promise<void> {
    await this.update(`delivery_error = $2`, [messageId, scrubSecrets(reason).slice(0, 500)]);
  }

  async recordFailed(messageId: string, reason: string): Promise<void> {
    await this.update(`delivery_status = 'failed', delivery_error = $2`, [messageId, scrubSecrets(reason).slice(0, 500)]);
  }

  /**
   * A provider's status callback for one of our messages. The channel says
   * which of its statuses come later (`isAdvance`), so a late or repeated
   * callback never moves a message backwards.
   */
  async recordStatus(
    channel: Channel,
    externalId: string,
    status: string,
    isAdvance: (current: string | null, next: string) => boolean,
    error?: string,
  ): Promise<'updated' | 'ignored' | 'unknown'> {
    const [current] = (await this.db.query(
      `SELECT id, delivery_status FROM messages WHERE channel = $1 AND external_id = $2 AND direction = 'outbound'`,
      [channel, externalId],
    )) as Array<{ id: string; delivery_status: string | null }>;
    if (!current) return 'unknown';
    const newError = status === current.delivery_status && error !== undefined;
    if (!isAdvance(current.delivery_status, status) && !newError) return 'ignored';
    await this.update(`delivery_status = $2, delivery_error = $3`, [current.id, status, error === undefined ? null : scrubSecrets(error).slice(0, 500)]);
    return 'updated';
  }

  /** Applies `set` to message $1 and pushes the change to the agents. */
  private async update(set: string, params: [string, ...unknown[]]): Promise<void> {
    await this.unitOfWork.run(async (em) => {
      const [row] = await queryRows<MessageRow>(
        em,
        `UPDATE messages m SET ${set}, updated_at = now() WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`,
        params,
      );
      if (row) await this.emit(em, row);
    });
  }

  private async emit(em: EntityManager, row: MessageRow): Promise<void> {
    if (!row.case_id) return;
    const summary = (await loadCaseSummary(em, row.case_id))!;
    await writeCaseEvent(em, { type: 'message.updated', summary, message: toMessageView(row) });
  }
}

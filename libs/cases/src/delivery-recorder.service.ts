import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Channel } from '@inbox/contracts';
import { scrubSecrets } from '@inbox/platform';
import { loadCaseSummaries, loadCaseSummary, MESSAGE_COLUMNS, toMessageView, type MessageRow } from './case-views';
import { bufferCaseEvents, flushCaseEvents, writeCaseEvent } from './case-event-writer';
import { queryRows } from './sql-rows';
import { UnitOfWork } from './unit-of-work';

/** Records what happened to our outbound messages: provider id at send time, then delivery callbacks. */
@Injectable()
export class DeliveryRecorder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Those of these messages that still wait to be sent: a redelivered outbound record must not send twice. One read. */
  async pendingAmong(messageIds: readonly string[]): Promise<Set<string>> {
    if (messageIds.length === 0) return new Set();
    const rows = (await this.db.query(`SELECT id FROM messages WHERE id = ANY($1::uuid[]) AND external_id IS NULL AND delivery_status = 'queued'`, [
      [...new Set(messageIds)],
    ])) as Array<{ id: string }>;
    return new Set(rows.map((row) => row.id));
  }

  /**
   * The providers took these messages (accepted_at: when; the reports count an acknowledgement from then), in
   * one transaction whatever their number: one update, one read of their cases, their events in one statement.
   * `thread`: what a sent message carries for threading (e.g. an email Message-ID), merged into its thread hints.
   */
  async recordSent(sent: ReadonlyArray<{ messageId: string; externalId: string; status: string; thread?: Record<string, unknown> }>): Promise<void> {
    if (sent.length === 0) return;
    await this.unitOfWork.run(async (em) => {
      bufferCaseEvents(em);
      const rows = await queryRows<MessageRow>(
        em,
        `UPDATE messages m SET external_id = u.external_id, delivery_status = u.status, delivery_error = NULL,
                accepted_at = COALESCE(m.accepted_at, now()), thread = COALESCE(m.thread, '{}'::jsonb) || u.thread, updated_at = now()
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) AS u(id, external_id, status, thread)
          WHERE m.id = u.id RETURNING ${MESSAGE_COLUMNS}`,
        [sent.map((s) => s.messageId), sent.map((s) => s.externalId), sent.map((s) => s.status), sent.map((s) => JSON.stringify(s.thread ?? {}))],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      const summaries = await loadCaseSummaries(em, rows.flatMap((row) => (row.case_id ? [row.case_id] : [])));
      for (const { messageId } of sent) {
        const row = byId.get(messageId);
        if (row?.case_id) await writeCaseEvent(em, { type: 'message.updated', summary: summaries.get(row.case_id)!, message: toMessageView(row) });
      }
      await flushCaseEvents(em);
    });
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

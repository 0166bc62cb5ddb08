import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Channel } from '@inbox/contracts';
import { scrubSecrets } from '@inbox/platform';
import { loadCaseSummaries, loadCaseSummary, toMessageView, type MessageRow } from './case-views';
import { bufferCaseEvents, flushCaseEvents, writeCaseEvent } from './case-event-writer';
import { MessageRepository, type AcceptedMessage } from './repositories/message.repository';
import { UnitOfWork } from './unit-of-work';

/** Records what happened to our outbound messages: provider id at send time, then delivery callbacks. */
@Injectable()
export class DeliveryRecorder {
  constructor(
    private readonly messages: MessageRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** Those of these messages that still wait to be sent: a redelivered outbound record must not send twice. One read. */
  async pendingAmong(messageIds: readonly string[]): Promise<Set<string>> {
    return new Set(await this.messages.queuedWithoutProviderId(messageIds));
  }

  /**
   * The providers took these messages (accepted_at: when; the reports count an acknowledgement from then), in
   * one transaction whatever their number: one update, one read of their cases, their events in one statement.
   * `thread`: what a sent message carries for threading (e.g. an email Message-ID), merged into its thread hints.
   */
  async recordSent(sent: readonly AcceptedMessage[]): Promise<void> {
    if (sent.length === 0) return;
    await this.unitOfWork.run(async (em) => {
      bufferCaseEvents(em);
      const rows = await this.messages.recordAccepted(em, sent);
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
    await this.update((em) => this.messages.setDeliveryError(em, messageId, scrubSecrets(reason).slice(0, 500)));
  }

  async recordFailed(messageId: string, reason: string): Promise<void> {
    await this.update((em) => this.messages.setDeliveryStatus(em, messageId, 'failed', scrubSecrets(reason).slice(0, 500)));
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
    const current = await this.messages.outboundByProviderId(channel, externalId);
    if (!current) return 'unknown';
    const newError = status === current.delivery_status && error !== undefined;
    if (!isAdvance(current.delivery_status, status) && !newError) return 'ignored';
    await this.update((em) => this.messages.setDeliveryStatus(em, current.id, status, error === undefined ? null : scrubSecrets(error).slice(0, 500)));
    return 'updated';
  }

  /** Runs one message's update and pushes the changed message to the agents. */
  private async update(write: (em: EntityManager) => Promise<MessageRow | undefined>): Promise<void> {
    await this.unitOfWork.run(async (em) => {
      const row = await write(em);
      if (row) await this.emit(em, row);
    });
  }

  private async emit(em: EntityManager, row: MessageRow): Promise<void> {
    if (!row.case_id) return;
    const summary = (await loadCaseSummary(em, row.case_id))!;
    await writeCaseEvent(em, { type: 'message.updated', summary, message: toMessageView(row) });
  }
}

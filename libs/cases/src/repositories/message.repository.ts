import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Channel, Classification } from '@inbox/contracts';
import { MESSAGE_COLUMNS, type MessageRow } from '../case-views';
import { queryRows } from '../sql-rows';
import type { SqlClient } from './sql-client';

/** A customer's message as the services that answer it read it: where it came in and what it said. */
export interface InboundMessageRow {
  channel: Channel;
  text: string;
  classification: Classification | null;
}

/** A message's HTML body and the attachments its inline images point at. */
export interface MessageHtmlRow {
  case_id: string | null;
  html: string | null;
  attachments: Array<{ contentId?: string; providerFileId?: string; contentType?: string }> | null;
}

/** What a provider said it did with one of our outbound messages. */
export interface AcceptedMessage {
  messageId: string;
  externalId: string;
  status: string;
  /** Merged into the message's thread hints (e.g. an email's Message-ID). */
  thread?: Record<string, unknown>;
}

/**
 * The `messages` rows: the customer's latest words that services answer or quote, and the delivery
 * record of our outbound messages. No rules: which message counts, and what a status change means,
 * the callers decide. Intake writes messages on its own batch path (libs/intake).
 */
@Injectable()
export class MessageRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The case's most recently received inbound message (the complainant's channel and language come from it). */
  async latestInboundOfCase(caseId: string, client: SqlClient = this.db): Promise<InboundMessageRow | undefined> {
    const [row] = await queryRows<InboundMessageRow>(
      client,
      `SELECT channel, text, classification FROM messages WHERE case_id = $1 AND direction = 'inbound' ORDER BY received_at DESC LIMIT 1`,
      [caseId],
    );
    return row;
  }

  /** The texts of the case's last `limit` inbound messages, newest first (in intake order). */
  async recentInboundTexts(caseId: string, limit: number, client: SqlClient = this.db): Promise<string[]> {
    const rows = await queryRows<{ text: string }>(
      client,
      `SELECT text FROM messages WHERE case_id = $1 AND direction = 'inbound' ORDER BY intake_seq DESC LIMIT $2`,
      [caseId, limit],
    );
    return rows.map((r) => r.text);
  }

  /**
   * The customer's latest inbound message on any channel but `excludingChannels`, one in `preferCaseId`
   * before any other. `IS TRUE`: a message kept without a case compares as NULL, which a descending
   * order would put first.
   */
  async latestInboundOfCustomer(
    customerId: string,
    options: { preferCaseId: string; excludingChannels: readonly Channel[] },
    client: SqlClient = this.db,
  ): Promise<InboundMessageRow | undefined> {
    const [row] = await queryRows<InboundMessageRow>(
      client,
      `SELECT channel, text, classification FROM messages
        WHERE customer_id = $1 AND direction = 'inbound' AND NOT (channel = ANY($3))
        ORDER BY (case_id = $2) IS TRUE DESC, intake_seq DESC LIMIT 1`,
      [customerId, options.preferCaseId, options.excludingChannels],
    );
    return row;
  }

  async htmlOf(messageId: string, client: SqlClient = this.db): Promise<MessageHtmlRow | undefined> {
    const [row] = await queryRows<MessageHtmlRow>(client, `SELECT case_id, html, attachments FROM messages WHERE id = $1`, [messageId]);
    return row;
  }

  /** Those of these messages still queued with no provider id: not yet handed to a provider. */
  async queuedWithoutProviderId(messageIds: readonly string[], client: SqlClient = this.db): Promise<string[]> {
    if (messageIds.length === 0) return [];
    const rows = await queryRows<{ id: string }>(
      client,
      `SELECT id FROM messages WHERE id = ANY($1::uuid[]) AND external_id IS NULL AND delivery_status = 'queued'`,
      [[...new Set(messageIds)]],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Providers took these messages: their ids and statuses, the first acceptance time, thread hints merged;
   * any delivery error cleared. One statement whatever their number; the updated rows.
   */
  async recordAccepted(em: SqlClient, accepted: readonly AcceptedMessage[]): Promise<MessageRow[]> {
    return queryRows<MessageRow>(
      em,
      `UPDATE messages m SET external_id = u.external_id, delivery_status = u.status, delivery_error = NULL,
              accepted_at = COALESCE(m.accepted_at, now()), thread = COALESCE(m.thread, '{}'::jsonb) || u.thread, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::jsonb[]) AS u(id, external_id, status, thread)
        WHERE m.id = u.id RETURNING ${MESSAGE_COLUMNS}`,
      [accepted.map((s) => s.messageId), accepted.map((s) => s.externalId), accepted.map((s) => s.status), accepted.map((s) => JSON.stringify(s.thread ?? {}))],
    );
  }

  /** Our outbound message that the provider knows by `externalId` on `channel`, with its delivery status. */
  async outboundByProviderId(channel: Channel, externalId: string, client: SqlClient = this.db): Promise<{ id: string; delivery_status: string | null } | undefined> {
    const [row] = await queryRows<{ id: string; delivery_status: string | null }>(
      client,
      `SELECT id, delivery_status FROM messages WHERE channel = $1 AND external_id = $2 AND direction = 'outbound'`,
      [channel, externalId],
    );
    return row;
  }

  /** The delivery status and its error (null: none); the updated row, undefined when there is no such message. */
  async setDeliveryStatus(em: SqlClient, messageId: string, status: string, error: string | null): Promise<MessageRow | undefined> {
    const [row] = await queryRows<MessageRow>(
      em,
      `UPDATE messages m SET delivery_status = $2, delivery_error = $3, updated_at = now() WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`,
      [messageId, status, error],
    );
    return row;
  }

  /** Why the message waits, its status unchanged; the updated row, undefined when there is no such message. */
  async setDeliveryError(em: SqlClient, messageId: string, error: string): Promise<MessageRow | undefined> {
    const [row] = await queryRows<MessageRow>(em, `UPDATE messages m SET delivery_error = $2, updated_at = now() WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`, [
      messageId,
      error,
    ]);
    return row;
  }
}

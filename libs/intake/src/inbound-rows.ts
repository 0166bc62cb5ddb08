import type { EntityManager } from 'typeorm';
import type { CaseSummary, Classification, InboundMessage } from '@inbox/contracts';
import { MESSAGE_COLUMNS, writeCasesReturningSummaries, type MessageRow } from '@inbox/cases';
import type { ValidInboundMessage } from './inbound-message.validator';

/** One inbound message's row, as intake stores it. */
export interface InboundMessageRow {
  id: string;
  caseId: string | null;
  customerId: string;
  /** The sender's address, normalised. */
  address: string;
  message: ValidInboundMessage;
  /** What is stored as the message's classification. */
  classification: Classification | (Classification & { satisfactionScore: number });
}

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * Inbound messages in one statement, their `intake_seq` drawn in the order given. A message already
 * stored (same id, or the provider's id on the same channel and account) is skipped: it is absent from
 * the result, which the caller takes as a concurrent intake of the same message.
 */
export async function insertInboundMessages(em: Pick<EntityManager, 'query'>, rows: readonly InboundMessageRow[]): Promise<Map<string, MessageRow>> {
  if (rows.length === 0) return new Map();
  const column = <T>(pick: (r: InboundMessageRow) => T) => rows.map(pick);
  const inserted = (await em.query(
    `INSERT INTO messages (id, case_id, customer_id, channel, account, direction, external_id, sender_address,
                           text, thread, attachments, raw, received_at, classification, sender_auth, html, sent_at, redactions, provider)
     SELECT id, case_id, customer_id, channel, account, 'inbound', external_id, sender_address,
            text, thread, attachments, raw, received_at, classification, sender_auth, html, sent_at, redactions, provider
       FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::jsonb[],
                   $10::jsonb[], $11::jsonb[], $12::timestamptz[], $13::jsonb[], $14::jsonb[], $15::text[], $16::timestamptz[],
                   $17::jsonb[], $18::text[]) WITH ORDINALITY
            AS u(id, case_id, customer_id, channel, account, external_id, sender_address, text, thread,
                 attachments, raw, received_at, classification, sender_auth, html, sent_at, redactions, provider, ord)
      ORDER BY ord
     ON CONFLICT DO NOTHING
     RETURNING ${MESSAGE_COLUMNS.replace(/m\./g, '')}`,
    [
      column((r) => r.id),
      column((r) => r.caseId),
      column((r) => r.customerId),
      column((r) => r.message.channel),
      column((r) => r.message.account),
      column((r) => r.message.externalId),
      column((r) => r.address),
      column((r) => r.message.text),
      column((r) => json(r.message.thread)),
      column((r) => JSON.stringify(r.message.attachments ?? [])),
      column((r) => (r.message.raw === undefined ? null : JSON.stringify(r.message.raw))),
      column((r) => new Date(r.message.receivedAt).toISOString()),
      column((r) => JSON.stringify(r.classification)),
      column((r) => json(r.message.senderAuth)),
      column((r) => r.message.html ?? null),
      column((r) => (r.message.sentAt ? new Date(r.message.sentAt).toISOString() : null)),
      column((r) => (r.message.redactions?.length ? JSON.stringify(r.message.redactions) : null)),
      column((r) => r.message.provider ?? null),
    ],
  )) as MessageRow[];
  return new Map(inserted.map((row) => [row.id, row]));
}

/** A case intake opens, as one row of insertNewCases. */
export interface NewCaseRow {
  id: string;
  message: Pick<InboundMessage, 'channel' | 'account' | 'receivedAt'>;
  customerId: string;
  /** Null: the default team. */
  teamId: string | null;
  acknowledgeBy: Date | null;
  respondBy: Date | null;
  preview: string;
  kind: string;
  classification: Classification;
  priority: number;
  linkedCaseId: string | null;
  classificationCheck: boolean;
}

/**
 * New cases in one statement, with their summaries (by case id). The references are drawn in the order
 * given, as formatCaseReference writes them: C- and the sequence number, at least six digits.
 */
export async function insertNewCases(em: Pick<EntityManager, 'query'>, rows: readonly NewCaseRow[]): Promise<Map<string, CaseSummary>> {
  if (rows.length === 0) return new Map();
  const column = <T>(pick: (r: NewCaseRow) => T) => rows.map(pick);
  const summaries = await writeCasesReturningSummaries(
    em,
    `INSERT INTO cases (id, reference, status, channel, account, customer_id, team_id, received_at, acknowledge_by, respond_by,
                        last_message_at, preview, kind, category, priority, urgency, vulnerability, linked_case_id, classification_check)
     SELECT id, 'C-' || lpad(n::text, greatest(6, length(n::text)), '0'), 'new', channel, account, customer_id,
            COALESCE(team_id, (SELECT id FROM teams WHERE is_default)), received_at, acknowledge_by, respond_by, received_at,
            preview, kind, category, priority, urgency, vulnerability, linked_case_id, classification_check
       FROM (SELECT u.*, nextval('case_reference_seq') AS n
               FROM (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::timestamptz[], $7::timestamptz[],
                                          $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::int[], $13::text[], $14::jsonb[],
                                          $15::uuid[], $16::boolean[]) WITH ORDINALITY
                          AS u(id, channel, account, customer_id, team_id, received_at, acknowledge_by, respond_by, preview, kind,
                               category, priority, urgency, vulnerability, linked_case_id, classification_check, ord)
                      ORDER BY ord) u) numbered
      ORDER BY ord
     RETURNING *`,
    [
      column((r) => r.id),
      column((r) => r.message.channel),
      column((r) => r.message.account),
      column((r) => r.customerId),
      column((r) => r.teamId),
      column((r) => new Date(r.message.receivedAt).toISOString()),
      column((r) => r.acknowledgeBy?.toISOString() ?? null),
      column((r) => r.respondBy?.toISOString() ?? null),
      column((r) => r.preview),
      column((r) => r.kind),
      column((r) => r.classification.category),
      column((r) => r.priority),
      column((r) => r.classification.urgency),
      column((r) => JSON.stringify(r.classification.vulnerability)),
      column((r) => r.linkedCaseId),
      column((r) => r.classificationCheck),
    ],
  );
  return new Map(summaries.map((s) => [s.id, s]));
}

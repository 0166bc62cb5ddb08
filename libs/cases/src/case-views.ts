import { OPEN_CASE_STATUSES, type AttachmentRef, type CaseStatus, type CaseSummary, type CaseTag, type Channel, type CustomFieldValues, type Classification, type Direction, type MessageView, type Redaction, type SenderAuthentication, type Visibility } from '@inbox/contracts';
import { identityLabel } from '@inbox/complaint-detection';

/**
 * The address to show for a case's customer who has no name, for queries that join
 * cases c with customers cu: an email or phone number first (people recognise those),
 * then a contact they gave us (a web chat visitor's email, shown marked unverified),
 * then any identity (a platform id is shown by its channel, never as the id).
 */
export const CUSTOMER_IDENTITY_COLUMN = `
  CASE WHEN cu.display_name IS NULL THEN COALESCE(
    (SELECT json_build_object('channel', i.channel, 'address', i.address) FROM identities i
      WHERE i.customer_id = c.customer_id AND i.channel IN ('email', 'sms', 'voice', 'whatsapp')
      ORDER BY i.channel = c.channel DESC, i.created_at LIMIT 1),
    (SELECT json_build_object('channel', ic.channel, 'address', ic.address, 'unverified', true) FROM identity_claims ic
      WHERE ic.customer_id = c.customer_id AND ic.status = 'unverified' ORDER BY ic.created_at LIMIT 1),
    (SELECT json_build_object('channel', i.channel, 'address', i.address) FROM identities i WHERE i.customer_id = c.customer_id
      ORDER BY i.channel = c.channel DESC, i.created_at LIMIT 1)
  ) END AS customer_identity`;

/** A case's tags by name (an index lookup on case_tags' key), for queries over cases c. */
export const CASE_TAGS_COLUMN = `
  COALESCE((SELECT json_agg(json_build_object('id', t.id, 'name', t.name, 'colour', t.colour) ORDER BY lower(t.name))
    FROM case_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.case_id = c.id), '[]'::json) AS tags`;

/** A case's custom field values by field id (the primary key's lookup), for queries over cases c. */
export const CASE_FIELDS_COLUMN = `
  COALESCE((SELECT jsonb_object_agg(v.field_id, v.value) FROM case_field_values v WHERE v.case_id = c.id), '{}'::jsonb) AS fields`;

/** Columns every case summary needs, for queries that join cases c with customers cu. */
export const CASE_SUMMARY_COLUMNS = `
  c.id, c.reference, c.status, c.channel, c.customer_id, cu.display_name AS customer_name, c.team_id, c.assignee_id,
  c.priority, c.category, c.received_at, c.last_message_at, c.acknowledge_by, c.acknowledged_at, c.respond_by, c.preview, c.classification_check,
  ${CUSTOMER_IDENTITY_COLUMN}, ${CASE_TAGS_COLUMN}, ${CASE_FIELDS_COLUMN}`;

export interface CaseSummaryRow {
  id: string;
  reference: string;
  status: CaseStatus;
  channel: Channel;
  customer_id: string;
  customer_name: string | null;
  /** Set when the customer has no name: the address to show instead, or an address they claimed but have not proven. */
  customer_identity: { channel: Channel; address: string; unverified?: boolean } | null;
  team_id: string | null;
  assignee_id: string | null;
  priority: number;
  category: string | null;
  received_at: Date;
  last_message_at: Date;
  acknowledge_by: Date | null;
  acknowledged_at?: Date | null;
  respond_by: Date | null;
  preview: string;
  classification_check: boolean;
  tags?: CaseTag[];
  fields?: CustomFieldValues;
}

/** How a customer without a name is shown; a claimed address is what the visitor gave, not proof of who they are: it says so. */
export function addressLabel(identity: { channel: Channel; address: string; unverified?: boolean }): string {
  return identity.unverified ? `${identityLabel(identity)} (unverified)` : identityLabel(identity);
}

export function toCaseSummary(row: CaseSummaryRow): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    channel: row.channel,
    customerId: row.customer_id,
    customerName: row.customer_name,
    customerAddress: row.customer_identity ? addressLabel(row.customer_identity) : null,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    priority: Number(row.priority),
    category: row.category,
    receivedAt: iso(row.received_at),
    lastMessageAt: iso(row.last_message_at),
    deadlines: { acknowledgeBy: isoOrNull(row.acknowledge_by), respondBy: isoOrNull(row.respond_by) },
    ...(row.acknowledged_at !== undefined ? { acknowledgedAt: isoOrNull(row.acknowledged_at) } : {}),
    preview: row.preview,
    classificationCheck: row.classification_check,
    ...(row.tags !== undefined ? { tags: row.tags } : {}),
    ...(row.fields !== undefined ? { fields: row.fields } : {}),
  };
}

export const MESSAGE_COLUMNS = `
  m.id, m.case_id, m.customer_id, m.channel, m.direction, m.text, m.sender_address, m.created_at, m.received_at,
  m.sent_at, m.intake_seq, m.delivery_status, m.delivery_error, m.classification, m.thread->>'visibility' AS visibility, m.attachments,
  m.sender_auth, (m.html IS NOT NULL) AS has_html, m.thread->'copied' AS copied, m.thread->'cc' AS cc, m.thread->'bcc' AS bcc, m.redactions`;

export interface MessageRow {
  id: string;
  case_id: string | null;
  customer_id: string;
  channel: Channel;
  direction: Direction;
  text: string;
  sender_address: string | null;
  created_at: Date;
  received_at: Date;
  sent_at: Date | null;
  intake_seq: string | number;
  delivery_status: string | null;
  delivery_error: string | null;
  classification: Classification | null;
  visibility?: Visibility | null;
  attachments?: AttachmentRef[] | null;
  sender_auth?: SenderAuthentication | null;
  has_html?: boolean | null;
  copied?: string[] | null;
  cc?: string[] | null;
  bcc?: string[] | null;
  redactions?: Redaction[] | null;
}

export function toMessageView(row: MessageRow): MessageView {
  const view: MessageView = {
    id: row.id,
    caseId: row.case_id,
    customerId: row.customer_id,
    channel: row.channel,
    direction: row.direction,
    text: row.text,
    senderAddress: row.sender_address,
    createdAt: iso(row.created_at),
    receivedAt: iso(row.received_at),
    sentAt: row.sent_at === null || row.sent_at === undefined ? null : iso(row.sent_at),
    intakeSeq: Number(row.intake_seq),
    deliveryStatus: row.delivery_status,
    deliveryError: row.delivery_error,
    classification: row.classification,
    attachments: row.attachments ?? [],
  };
  if (row.visibility) view.visibility = row.visibility;
  if (row.sender_auth) view.senderAuth = row.sender_auth;
  if (row.has_html) view.hasHtml = true;
  if (row.copied?.length) view.copied = row.copied;
  if (row.cc?.length) view.cc = row.cc;
  if (row.bcc?.length) view.bcc = row.bcc;
  if (row.redactions?.length) view.redactions = row.redactions;
  return view;
}

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}

/** The statuses in which a case is still being worked, and so joins new messages. */
export const OPEN_STATUSES = OPEN_CASE_STATUSES;

/** One case's summary, read in the caller's transaction (or outside one), or undefined when it does not exist. */
export async function loadCaseSummary(em: { query(sql: string, params?: unknown[]): Promise<unknown> }, caseId: string): Promise<CaseSummary | undefined> {
  const rows = (await em.query(
    `SELECT ${CASE_SUMMARY_COLUMNS} FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
    [caseId],
  )) as CaseSummaryRow[];
  return rows[0] ? toCaseSummary(rows[0]) : undefined;
}

/** The summaries of many cases in one read, by case id (a case that does not exist is absent). */
export async function loadCaseSummaries(em: { query(sql: string, params?: unknown[]): Promise<unknown> }, caseIds: readonly string[]): Promise<Map<string, CaseSummary>> {
  if (caseIds.length === 0) return new Map();
  const rows = (await em.query(
    `SELECT ${CASE_SUMMARY_COLUMNS} FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = ANY($1::uuid[])`,
    [[...new Set(caseIds)]],
  )) as CaseSummaryRow[];
  return new Map(rows.map((row) => [row.id, toCaseSummary(row)]));
}

/**
 * Runs a statement that writes one case row (`… RETURNING *`) and returns that
 * case's summary in the same round trip, instead of a write then loadCaseSummary.
 */
export async function writeCaseReturningSummary(
  em: { query(sql: string, params?: unknown[]): Promise<unknown> },
  writeReturningAll: string,
  params: unknown[],
): Promise<CaseSummary | undefined> {
  return (await writeCasesReturningSummaries(em, writeReturningAll, params))[0];
}

/** The same for a statement that writes many case rows: their summaries, in no particular order. */
export async function writeCasesReturningSummaries(
  em: { query(sql: string, params?: unknown[]): Promise<unknown> },
  writeReturningAll: string,
  params: unknown[],
): Promise<CaseSummary[]> {
  const rows = (await em.query(
    `WITH c AS (${writeReturningAll}) SELECT ${CASE_SUMMARY_COLUMNS} FROM c JOIN customers cu ON cu.id = c.customer_id`,
    params,
  )) as CaseSummaryRow[];
  return rows.map(toCaseSummary);
}

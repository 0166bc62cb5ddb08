import type { AttachmentRef, CaseSummary, Channel, Classification, Direction, MessageView, Visibility } from '@inbox/contracts';

/** Columns every case summary needs, for queries that join cases c with customers cu. */
export const CASE_SUMMARY_COLUMNS = `
  c.id, c.reference, c.status, c.channel, c.customer_id, cu.display_name AS customer_name, c.team_id, c.assignee_id,
  c.priority, c.category, c.received_at, c.last_message_at, c.acknowledge_by, c.respond_by, c.preview`;

export interface CaseSummaryRow {
  id: string;
  reference: string;
  status: string;
  channel: Channel;
  customer_id: string;
  customer_name: string | null;
  team_id: string | null;
  assignee_id: string | null;
  priority: number;
  category: string | null;
  received_at: Date;
  last_message_at: Date;
  acknowledge_by: Date | null;
  respond_by: Date | null;
  preview: string;
}

export function toCaseSummary(row: CaseSummaryRow): CaseSummary {
  return {
    id: row.id,
    reference: row.reference,
    status: row.status,
    channel: row.channel,
    customerId: row.customer_id,
    customerName: row.customer_name,
    teamId: row.team_id,
    assigneeId: row.assignee_id,
    priority: Number(row.priority),
    category: row.category,
    receivedAt: iso(row.received_at),
    lastMessageAt: iso(row.last_message_at),
    deadlines: { acknowledgeBy: isoOrNull(row.acknowledge_by), respondBy: isoOrNull(row.respond_by) },
    preview: row.preview,
  };
}

export const MESSAGE_COLUMNS = `
  m.id, m.case_id, m.customer_id, m.channel, m.direction, m.text, m.sender_address, m.created_at, m.received_at,
  m.delivery_status, m.delivery_error, m.classification, m.thread->>'visibility' AS visibility, m.attachments`;

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
  delivery_status: string | null;
  delivery_error: string | null;
  classification: Classification | null;
  visibility?: Visibility | null;
  attachments?: AttachmentRef[] | null;
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
    deliveryStatus: row.delivery_status,
    deliveryError: row.delivery_error,
    classification: row.classification,
    attachments: row.attachments ?? [],
  };
  if (row.visibility) view.visibility = row.visibility;
  return view;
}

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function isoOrNull(value: Date | string | null): string | null {
  return value === null ? null : iso(value);
}

/** The statuses in which a case is still being worked, and so joins new messages. */
export const OPEN_STATUSES = ['new', 'open', 'pending', 'escalated'] as const;

/** One case's summary, read in the caller's transaction (or outside one), or undefined when it does not exist. */
export async function loadCaseSummary(em: { query(sql: string, params?: unknown[]): Promise<unknown> }, caseId: string): Promise<CaseSummary | undefined> {
  const rows = (await em.query(
    `SELECT ${CASE_SUMMARY_COLUMNS} FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1`,
    [caseId],
  )) as CaseSummaryRow[];
  return rows[0] ? toCaseSummary(rows[0]) : undefined;
}

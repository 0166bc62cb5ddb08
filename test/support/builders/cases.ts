import type { Bus } from '@inbox/bus';
import type { InboundMessage } from '@inbox/contracts';
import { inboundMessage, publishInbound } from './messages';

type Query = <T = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

/** Where intake put one inbound message: its stored row, its customer and its case (null for noise kept without a case). */
export interface PlacedMessage {
  messageId: string;
  customerId: string;
  caseId: string | null;
}

/** The stored message with this provider id, or an error that names it. */
export async function placedMessage(query: Query, externalId: string): Promise<PlacedMessage> {
  const [row] = await query<{ id: string; customer_id: string; case_id: string | null }>(
    `SELECT id, customer_id, case_id FROM messages WHERE external_id = $1 AND direction = 'inbound'`,
    [externalId],
  );
  if (!row) throw new Error(`No inbound message ${externalId} is stored`);
  return { messageId: row.id, customerId: row.customer_id, caseId: row.case_id };
}

/** The columns of a case that tests check most. */
export interface CaseRow {
  id: string;
  reference: string;
  status: string;
  kind: string;
  customer_id: string;
  team_id: string | null;
  assignee_id: string | null;
  received_at: Date;
  acknowledge_by: Date | null;
  respond_by: Date | null;
  priority: number;
  complaint_type: string;
  acknowledged_at: Date | null;
  first_response_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  representative_id: string | null;
  updated_at: Date;
}

export async function caseRow(query: Query, caseId: string): Promise<CaseRow> {
  const [row] = await query<CaseRow>(
    `SELECT id, reference, status, kind, customer_id, team_id, assignee_id, received_at, acknowledge_by, respond_by, priority, complaint_type,
            acknowledged_at, first_response_at, resolved_at, closed_at, representative_id, updated_at
       FROM cases WHERE id = $1`,
    [caseId],
  );
  if (!row) throw new Error(`No case ${caseId}`);
  return row;
}

/** Anything that takes one inbound message into the database as intake does (InboundIntakeService). */
interface Intake {
  intake(raw: unknown): Promise<{ kind: string }>;
}

/** A case opened by one inbound message through the real intake; fails when the message did not open a case. */
export async function caseFromMessage(intake: Intake, query: Query, message: InboundMessage): Promise<PlacedMessage & { caseId: string; case: CaseRow }> {
  await intake.intake(message);
  const placed = await placedMessage(query, message.externalId);
  if (!placed.caseId) throw new Error(`Message ${message.externalId} (${message.text}) was kept without a case`);
  return { ...placed, caseId: placed.caseId, case: await caseRow(query, placed.caseId) };
}

/**
 * An inbound message (inboundMessage(overrides)) published as ingest publishes it, and where intake
 * placed it. On the in-process bus publishing resolves once intake has stored it.
 */
export async function publishAndPlace(
  inbox: { bus: Bus; db: { query: Query } },
  overrides: Partial<InboundMessage> = {},
): Promise<PlacedMessage & { message: InboundMessage }> {
  const message = inboundMessage(overrides);
  await publishInbound(inbox.bus, message);
  return { message, ...(await placedMessage(inbox.db.query, message.externalId)) };
}

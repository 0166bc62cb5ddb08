import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CaseStatus, Channel } from '@inbox/contracts';
import { queryRows } from '../sql-rows';
import type { SqlClient } from './sql-client';

/** The case row as a state change sees it once it holds the row's lock. */
export interface LockedCaseRow {
  id: string;
  reference: string;
  status: CaseStatus;
  channel: Channel;
  customer_id: string;
  team_id: string | null;
  assignee_id: string | null;
  kind: string;
  category: string | null;
  priority: number;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
}

const LOCKED_COLUMNS = 'id, reference, status, channel, customer_id, team_id, assignee_id, kind, category, priority, acknowledged_at, resolved_at';

/** Where a case sits: its team's queue, its assignee, and the status it has there. */
export interface CaseAssignment {
  teamId: string | null;
  assigneeId: string | null;
  status: CaseStatus;
}

/** A case's RG 271 clock as stored on the row (null: no deadline). */
export interface CaseDeadlines {
  acknowledgeBy: Date | null;
  respondBy: Date | null;
}

/**
 * The `cases` rows: reads, the row lock, and the column writes that agents' actions and the
 * complaint services make. It holds no rules: callers decide what may change and write the
 * case event; every write here also stamps `updated_at`.
 */
@Injectable()
export class CaseRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Locks the case row until the caller's transaction ends (SELECT … FOR UPDATE); undefined when there is no such case. */
  async lockForUpdate(em: SqlClient, caseId: string): Promise<LockedCaseRow | undefined> {
    const [row] = await queryRows<LockedCaseRow>(em, `SELECT ${LOCKED_COLUMNS} FROM cases WHERE id = $1 FOR UPDATE`, [caseId]);
    return row ? { ...row, priority: Number(row.priority) } : undefined;
  }

  /**
   * Locks several case rows until the caller's transaction ends, in id order (as every writer of several
   * cases locks them, so two never deadlock); the ids that exist. Read what joins them (their compliance
   * record, their messages) after this, in its own statement: a join read in the locking statement may
   * return the joined rows as they were before the lock was granted.
   */
  async lockManyForUpdate(em: SqlClient, caseIds: readonly string[]): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(em, `SELECT id FROM cases WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[...new Set(caseIds)]]);
    return rows.map((r) => r.id);
  }

  /** Whether the case belongs to the customer. */
  async belongsToCustomer(caseId: string, customerId: string, client: SqlClient = this.db): Promise<boolean> {
    return (await queryRows(client, `SELECT 1 FROM cases WHERE id = $1 AND customer_id = $2`, [caseId, customerId])).length > 0;
  }

  /** Whether any case of the customer is assigned to this staff member. */
  async anyAssignedTo(customerId: string, userId: string, client: SqlClient = this.db): Promise<boolean> {
    return (await queryRows(client, `SELECT 1 FROM cases WHERE customer_id = $1 AND assignee_id = $2 LIMIT 1`, [customerId, userId])).length > 0;
  }

  /** The staff member the case is assigned to, if any. */
  async assigneeOf(caseId: string, client: SqlClient = this.db): Promise<{ id: string; name: string } | undefined> {
    const [holder] = await queryRows<{ id: string; name: string }>(client, `SELECT u.id, u.name FROM cases c JOIN users u ON u.id = c.assignee_id WHERE c.id = $1`, [caseId]);
    return holder;
  }

  async setStatus(em: SqlClient, caseId: string, status: CaseStatus): Promise<void> {
    await em.query(`UPDATE cases SET status = $2, updated_at = now() WHERE id = $1`, [caseId, status]);
  }

  /** Back in the queue: open again, no longer closed (resolved_at stays, the history of the last resolution). */
  async reopen(em: SqlClient, caseId: string): Promise<void> {
    await em.query(`UPDATE cases SET status = 'open', closed_at = NULL, updated_at = now() WHERE id = $1`, [caseId]);
  }

  /** Resolved or closed by a final response at `at`: the status, resolved_at and closed_at together. */
  async close(em: SqlClient, caseId: string, status: CaseStatus, at: Date): Promise<void> {
    await em.query(`UPDATE cases SET status = $2, resolved_at = $3, closed_at = $3, updated_at = now() WHERE id = $1`, [caseId, status, at]);
  }

  /** Team, assignee and status at once (a transfer, an escalation to another team). */
  async setAssignment(em: SqlClient, caseId: string, assignment: CaseAssignment): Promise<void> {
    await em.query(`UPDATE cases SET team_id = $2, assignee_id = $3, status = $4, updated_at = now() WHERE id = $1`, [
      caseId,
      assignment.teamId,
      assignment.assigneeId,
      assignment.status,
    ]);
  }

  /** Off its assignee; it stays in its team's queue. */
  async clearAssignee(em: SqlClient, caseId: string): Promise<void> {
    await em.query(`UPDATE cases SET assignee_id = NULL, updated_at = now() WHERE id = $1`, [caseId]);
  }

  /**
   * Gives the case to `assigneeId` if it is unassigned or already theirs, in one statement so that of
   * two agents claiming at once exactly one wins; a new case becomes open. False: someone else holds it.
   */
  async claimFor(em: SqlClient, caseId: string, assigneeId: string): Promise<boolean> {
    const updated = await queryRows(
      em,
      `UPDATE cases SET assignee_id = $2, status = CASE WHEN status = 'new' THEN 'open' ELSE status END, updated_at = now()
        WHERE id = $1 AND (assignee_id IS NULL OR assignee_id = $2) RETURNING id`,
      [caseId, assigneeId],
    );
    return updated.length > 0;
  }

  /**
   * Gives an unassigned case still in `teamId`'s queue with one of `statuses` to `assigneeId`; a new case
   * becomes open. False: the case moved, was taken or closed since it was picked.
   */
  async assignIfStillQueued(em: SqlClient, caseId: string, assigneeId: string, teamId: string, statuses: readonly string[]): Promise<boolean> {
    const updated = await queryRows(
      em,
      `UPDATE cases SET assignee_id = $2, status = CASE WHEN status = 'new' THEN 'open' ELSE status END, updated_at = now()
        WHERE id = $1 AND team_id = $3 AND assignee_id IS NULL AND status = ANY($4) RETURNING id`,
      [caseId, assigneeId, teamId, statuses],
    );
    return updated.length > 0;
  }

  /** Up to `limit` unassigned cases of the team with one of `statuses`, in queue order: earliest deadline, then priority, then oldest. */
  async unassignedInQueue(client: SqlClient, teamId: string, statuses: readonly string[], limit: number): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(
      client,
      `SELECT id FROM cases WHERE team_id = $1 AND assignee_id IS NULL AND status = ANY($2)
        ORDER BY respond_by ASC NULLS LAST, priority ASC, received_at ASC LIMIT $3`,
      [teamId, statuses, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The unassigned case with one of `statuses` received first, in any team. */
  async oldestUnassigned(statuses: readonly string[], client: SqlClient = this.db): Promise<{ id: string; reference: string; received_at: Date } | undefined> {
    const [row] = await queryRows<{ id: string; reference: string; received_at: Date }>(
      client,
      `SELECT id, reference, received_at FROM cases WHERE status = ANY($1) AND assignee_id IS NULL ORDER BY received_at LIMIT 1`,
      [statuses],
    );
    return row;
  }

  async setPriority(em: SqlClient, caseId: string, priority: number): Promise<void> {
    await em.query(`UPDATE cases SET priority = $2, updated_at = now() WHERE id = $1`, [caseId, priority]);
  }

  /** Acknowledged now (the acknowledgement clock stops); a new case becomes open. */
  async markAcknowledged(em: SqlClient, caseId: string): Promise<void> {
    await em.query(`UPDATE cases SET acknowledged_at = now(), status = CASE WHEN status = 'new' THEN 'open' ELSE status END, updated_at = now() WHERE id = $1`, [
      caseId,
    ]);
  }

  /** A reply went out: the first response time is kept from the first one, and a new case becomes open. */
  async markResponded(em: SqlClient, caseId: string): Promise<void> {
    await em.query(
      `UPDATE cases SET first_response_at = COALESCE(first_response_at, now()),
                        status = CASE WHEN status = 'new' THEN 'open' ELSE status END, updated_at = now()
        WHERE id = $1`,
      [caseId],
    );
  }

  /** Something changed on the case that has no column of its own (a message that is not a response). */
  async touch(em: SqlClient, caseId: string): Promise<void> {
    await em.query(`UPDATE cases SET updated_at = now() WHERE id = $1`, [caseId]);
  }

  /**
   * Who made the complaint on the case: a representative (null: the customer). Not `about_representative`,
   * which is ASIC's "the complaint is about the firm's own authorised representative".
   */
  async setRepresentative(em: SqlClient, caseId: string, representativeId: string | null): Promise<void> {
    await em.query(`UPDATE cases SET representative_id = $2, updated_at = now() WHERE id = $1`, [caseId, representativeId]);
  }

  /** The complaint type, and the response deadline with it when given (undefined: the deadline stays). */
  async setComplaintType(em: SqlClient, caseId: string, complaintType: string, respondBy?: Date | null): Promise<void> {
    if (respondBy === undefined) {
      await em.query(`UPDATE cases SET complaint_type = $2, updated_at = now() WHERE id = $1`, [caseId, complaintType]);
      return;
    }
    await em.query(`UPDATE cases SET complaint_type = $2, respond_by = $3, updated_at = now() WHERE id = $1`, [caseId, complaintType, respondBy]);
  }

  async setRespondBy(em: SqlClient, caseId: string, respondBy: Date | null): Promise<void> {
    await em.query(`UPDATE cases SET respond_by = $2, updated_at = now() WHERE id = $1`, [caseId, respondBy]);
  }

  async setDeadlines(em: SqlClient, caseId: string, deadlines: CaseDeadlines): Promise<void> {
    await em.query(`UPDATE cases SET acknowledge_by = $2, respond_by = $3, updated_at = now() WHERE id = $1`, [caseId, deadlines.acknowledgeBy, deadlines.respondBy]);
  }

  /** The clock starts at `receivedAt` with these deadlines. */
  async restartClock(em: SqlClient, caseId: string, receivedAt: Date, deadlines: CaseDeadlines): Promise<void> {
    await em.query(`UPDATE cases SET received_at = $2, acknowledge_by = $3, respond_by = $4, updated_at = now() WHERE id = $1`, [
      caseId,
      receivedAt,
      deadlines.acknowledgeBy,
      deadlines.respondBy,
    ]);
  }

  /** The clock starts earlier, at `receivedAt`; a deadline given as null keeps the one stored. */
  async moveStartBack(em: SqlClient, caseId: string, receivedAt: Date, deadlines: CaseDeadlines): Promise<void> {
    await em.query(
      `UPDATE cases SET received_at = $2, acknowledge_by = COALESCE($3, acknowledge_by), respond_by = COALESCE($4, respond_by), updated_at = now() WHERE id = $1`,
      [caseId, receivedAt, deadlines.acknowledgeBy, deadlines.respondBy],
    );
  }
}

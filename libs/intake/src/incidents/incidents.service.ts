import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ConflictError, DomainError, InvalidInputError, NotFoundError, type IncidentView, type StaffPrincipal } from '@inbox/contracts';
import { ReplyService } from '@inbox/workspace';
import { queryRows, visibleCaseSql } from '@inbox/cases';


export interface IncidentDetail extends IncidentView {
  cases: Array<{ id: string; reference: string; status: string; channel: string; customerId: string; linkedAt: string }>;
  updates: Array<{ id: string; text: string; authorUserId: string; createdAt: string; sent: number; failed: number }>;
}

export interface UpdateResult {
  caseId: string;
  messageId?: string;
  error?: { code: string; message: string };
}

/** Replies go out a few at a time: fast enough for hundreds of cases, gentle on the pool. */
const SEND_CONCURRENCY = 4;

/** Incidents for supervisors: the list, one with its cases, and one update sent to every affected customer. */
@Injectable()
export class IncidentsService {
  private readonly logger = new Logger(IncidentsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly replies: ReplyService,
  ) {}

  async list(): Promise<{ items: IncidentView[] }> {
    const rows = (await this.db.query(
      `SELECT i.*, (SELECT count(*)::int FROM incident_cases ic WHERE ic.incident_id = i.id) AS case_count
         FROM incidents i ORDER BY (i.status = 'open') DESC, i.opened_at DESC LIMIT 200`,
    )) as IncidentRow[];
    return { items: rows.map(toView) };
  }

  /** One incident with the cases of it the principal may see (the routes are for supervisors, who see all). */
  async get(principal: StaffPrincipal, incidentId: string): Promise<IncidentDetail> {
    const incident = await this.find(incidentId);
    const caseParams: unknown[] = [incidentId];
    const visible = visibleCaseSql(principal, 'c.team_id', caseParams);
    const [cases, updates] = await Promise.all([
      this.db.query(
        `SELECT c.id, c.reference, c.status, c.channel, c.customer_id, ic.linked_at
           FROM incident_cases ic JOIN cases c ON c.id = ic.case_id WHERE ic.incident_id = $1 AND ${visible} ORDER BY c.received_at`,
        caseParams,
      ),
      this.db.query(`SELECT id, text, author_user_id, created_at, results FROM incident_updates WHERE incident_id = $1 ORDER BY created_at`, [incidentId]),
    ]);
    return {
      ...toView(incident),
      cases: (cases as Array<{ id: string; reference: string; status: string; channel: string; customer_id: string; linked_at: Date }>).map((c) => ({
        id: c.id,
        reference: c.reference,
        status: c.status,
        channel: c.channel,
        customerId: c.customer_id,
        linkedAt: c.linked_at.toISOString(),
      })),
      updates: (updates as Array<{ id: string; text: string; author_user_id: string; created_at: Date; results: UpdateResult[] }>).map((u) => ({
        id: u.id,
        text: u.text,
        authorUserId: u.author_user_id,
        createdAt: u.created_at.toISOString(),
        sent: u.results.filter((r) => r.messageId).length,
        failed: u.results.filter((r) => r.error).length,
      })),
    };
  }

  /**
   * One text to every customer of the incident: a reply on each linked case,
   * on that case's own channel, through the same path as an agent's reply (so
   * it is stored, queued, recorded on the case and pushed). A case that cannot
   * be answered (e.g. the customer opted out) is reported, not fatal.
   */
  async sendUpdate(principal: StaffPrincipal, incidentId: string, text: string): Promise<{ updateId: string; results: UpdateResult[] }> {
    await this.find(incidentId);
    if (!text.trim()) throw new InvalidInputError('empty_update', 'The update is empty');
    const cases = (await this.db.query(
      `SELECT ic.case_id FROM incident_cases ic JOIN cases c ON c.id = ic.case_id WHERE ic.incident_id = $1 ORDER BY c.received_at`,
      [incidentId],
    )) as Array<{ case_id: string }>;
    const results: UpdateResult[] = [];
    for (let i = 0; i < cases.length; i += SEND_CONCURRENCY) {
      const batch = cases.slice(i, i + SEND_CONCURRENCY);
      results.push(
        ...(await Promise.all(
          batch.map(async ({ case_id }): Promise<UpdateResult> => {
            try {
              // Recorded here, on the incident; not anyone's first response on the case, and a new case stays new.
              const message = await this.replies.reply(principal, case_id, { text }, { respondsToCase: false });
              return { caseId: case_id, messageId: message.id };
            } catch (error) {
              if (error instanceof DomainError) return { caseId: case_id, error: { code: error.code, message: error.message } };
              throw error;
            }
          }),
        )),
      );
    }
    const [row] = (await this.db.query(
      `INSERT INTO incident_updates (incident_id, text, author_user_id, results) VALUES ($1, $2, $3, $4) RETURNING id`,
      [incidentId, text.trim(), principal.userId, JSON.stringify(results)],
    )) as Array<{ id: string }>;
    await this.db.query(`UPDATE incidents SET updated_at = now() WHERE id = $1`, [incidentId]);
    return { updateId: row.id, results };
  }

  /** Over: later complaints about the same thing no longer join it (a new burst opens a new incident). */
  async close(principal: StaffPrincipal, incidentId: string): Promise<IncidentView> {
    await this.find(incidentId);
    const closed = await queryRows(
      this.db,
      `UPDATE incidents SET status = 'closed', closed_at = now(), updated_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
      [incidentId],
    );
    if (closed.length === 0) throw new ConflictError('incident_closed', 'This incident is already closed');
    this.logger.log({ msg: 'incident closed', incidentId, by: principal.userId });
    return toView(await this.find(incidentId));
  }

  private async find(incidentId: string): Promise<IncidentRow> {
    const [row] = (await this.db.query(
      `SELECT i.*, (SELECT count(*)::int FROM incident_cases ic WHERE ic.incident_id = i.id) AS case_count FROM incidents i WHERE i.id = $1`,
      [incidentId],
    )) as IncidentRow[];
    if (!row) throw new NotFoundError('incident_not_found', 'No such incident');
    return row;
  }
}

interface IncidentRow {
  id: string;
  key: string;
  title: string;
  status: string;
  opened_at: Date;
  window_started_at: Date;
  case_count: number;
}

function toView(r: IncidentRow): IncidentView {
  return {
    id: r.id,
    key: r.key,
    title: r.title,
    status: r.status,
    openedAt: r.opened_at.toISOString(),
    windowStartedAt: r.window_started_at.toISOString(),
    caseCount: r.case_count,
  };
}

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseEvent, CaseSummary } from '@inbox/contracts';
import { burstRanges, incidentKeysFor, isBurst, type BurstSettings, type IncidentKey } from '@inbox/complaint-detection';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { loadCaseSummary } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';

/**
 * Guards opening incidents. Every new complaint that finds no open incident
 * holds it shared until its transaction commits; opening one holds it
 * exclusively, so it waits for those complaints to commit and then sees (and
 * links) every one of them. Complaints no longer queue behind each other;
 * only the rare opening does.
 */
const INCIDENT_LOCK = 'incidents:open';

/**
 * Thrown inside the intake transaction when a complaint finds a burst while
 * holding the lock shared: a shared holder cannot safely take it exclusively
 * (two of them would wait for each other), so the caller rolls back and runs
 * the intake again with `mayOpen: 'exclusive'`.
 */
export class IncidentOpeningNeedsExclusiveLock extends Error {
  constructor() {
    super('a burst was found: the intake runs again holding the incident lock exclusively');
    this.name = 'IncidentOpeningNeedsExclusiveLock';
  }
}

export type IncidentLockMode = 'shared' | 'exclusive';

@Injectable()
export class IncidentLinker {
  private readonly settings: BurstSettings;
  /** The open incident each transaction found for a set of keys: one lookup per intake batch, not per complaint. */
  private readonly openSeenBy = new WeakMap<EntityManager, Map<string, { id: string; key: string }>>();
  /** Links a transaction keeps to write together (bufferLinks), in the order they were made. */
  private readonly pendingLinks = new WeakMap<EntityManager, Array<{ incident: { id: string; key: string }; summary: CaseSummary }>>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.triage.incidents;
  }

  async onNewComplaint(
    em: EntityManager,
    summary: CaseSummary,
    complaint: { category: string | null; text: string; receivedAt: Date },
    lockMode: IncidentLockMode = 'shared',
  ): Promise<CaseEvent[]> {
    const keys = incidentKeysFor(complaint.category, complaint.text);
    if (keys.length === 0) return [];
    const open = this.openSeenBy.get(em)?.get(keys.join(' ')) ?? (await this.openIncidentFor(em, keys));
    if (open) {
      // The rest of a batch's complaints with the same keys link to it without looking again.
      if (!this.openSeenBy.has(em)) this.openSeenBy.set(em, new Map());
      this.openSeenBy.get(em)!.set(keys.join(' '), open);
      return this.link(em, open, summary);
    }

    // Counting a burst and opening an incident look at which complaints are linked: the kept links first.
    await this.writePendingLinks(em);
    const lock = lockMode === 'exclusive' ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared';
    await em.query(`SELECT ${lock}(hashtextextended($1, 0))`, [INCIDENT_LOCK]);
    // Another worker may have opened it while we waited (it linked only complaints committed before it).
    const openedMeanwhile = await this.openIncidentFor(em, keys);
    if (openedMeanwhile) return this.link(em, openedMeanwhile, summary);

    const { windowStart, baselineStart } = burstRanges(complaint.receivedAt, this.settings);
    const range = { windowStart, baselineStart, at: complaint.receivedAt };
    const opening = (key: IncidentKey, title: string) => {
      if (lockMode !== 'exclusive') throw new IncidentOpeningNeedsExclusiveLock();
      return this.open(em, key, title, summary, range);
    };
    if (complaint.category) {
      const key: IncidentKey = `category:${complaint.category}`;
      const counts = await this.countCategory(em, complaint.category, range);
      if (isBurst(counts.inWindow, counts.inBaseline, this.settings)) {
        return opening(key, `Burst of ${complaint.category} complaints`);
      }
    }
    const terms = keys.filter((k) => k.startsWith('term:')).map((k) => k.slice('term:'.length));
    for (const t of await this.countTerms(em, terms, range)) {
      if (isBurst(t.inWindow, t.inBaseline, this.settings)) {
        return opening(`term:${t.term}`, `Burst of complaints mentioning “${t.term}”`);
      }
    }
    return [];
  }

  private async openIncidentFor(em: EntityManager, keys: IncidentKey[]): Promise<{ id: string; key: string } | undefined> {
    const rows = (await em.query(
      `SELECT id, key FROM incidents WHERE status = 'open' AND key = ANY($1) ORDER BY array_position($1, key) LIMIT 1`,
      [keys],
    )) as Array<{ id: string; key: string }>;
    return rows[0];
  }

  /**
   * From now on, this transaction's links to open incidents are kept and written together by flushLinks: one
   * statement per incident for a whole intake batch instead of one per complaint. Their incident.updated events
   * are written then, after the batch's other events, and are not among the placing message's outcome.
   */
  bufferLinks(em: EntityManager): void {
    if (!this.pendingLinks.has(em)) this.pendingLinks.set(em, []);
  }

  /** Writes the kept links with their events and stops keeping them. */
  async flushLinks(em: EntityManager): Promise<CaseEvent[]> {
    const events = await this.writePendingLinks(em);
    this.pendingLinks.delete(em);
    return events;
  }

  private async writePendingLinks(em: EntityManager): Promise<CaseEvent[]> {
    const pending = this.pendingLinks.get(em);
    if (!pending?.length) return [];
    this.pendingLinks.set(em, []);
    const byIncident = new Map<string, typeof pending>();
    for (const link of pending) byIncident.set(link.incident.id, [...(byIncident.get(link.incident.id) ?? []), link]);
    const events: CaseEvent[] = [];
    for (const links of byIncident.values()) {
      const { incident } = links[0];
      const { before, inserted } = await this.insertLinks(em, incident.id, links.map((l) => l.summary.id));
      let caseCount = before;
      for (const { summary } of links) {
        if (!inserted.has(summary.id)) continue;
        inserted.delete(summary.id);
        caseCount += 1;
        events.push(await writeCaseEvent(em, { type: 'incident.updated', summary, data: { incidentId: incident.id, key: incident.key, change: 'case_linked', caseCount } }));
      }
    }
    return events;
  }

  /**
   * One round trip: the links, the incident's last-activity time, and its case count before them.
   * Every complaint of a burst links here: its last-activity time moves at most once a second, and never
   * waits for the row (SKIP LOCKED) — a transaction holding it is touching it already, and waiting for
   * it made every batch of a burst queue behind the one before.
   */
  private async insertLinks(em: EntityManager, incidentId: string, caseIds: readonly string[]): Promise<{ before: number; inserted: Set<string> }> {
    const [row] = (await em.query(
      `WITH linked AS (INSERT INTO incident_cases (incident_id, case_id)
                       SELECT $1, case_id FROM unnest($2::uuid[]) WITH ORDINALITY AS u(case_id, ord) ORDER BY ord
                       ON CONFLICT DO NOTHING RETURNING case_id),
            touched AS (UPDATE incidents SET updated_at = now()
                         WHERE id = (SELECT id FROM incidents WHERE id = $1 AND updated_at < now() - interval '1 second'
                                        AND EXISTS (SELECT 1 FROM linked) FOR NO KEY UPDATE SKIP LOCKED))
       SELECT (SELECT count(*) FROM incident_cases WHERE incident_id = $1)::int AS before, ARRAY(SELECT case_id::text FROM linked) AS inserted`,
      [incidentId, caseIds],
    )) as Array<{ before: number; inserted: string[] }>;
    return { before: row.before, inserted: new Set(row.inserted) };
  }

  private async link(em: EntityManager, incident: { id: string; key: string }, summary: CaseSummary): Promise<CaseEvent[]> {
    const pending = this.pendingLinks.get(em);
    if (pending) {
      pending.push({ incident, summary });
      return [];
    }
    const { before, inserted } = await this.insertLinks(em, incident.id, [summary.id]);
    if (inserted.size === 0) return [];
    return [await writeCaseEvent(em, { type: 'incident.updated', summary, data: { incidentId: incident.id, key: incident.key, change: 'case_linked', caseCount: before + 1 } })];
  }

  /**
   * Opens the incident and links every matching complaint since the window
   * started — also those received after the trigger but handled before it
   * (messages are not always handled in the order they were received).
   */
  private async open(
    em: EntityManager,
    key: IncidentKey,
    title: string,
    trigger: CaseSummary,
    range: { windowStart: Date; baselineStart: Date; at: Date },
  ): Promise<CaseEvent[]> {
    const [incident] = (await em.query(
      `INSERT INTO incidents (key, title, window_started_at) VALUES ($1, $2, $3) RETURNING id`,
      [key, title, range.windowStart],
    )) as Array<{ id: string }>;
    const matching = key.startsWith('category:')
      ? `c.category = $3::text`
      : `EXISTS (SELECT 1 FROM messages m WHERE m.case_id = c.id AND m.direction = 'inbound'
                   AND to_tsvector('simple', m.text) @@ plainto_tsquery('simple', $3::text))`;
    const linked = (await em.query(
      `INSERT INTO incident_cases (incident_id, case_id)
       SELECT $1::uuid, c.id FROM cases c
        WHERE c.kind = 'complaint' AND c.received_at >= $2 AND (${matching})
          AND NOT EXISTS (SELECT 1 FROM incident_cases ic WHERE ic.case_id = c.id)
       UNION SELECT $1::uuid, $4::uuid
       ON CONFLICT DO NOTHING RETURNING case_id`,
      [incident.id, range.windowStart, key.slice(key.indexOf(':') + 1), trigger.id],
    )) as Array<{ case_id: string }>;
    const events: CaseEvent[] = [];
    const data = { incidentId: incident.id, key, title, caseCount: linked.length };
    // One live alert for supervisors; every other linked case records the link in its own history.
    events.push(await writeCaseEvent(em, { type: 'incident.opened', summary: trigger, data }));
    for (const { case_id } of linked) {
      if (case_id === trigger.id) continue;
      const summary = await loadCaseSummary(em, case_id);
      if (summary) events.push(await writeCaseEvent(em, { type: 'case.updated', summary, data: { change: 'incident_linked', incidentId: incident.id, key } }));
    }
    return events;
  }

  private async countCategory(em: EntityManager, category: string, r: { windowStart: Date; baselineStart: Date; at: Date }) {
    const [row] = (await em.query(
      `SELECT count(*) FILTER (WHERE c.received_at >= $2)::int AS in_window, count(*) FILTER (WHERE c.received_at < $2)::int AS in_baseline
         FROM cases c
        WHERE c.kind = 'complaint' AND c.category = $1 AND c.received_at >= $3 AND c.received_at <= $4
          AND NOT EXISTS (SELECT 1 FROM incident_cases ic WHERE ic.case_id = c.id)`,
      [category, r.windowStart, r.baselineStart, r.at],
    )) as Array<{ in_window: number; in_baseline: number }>;
    return { inWindow: row.in_window, inBaseline: row.in_baseline };
  }

  /**
   * Complaint cases whose customer used each term, in the window and in the
   * baseline before it. Two steps, so the usual case stays cheap: the window
   * (a few minutes of cases, by the received_at index) first, and the week of
   * baseline only for a term that already has enough complaints to be a burst.
   */
  private async countTerms(em: EntityManager, terms: string[], r: { windowStart: Date; baselineStart: Date; at: Date }) {
    if (terms.length === 0) return [];
    const count = async (candidates: string[], from: Date, to: Date) =>
      new Map(
        ((await em.query(
          `SELECT t.term, count(DISTINCT c.id)::int AS n
             FROM cases c
             JOIN messages m ON m.case_id = c.id AND m.direction = 'inbound'
             JOIN unnest($1::text[]) AS t(term) ON to_tsvector('simple', m.text) @@ plainto_tsquery('simple', t.term)
            WHERE c.kind = 'complaint' AND c.received_at >= $2 AND c.received_at < $3
              AND NOT EXISTS (SELECT 1 FROM incident_cases ic WHERE ic.case_id = c.id)
            GROUP BY t.term`,
          [candidates, from, to],
        )) as Array<{ term: string; n: number }>).map((row) => [row.term, row.n]),
      );
    const inWindow = await count(terms, r.windowStart, new Date(r.at.getTime() + 1));
    const busy = terms.filter((t) => (inWindow.get(t) ?? 0) >= this.settings.minComplaints);
    if (busy.length === 0) return [];
    const inBaseline = await count(busy, r.baselineStart, r.windowStart);
    return busy
      .map((term) => ({ term, inWindow: inWindow.get(term)!, inBaseline: inBaseline.get(term) ?? 0 }))
      .sort((a, b) => b.inWindow - a.inWindow);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseEvent, CaseSummary } from '@inbox/contracts';
import { burstRanges, incidentKeysFor, isBurst, type BurstSettings, type IncidentKey } from '@inbox/triage';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { loadCaseSummary } from '../case-views';
import { writeCaseEvent } from '../case-event-writer';

/** Serialises opening incidents across workers; linking to an open one needs no lock. */
const INCIDENT_LOCK = 'incidents:open';

/**
 * Runs in the intake transaction for every new complaint case: links it to an
 * open incident about the same thing (its category, else one of its salient
 * terms), or, when complaints like it are bursting well above their usual
 * rate, opens one and links every complaint of the window. Opening takes one
 * advisory lock, so however many workers race, one incident opens per subject
 * (and a unique index backs that up).
 */
@Injectable()
export class IncidentLinker {
  private readonly settings: BurstSettings;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.triage.incidents;
  }

  async onNewComplaint(
    em: EntityManager,
    summary: CaseSummary,
    complaint: { category: string | null; text: string; receivedAt: Date },
  ): Promise<CaseEvent[]> {
    const keys = incidentKeysFor(complaint.category, complaint.text);
    if (keys.length === 0) return [];
    const open = await this.openIncidentFor(em, keys);
    if (open) return this.link(em, open, summary);

    await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [INCIDENT_LOCK]);
    // Another worker may have opened it while we waited.
    const openedMeanwhile = await this.openIncidentFor(em, keys);
    if (openedMeanwhile) return this.link(em, openedMeanwhile, summary);

    const { windowStart, baselineStart } = burstRanges(complaint.receivedAt, this.settings);
    const range = { windowStart, baselineStart, at: complaint.receivedAt };
    if (complaint.category) {
      const key: IncidentKey = `category:${complaint.category}`;
      const counts = await this.countCategory(em, complaint.category, range);
      if (isBurst(counts.inWindow, counts.inBaseline, this.settings)) {
        return this.open(em, key, `Burst of ${complaint.category} complaints`, summary, range);
      }
    }
    const terms = keys.filter((k) => k.startsWith('term:')).map((k) => k.slice('term:'.length));
    for (const t of await this.countTerms(em, terms, range)) {
      if (isBurst(t.inWindow, t.inBaseline, this.settings)) {
        return this.open(em, `term:${t.term}`, `Burst of complaints mentioning “${t.term}”`, summary, range);
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

  private async link(em: EntityManager, incident: { id: string; key: string }, summary: CaseSummary): Promise<CaseEvent[]> {
    const inserted = (await em.query(
      `INSERT INTO incident_cases (incident_id, case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING case_id`,
      [incident.id, summary.id],
    )) as unknown[];
    if (inserted.length === 0) return [];
    await em.query(`UPDATE incidents SET updated_at = now() WHERE id = $1`, [incident.id]);
    const caseCount = await this.caseCount(em, incident.id);
    return [await writeCaseEvent(em, { type: 'incident.updated', summary, data: { incidentId: incident.id, key: incident.key, change: 'case_linked', caseCount } })];
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

  private async caseCount(em: EntityManager, incidentId: string): Promise<number> {
    const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM incident_cases WHERE incident_id = $1`, [incidentId])) as Array<{ n: number }>;
    return n;
  }
}

import type { DataSource } from 'typeorm';
import type { BusinessCalendar } from '@inbox/compliance';
import type { Channel, ClassificationKind, CustomFieldValues, WeeklyHours } from '@inbox/contracts';
import { CASE_FIELDS_COLUMN, OPEN_STATUSES } from '@inbox/cases';
import { isWithinBusinessHours } from './business-hours';
import type { CaseFacts } from './rule-match';

export type CaseFactsRow = { id: string; channel: Channel; team_id: string | null; kind: ClassificationKind | null; status: string; tags: string[]; weekly: WeeklyHours | null; fields: CustomFieldValues };

/** The columns the facts are read from (cases c, with its tags, its field values and its team's hours). */
export const CASE_FACTS_COLUMNS = `c.id, c.channel, c.team_id, c.kind, c.status,
  COALESCE((SELECT array_agg(t.name) FROM case_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.case_id = c.id), '{}') AS tags,
  (SELECT h.weekly FROM team_business_hours h WHERE h.team_id = c.team_id) AS weekly,
  ${CASE_FIELDS_COLUMN}`;

/** The open cases among `caseIds`, as the rules' conditions see them at `at`. */
export async function openCaseFacts(db: Pick<DataSource, 'query'>, caseIds: string[], calendar: BusinessCalendar, at: Date): Promise<Map<string, CaseFacts>> {
  const rows = (await db.query(`SELECT ${CASE_FACTS_COLUMNS} FROM cases c WHERE c.id = ANY($1::uuid[]) AND c.status = ANY($2)`, [caseIds, OPEN_STATUSES])) as CaseFactsRow[];
  return new Map(rows.map((r) => [r.id, factsOf(r, calendar, at)]));
}

export function factsOf(r: CaseFactsRow, calendar: BusinessCalendar, at: Date): CaseFacts {
  return { channel: r.channel, teamId: r.team_id, kind: r.kind, tags: r.tags ?? [], withinBusinessHours: r.weekly ? isWithinBusinessHours(r.weekly, calendar, at) : null, fields: r.fields ?? {} };
}

import { isEqualsCondition, type CustomFieldDefinition, type CustomFieldKind, type CustomFieldTarget, type FieldCondition } from '@inbox/contracts';

type Sql = { query(sql: string, params?: unknown[]): Promise<unknown> };

interface CustomFieldRow {
  id: string;
  key: string;
  label: string;
  kind: CustomFieldKind;
  applies_to: CustomFieldTarget;
  options: string[];
  help: string | null;
  archived_at: Date | null;
}

export const CUSTOM_FIELD_COLUMNS = 'id, key, label, kind, applies_to, options, help, archived_at';

export function toCustomField(r: CustomFieldRow): CustomFieldDefinition {
  return { id: r.id, key: r.key, label: r.label, kind: r.kind, appliesTo: r.applies_to, options: r.options, help: r.help, archivedAt: r.archived_at?.toISOString() ?? null };
}

/** The fields defined on cases or customers, archived ones too when asked, in the order they were made. */
export async function readCustomFields(db: Sql, appliesTo: CustomFieldTarget | null, withArchived: boolean): Promise<CustomFieldDefinition[]> {
  const rows = (await db.query(
    `SELECT ${CUSTOM_FIELD_COLUMNS} FROM custom_fields
      WHERE ($1::text IS NULL OR applies_to = $1) AND ($2 OR archived_at IS NULL) ORDER BY created_at, key`,
    [appliesTo, withArchived],
  )) as CustomFieldRow[];
  return rows.map(toCustomField);
}

/**
 * SQL keeping the cases c whose value of a field meets a checked condition:
 * text and list values equal without regard to case, numbers compared as
 * numbers, dates as their YYYY-MM-DD text (which sorts as the calendar does).
 * Each is one lookup on case_field_values' primary key.
 */
export function fieldConditionSql(condition: FieldCondition, kind: CustomFieldKind, params: unknown[]): string {
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const field = param(condition.fieldId);
  const parts: string[] = [];
  if (isEqualsCondition(condition)) {
    parts.push(`lower(v.value #>> '{}') = lower(${param(condition.equals)})`);
  } else {
    const value = kind === 'number' ? `(v.value)::numeric` : `(v.value #>> '{}')`;
    const cast = kind === 'number' ? '::numeric' : '::text';
    if (condition.min !== undefined) parts.push(`${value} >= ${param(condition.min)}${cast}`);
    if (condition.max !== undefined) parts.push(`${value} <= ${param(condition.max)}${cast}`);
  }
  return `EXISTS (SELECT 1 FROM case_field_values v WHERE v.case_id = c.id AND v.field_id = ${field}::uuid AND ${parts.join(' AND ')})`;
}

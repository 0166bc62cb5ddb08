import { Injectable } from '@nestjs/common';
import { ConflictError, fieldValueFor, InvalidInputError, type CustomFieldDefinition, type CustomFieldValue, type StaffPrincipal } from '@inbox/contracts';
import { CaseQueryService, queryRows } from '@inbox/cases';
import { CaseActionRunner } from '../actions/case-action-runner';
import { CustomFieldsService } from './custom-fields.service';

/**
 * Sets and clears a case's custom field values. Who may is the case action
 * policy's `set_field` (the case's holder, or a supervisor); each change is a
 * `case.field_set` case event in the change's transaction, so it is on the
 * timeline and pushed with the case's new values.
 */
@Injectable()
export class CaseFieldsService {
  constructor(
    private readonly runner: CaseActionRunner,
    private readonly fields: CustomFieldsService,
    private readonly cases: CaseQueryService,
  ) {}

  async set(principal: StaffPrincipal, caseId: string, fieldId: string, raw: unknown) {
    // The case first: another team's case is missing whatever the field, so nothing about it leaks through a field error.
    await this.cases.summaryVisibleTo(principal, caseId);
    const field = await this.fields.get(fieldId);
    if (field.appliesTo !== 'case') throw new InvalidInputError('field_not_on_cases', `${field.label} is a customer field`);
    if (field.archivedAt) throw new ConflictError('field_archived', `${field.label} is archived: its values are kept but no longer changed`);
    const value = fieldValueFor(field, raw);
    return this.change(principal, caseId, field, value);
  }

  async clear(principal: StaffPrincipal, caseId: string, fieldId: string) {
    await this.cases.summaryVisibleTo(principal, caseId);
    const field = await this.fields.get(fieldId);
    if (field.appliesTo !== 'case') throw new InvalidInputError('field_not_on_cases', `${field.label} is a customer field`);
    return this.change(principal, caseId, field, null);
  }

  private async change(principal: StaffPrincipal, caseId: string, field: CustomFieldDefinition, to: CustomFieldValue | null) {
    const { case: summary, event } = await this.runner.run(
      principal,
      caseId,
      async (em, locked) => {
        const [before] = await queryRows<{ value: CustomFieldValue }>(em, `SELECT value FROM case_field_values WHERE case_id = $1 AND field_id = $2`, [locked.id, field.id]);
        const from = before?.value ?? null;
        if (from === to) throw new ConflictError('field_unchanged', to === null ? `${field.label} is not set on case ${locked.reference}` : `${field.label} is already ${String(to)}`);
        if (to === null) {
          await em.query(`DELETE FROM case_field_values WHERE case_id = $1 AND field_id = $2`, [locked.id, field.id]);
        } else {
          await em.query(
            `INSERT INTO case_field_values (case_id, field_id, value, set_by) VALUES ($1, $2, $3::jsonb, $4)
             ON CONFLICT (case_id, field_id) DO UPDATE SET value = EXCLUDED.value, set_by = EXCLUDED.set_by, set_at = now()`,
            [locked.id, field.id, JSON.stringify(to), principal.userId],
          );
        }
        return { type: 'case.field_set', data: { field: { id: field.id, key: field.key, label: field.label, kind: field.kind }, from, to } };
      },
      'set_field',
    );
    return { case: summary, change: event.data };
  }
}

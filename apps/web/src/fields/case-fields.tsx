import './fields.css';
import { decideCaseAction, fieldValueFor, type CaseDetail, type CaseSummary, type CustomFieldDefinition } from '@inbox/contracts';
import { escalatedToSupervisors } from '../case/case-actions';
import { useWorkspace } from '../shell/workspace-context';
import { fieldsShown, useCustomFields } from './field-queries';
import { FieldsEditor } from './fields-editor';

/**
 * The case's custom fields in the side panel. Who may change them is the case
 * action policy (the holder or a supervisor): anyone else sees the policy's
 * reason. A change comes back as the case's new summary and is pushed to the queue.
 */
export function CaseFields({ detail, onChanged }: { detail: CaseDetail; onChanged: (summary: CaseSummary) => void }) {
  const ws = useWorkspace();
  const all = useCustomFields(ws.api).data ?? [];
  const values = detail.fields ?? {};
  const holding = { status: detail.status, assigneeId: detail.assigneeId, escalatedToSupervisors: escalatedToSupervisors(detail) };
  const decision = decideCaseAction(ws.me, 'set_field', holding, ws.settings);
  const path = (field: CustomFieldDefinition) => `/api/cases/${detail.id}/fields/${field.id}`;
  return (
    <FieldsEditor
      testId="case-fields"
      emptyText="No case fields are defined (admins define them under Manage → Fields)."
      fields={fieldsShown(all, 'case', values)}
      values={values}
      locked={decision.allowed ? null : decision.message}
      save={async (field, draft) => {
        // Checked here with the server's own rule, so a wrong value is named before the round trip.
        const value = fieldValueFor(field, draft);
        const answer = await ws.api.put<{ case: CaseSummary }>(path(field), { value });
        onChanged(answer.case);
        ws.toast(`${field.label} saved`);
      }}
      clear={async (field) => {
        const answer = await ws.api.del<{ case: CaseSummary }>(path(field));
        onChanged(answer.case);
        ws.toast(`${field.label} cleared`);
      }}
    />
  );
}

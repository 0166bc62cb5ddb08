import type { BulkActionResult, CustomFieldDefinition, MacroAction, MacroActionType, MacroRunResult } from '@inbox/contracts';
import { formatFirmDateText } from '../firm-date-text';

/** What each kind of step is called in the editor's "Add step" list. */
export const STEP_LABELS: Record<MacroActionType, string> = {
  reply: 'Reply to the customer',
  note: 'Internal note',
  tag: 'Add a tag',
  assign: 'Assign',
  change_status: 'Change status',
  set_field: 'Set a field',
};

/** A new step of a kind, with empty fields for the editor to fill. */
export function blankStep(type: MacroActionType): MacroAction {
  switch (type) {
    case 'reply':
      return { type, template: '' };
    case 'note':
      return { type, text: '' };
    case 'tag':
      return { type, tag: '' };
    case 'assign':
      return { type, to: 'me' };
    case 'change_status':
      return { type, status: 'escalated', reason: '' };
    case 'set_field':
      return { type, fieldId: '', value: '' };
  }
}

/** One step in a line: the macro list, the composer's preview ("Tag “Fees”", "Assign to Colin", "Set Product line to Home loan"). */
export function describeMacroStep(
  step: MacroAction,
  staffName: (userId: string) => string | null,
  fieldById: (fieldId: string) => CustomFieldDefinition | undefined,
): string {
  switch (step.type) {
    case 'reply':
      return 'Reply to the customer on the case’s channel';
    case 'note':
      return `Internal note: “${clip(step.text)}”`;
    case 'tag':
      return `Tag “${step.tag}”`;
    case 'assign':
      if (step.to === 'me') return 'Assign to me';
      if (step.to === 'nobody') return 'Unassign';
      return `Assign to ${staffName(step.userId) ?? 'an agent'}`;
    case 'change_status':
      return step.status === 'open' ? 'Reopen' : `Escalate to supervisors — “${clip(step.reason ?? '')}”`;
    case 'set_field': {
      const field = fieldById(step.fieldId);
      const name = field ? `${field.label}${field.archivedAt ? ' (archived)' : ''}` : 'a field no longer defined';
      if (step.value === null) return `Clear ${name}`;
      const value = field?.kind === 'date' && typeof step.value === 'string' ? formatFirmDateText(step.value) : String(step.value);
      return `Set ${name} to ${clip(value)}`;
    }
  }
}

/** What a run did, for the toast and the list under it: a headline, and each step that did not apply with why. */
export function describeMacroRun(result: MacroRunResult): { headline: string; notApplied: string[]; allApplied: boolean } {
  const applied = result.steps.filter((s) => s.applied).length;
  const notApplied = result.steps.flatMap((s) => (s.applied ? [] : [`Step ${s.index + 1} (${STEP_LABELS[s.type].toLowerCase()}): ${s.message}`]));
  const total = result.steps.length;
  const headline =
    applied === total ? `Macro “${result.macroName}” applied to ${result.reference}` : `Macro “${result.macroName}”: ${applied} of ${total} steps applied to ${result.reference}`;
  return { headline, notApplied, allApplied: applied === total };
}

/** The bulk bar's list under the queue: each case not done, then each case done only in part, with why. */
export function bulkProblems(result: BulkActionResult): string[] {
  return [
    ...result.refused.map((r) => `${r.reference}: ${r.message}`),
    ...result.applied.flatMap((a) => (a.notApplied?.length ? [`${a.reference} (in part): ${a.notApplied.join('; ')}`] : [])),
  ];
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

import {
  DomainError,
  fieldValueFor,
  InvalidInputError,
  MAX_MACRO_STEPS,
  MAX_TAG_NAME_LENGTH,
  SETTABLE_CASE_STATUSES,
  type CustomFieldDefinition,
  type MacroAction,
  type MacroPreview,
  type SettableCaseStatus,
} from '@inbox/contracts';
import { PLACEHOLDERS, renderTemplate, unknownPlaceholders, type PlaceholderValues } from '../canned/canned-placeholders';

const MAX_TEXT_LENGTH = 10_000;
const MAX_REASON_LENGTH = 2_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Checks a macro's steps as they arrive (JSON from the API) and returns them cleaned: trimmed text, only
 * the fields each kind of step has. A refusal names the step ("Step 2: …") so the editor can point at it.
 * A macro sends at most one reply: one click should never send a customer two messages.
 */
export function parseMacroActions(input: unknown): MacroAction[] {
  if (!Array.isArray(input) || input.length === 0) throw new InvalidInputError('macro_without_steps', 'A macro needs at least one step');
  if (input.length > MAX_MACRO_STEPS) throw new InvalidInputError('too_many_steps', `A macro has at most ${MAX_MACRO_STEPS} steps`);
  const actions = input.map((raw, i) => parseStep(raw, i + 1));
  if (actions.filter((a) => a.type === 'reply').length > 1) throw new InvalidInputError('one_reply_per_macro', 'A macro sends at most one reply');
  return actions;
}

function parseStep(raw: unknown, n: number): MacroAction {
  const refuse = (code: string, message: string): never => {
    throw new InvalidInputError(code, `Step ${n}: ${message}`);
  };
  if (typeof raw !== 'object' || raw === null) return refuse('invalid_step', 'not a step');
  const step = raw as Record<string, unknown>;
  const text = (field: string, max: number): string => {
    const value = typeof step[field] === 'string' ? (step[field] as string).replace(/\u0000/g, '').trim() : '';
    if (!value) refuse('empty_step', `${field} is empty`);
    if (value.length > max) refuse('step_too_long', `${field} has more than ${max} characters`);
    return value;
  };
  const type = step.type as MacroAction['type'];
  switch (type) {
    case 'reply': {
      const template = text('template', MAX_TEXT_LENGTH);
      const unknown = unknownPlaceholders(template);
      if (unknown.length) {
        refuse('unknown_placeholder', `unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(', ')}; known: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`);
      }
      return { type, template };
    }
    case 'note':
      return { type, text: text('text', MAX_TEXT_LENGTH) };
    case 'tag':
      return { type, tag: text('tag', MAX_TAG_NAME_LENGTH) };
    case 'assign':
      if (step.to === 'me' || step.to === 'nobody') return { type, to: step.to };
      if (step.to === 'agent') {
        if (typeof step.userId !== 'string' || !UUID.test(step.userId)) refuse('unknown_agent', 'name the agent to assign to');
        return { type, to: 'agent', userId: (step.userId as string).toLowerCase() };
      }
      return refuse('invalid_step', 'assign to me, to an agent, or to nobody');
    case 'change_status': {
      const status = step.status as SettableCaseStatus;
      if (!(SETTABLE_CASE_STATUSES as readonly string[]).includes(status)) {
        refuse('status_not_settable', `a macro can set the status to ${SETTABLE_CASE_STATUSES.join(' or ')}; resolving goes through the IDR response and its preview`);
      }
      if (status === 'escalated') return { type, status, reason: text('reason', MAX_REASON_LENGTH) };
      const reason = typeof step.reason === 'string' ? step.reason.trim().slice(0, MAX_REASON_LENGTH) : '';
      return reason ? { type, status, reason } : { type, status };
    }
    case 'set_field': {
      if (typeof step.fieldId !== 'string' || !UUID.test(step.fieldId)) refuse('unknown_field', 'choose the field to set');
      const value = step.value === undefined ? null : step.value;
      if (value !== null && typeof value !== 'string' && typeof value !== 'number') refuse('invalid_step', 'a field’s value is text, a number, or null to clear it');
      return { type, fieldId: (step.fieldId as string).toLowerCase(), value: value as string | number | null };
    }
    default:
      return refuse('invalid_step', `no kind of step ${JSON.stringify(step.type ?? null)}`);
  }
}

/**
 * Checks each `set_field` step against the fields as they are now: the field exists, is on cases, is not
 * archived, and the value is one its kind takes (the same check as when an agent types it). Returns the
 * steps with each value as the field stores it ("12" → 12 for a number). A refusal names the step and the field.
 */
export function checkFieldSteps(actions: MacroAction[], fields: readonly CustomFieldDefinition[]): MacroAction[] {
  return actions.map((action, i) => {
    if (action.type !== 'set_field') return action;
    const refuse = (code: string, message: string): never => {
      throw new InvalidInputError(code, `Step ${i + 1}: ${message}`);
    };
    const field = fields.find((f) => f.id === action.fieldId);
    if (!field) return refuse('unknown_field', 'no such field');
    if (field.appliesTo !== 'case') refuse('field_not_on_cases', `${field.label} is a customer field; a macro sets case fields`);
    if (field.archivedAt) refuse('field_archived', `${field.label} is archived`);
    if (action.value === null) return action;
    try {
      return { ...action, value: fieldValueFor(field, action.value) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return refuse(error.code, error.message);
    }
  });
}

/** The steps as they would run on one case: the reply's placeholders filled with that case's values. */
export function fillMacroSteps(actions: MacroAction[], values: PlaceholderValues): MacroPreview['steps'] {
  return actions.map((a) => (a.type === 'reply' ? { ...a, filledText: renderTemplate(a.template, values) } : a));
}

/** A macro may start on a resolved or closed case only when its first step reopens it. */
export function macroRunsOnClosedCase(actions: MacroAction[]): boolean {
  const first = actions[0];
  return first?.type === 'change_status' && first.status === 'open';
}

import {
  InvalidInputError,
  MAX_MACRO_STEPS,
  MAX_TAG_NAME_LENGTH,
  SETTABLE_CASE_STATUSES,
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
    default:
      return refuse('invalid_step', `no kind of step ${JSON.stringify(step.type ?? null)}`);
  }
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

import type { CustomFieldValue } from './custom-fields';

/**
 * The statuses a macro step or a bulk action may set, each through the case's own action:
 * `open` reopens a resolved or closed case, `escalated` escalates to supervisors (with a reason).
 * Resolving, marking unfounded and the delay notice are not here on purpose: they send the RG 271
 * final response or notice, which goes through its own preview and guarded service (docs/workspace.md).
 */
export const SETTABLE_CASE_STATUSES = ['open', 'escalated'] as const;
export type SettableCaseStatus = (typeof SETTABLE_CASE_STATUSES)[number];

/** Who a macro's assign step gives the case to. */
export type MacroAssignee = { to: 'me' } | { to: 'agent'; userId: string } | { to: 'nobody' };

/**
 * One step of a macro. A union keyed by `type`, so a new kind of step is one more member here and
 * one more branch where steps are checked and run, which the compiler then asks for.
 */
export type MacroAction =
  /** A reply to the customer on the case's own channel; placeholders as in canned responses. */
  | { type: 'reply'; template: string }
  | { type: 'note'; text: string }
  | { type: 'tag'; tag: string }
  | ({ type: 'assign' } & MacroAssignee)
  | { type: 'change_status'; status: SettableCaseStatus; reason?: string }
  /** Sets a case custom field to `value` (as the field's kind stores it), or clears it when `value` is null. */
  | { type: 'set_field'; fieldId: string; value: CustomFieldValue | null };
export type MacroActionType = MacroAction['type'];
export const MACRO_ACTION_TYPES = ['reply', 'note', 'tag', 'assign', 'change_status', 'set_field'] as const satisfies readonly MacroActionType[];

export const MAX_MACRO_STEPS = 20;
export const MAX_MACRO_NAME_LENGTH = 80;

/** Whose a macro is: its owner's alone, one team's, or everyone's (shared ones are kept by supervisors and admins). */
export const MACRO_SCOPES = ['personal', 'team', 'everyone'] as const;
export type MacroScope = (typeof MACRO_SCOPES)[number];

export interface Macro {
  id: string;
  name: string;
  actions: MacroAction[];
  scope: MacroScope;
  /** Set for a team's macro. */
  teamId: string | null;
  ownerUserId: string;
  ownerName: string;
  updatedAt: string;
}

/** A macro as it would run on one case: the reply step's text filled for that case and agent. */
export interface MacroPreview extends Macro {
  steps: Array<MacroAction & { filledText?: string }>;
}

/** What one step did on one case: applied, or refused with the action's own error and why. */
export type MacroStepOutcome =
  | { index: number; type: MacroActionType; applied: true }
  | { index: number; type: MacroActionType; applied: false; error: string; message: string };

/** What running a macro on a case did, step by step. */
export interface MacroRunResult {
  macroId: string;
  macroName: string;
  caseId: string;
  reference: string;
  steps: MacroStepOutcome[];
}

import type { Channel } from './channels';
import type { Classification, ClassificationKind } from './case-events';
import type { CaseNote } from './case-detail';
import type { ClosureState, ComplaintOutcome, RemedyType } from './outcomes';
import type { DeadlineKind } from './supervisor';
import type { CaseTag } from './tags';
import type { MacroStepOutcome } from './macros';
import type { CustomFieldKind, CustomFieldValue } from './custom-fields';
import type { RuleActionResult } from './automation';

export type CaseSplitData = {
  fromCaseId: string;
  fromReference: string;
  newCaseId: string;
  newReference: string;
  messageIds: string[];
};

export type CaseMergeData = {
  mergeId: string;
  mergedCaseId: string;
  mergedReference: string;
  intoCaseId: string;
  intoReference: string;
  messages: number;
};

/**
 * The data each type of case event carries (`CaseEvent` is keyed by type).
 * Written once with the event, then read live by the workspace and the
 * consumers (acknowledgements, push assignment, incidents); the REST history
 * returns the same objects as stored.
 */
export interface CaseEventData {
  'case.created': { kind: ClassificationKind; linkedCaseId: string | null } | ({ kind: ClassificationKind; splitFromCaseId: string } & CaseSplitData);
  /** Messages moved to a new case; written on both cases. */
  'case.split': CaseSplitData;
  /** A case closed as merged into another of the same customer; written on both. */
  'case.merged': CaseMergeData;
  'case.unmerged': CaseMergeData;
  /** A new message on an open case names other products than the case's earlier messages: a split is suggested, never made. */
  'split.suggested': { suggestionId: string; messageId: string; messageProducts: string[]; caseProducts: string[] };
  /** A described change (`claimed`, `compliance_details`, `hardship_agreement`, `incident_linked`, …) and its details; none when a new message bumped the case. */
  'case.updated': CaseChange;
  /** `outOfHoursReply`: the automatic reply to a message that came while its team was closed. */
  'message.created': { statusRequest?: true; statusReply?: true; outOfHoursReply?: true };
  'message.updated': never;
  'case.assigned': { mode: 'push'; assigneeId: string; assigneeName: string; openCasesBefore: number };
  'case.acknowledged':
    | { manual: true; note?: string }
    | { automatic: true; channel: Channel; messageId: string; language: string; templateVersion: number; at: string };
  'case.escalated':
    | { to: 'supervisors'; reason: string }
    | { to: 'team'; teamId: string; teamName: string; fromTeamId: string | null; reason: string };
  'case.transferred': {
    teamId: string | null;
    assigneeId: string | null;
    assigneeName: string | null;
    /** Set when the case left a team. */
    fromTeamId?: string | null;
    fromAssigneeId: string | null;
    reason?: string;
    /** An escalated case passed on by a supervisor leaves `escalated`. */
    handedBack?: true;
  };
  'case.reopened': { previousStatus?: string; reason?: string };
  /** A tag put on or taken off the case; `created` when tagging made the tag. */
  'case.tagged': { tag: CaseTag; created?: true };
  'case.untagged': { tag: CaseTag };
  /** A custom field set, changed or cleared (`to` null) on the case. */
  'case.field_set': { field: { id: string; key: string; label: string; kind: CustomFieldKind }; from: CustomFieldValue | null; to: CustomFieldValue | null };
  'note.created': { note: CaseNote };
  /** A macro run by the event's actor: what each step did (the applied steps wrote their own events too). */
  'macro.applied': { macroId: string; macroName: string; steps: MacroStepOutcome[] };
  'knowledge.saved': { articleId: string; title: string };
  'satisfaction.requested': { satisfactionId: string; channel: Channel; messageId: string };
  'satisfaction.recorded': { satisfactionId: string; score: number | null; answer: string };
  'incident.opened': { incidentId: string; key: string; title: string; caseCount: number };
  'incident.updated': { incidentId: string; key: string; change: 'case_linked'; caseCount: number };
  'customer.merged': CustomerMergeData;
  'customer.unmerged': CustomerMergeData;
  'classification.corrected': { messageId: string; from: Classification | null; to: Classification; reason?: string };
  'case.resolved': {
    resolutionId: string;
    outcome: ComplaintOutcome;
    closureState: ClosureState;
    unfounded: boolean;
    remedies: Array<{ type: RemedyType; description?: string; ownerUserId?: string; dueAt?: string }>;
    compensationAmount: number | null;
    idrResponseMessageId: string | null;
    noIdrResponse: unknown;
    resolvedAt: string;
    withinDeadline: boolean | null;
  };
  'case.delay_notified': { ground: string; reasons: string; messageId: string; respondBy: string; templateVersion: number; language: string };
  'deadline.at_risk': DeadlineAlertData;
  'deadline.delay_prompt': DeadlineAlertData;
  'deadline.breached': DeadlineAlertData;
  'deadline.changed': DeadlineChange;
  'clock.paused': { reason: string; note: string; pauseId: string };
  'clock.resumed': { pauseId: string; pausedMs: number };
  'social.tests_recorded': {
    aboutTheFirm: boolean | null;
    onChannelFirmControls: boolean | null;
    authorIdentifiable: boolean | null;
    authorContactable: boolean | null;
    verdict: string;
    meetsDefinition: boolean;
    recordedBy: string;
    why: string;
  };
  'systemic.flagged': { issueId: string };
  /**
   * A rule ran (its actions' own events follow it on the timeline, written by the system). `notify`: whom its
   * notify actions tell, which the notification centre turns into notifications.
   */
  'rule.ran': {
    ruleId: string;
    ruleName: string;
    runId: string;
    cause: string;
    results: RuleActionResult[];
    notify?: Array<{ userIds?: string[]; teamId?: string; message: string }>;
  };
}

/** What changed on a case: the change's name, and details that differ by change. */
export interface CaseChange {
  change: string;
  [detail: string]: unknown;
}

/** Why and how a deadline moved: `from` and `to` hold the values before and after. */
export interface DeadlineChange {
  reason?: string | null;
  from?: Record<string, unknown>;
  to?: Record<string, unknown>;
  [detail: string]: unknown;
}

/** A deadline the scheduler raised: which, when it is due, and how much of the time is used. */
export type DeadlineAlertData = {
  deadline: DeadlineKind | 'hardship_agreement_confirmation';
  dueAt: string;
  at: string;
  fractionUsed?: number;
  /** At risk: who was alerted. */
  escalatedTo?: 'supervisors';
  /** Delay prompt: what the agent should do. */
  action?: 'send_delay_notice_before_deadline';
  /** The RG 271 paragraph that sets the deadline, when it is not the IDR response's. */
  paragraph?: string;
};

export type CustomerMergeData = {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  moved?: Record<string, number>;
  restored?: Record<string, number>;
};

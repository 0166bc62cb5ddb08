import { seesAllTeams, type StaffPrincipal } from './staff';

/** The actions that change who answers a complaint or what the customer is finally told. */
export const GUARDED_CASE_ACTIONS = ['resolve', 'unfounded', 'delay_notice', 'reopen', 'transfer', 'split', 'merge', 'set_field'] as const;
export type GuardedCaseAction = (typeof GUARDED_CASE_ACTIONS)[number];

/** Who holds a case, as far as the policy needs to know. */
export interface CaseHolding {
  status: string;
  assigneeId: string | null;
  /** The latest escalation went to supervisors (not to another team) and no supervisor has handed the case back. */
  escalatedToSupervisors: boolean;
}

export interface CaseActionSettings {
  /** FINAL_RESPONSE_APPROVAL: every final response (resolve, unfounded) is sent by a supervisor. */
  finalResponseApproval: boolean;
}

export type CaseActionDecision = { allowed: true } | { allowed: false; code: string; message: string };

const VERB: Record<GuardedCaseAction, string> = {
  resolve: 'resolve it',
  unfounded: 'mark it unfounded',
  delay_notice: 'send its delay notice',
  reopen: 'reopen it',
  transfer: 'transfer it',
  split: 'move its messages to a new case',
  merge: 'merge it',
  set_field: 'change its fields',
};

/**
 * THE rule for who may resolve, mark unfounded, send a delay notice, reopen,
 * transfer, split or merge a case or change its custom fields, used by the API (a refusal is a 403) and by the
 * workspace (the same words on a disabled button):
 * - supervisors and admins always may;
 * - a case escalated to supervisors is theirs until one of them hands it back (by transferring it);
 * - with FINAL_RESPONSE_APPROVAL on, only they send final responses (the holder proposes one for approval);
 * - otherwise only the case's assignee may: an unassigned case is claimed first.
 */
export function decideCaseAction(principal: StaffPrincipal, action: GuardedCaseAction, holding: CaseHolding, settings: CaseActionSettings): CaseActionDecision {
  if (seesAllTeams(principal)) return { allowed: true };
  if (holding.status === 'escalated' && holding.escalatedToSupervisors) {
    return {
      allowed: false,
      code: 'escalated_to_supervisors',
      message: `This case is escalated to supervisors: only a supervisor can ${VERB[action]} until they hand it back.`,
    };
  }
  if (settings.finalResponseApproval && (action === 'resolve' || action === 'unfounded')) {
    return {
      allowed: false,
      code: 'final_response_needs_approval',
      message: 'Every final response needs a supervisor’s approval here: send it for approval, and a supervisor sends it.',
    };
  }
  if (holding.assigneeId === principal.userId) return { allowed: true };
  if (holding.assigneeId === null) {
    return { allowed: false, code: 'claim_first', message: `Claim the case first: only its assignee or a supervisor can ${VERB[action]}.` };
  }
  return { allowed: false, code: 'not_case_holder', message: `Someone else holds this case: only its assignee or a supervisor can ${VERB[action]}.` };
}

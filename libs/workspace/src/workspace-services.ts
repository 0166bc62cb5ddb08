import { CaseAcknowledgementService } from './actions/case-acknowledgement.service';
import { CaseActionRunner } from './actions/case-action-runner';
import { CaseEscalationService } from './actions/case-escalation.service';
import { CaseNotesService } from './actions/case-notes.service';
import { CaseReopenService } from './actions/case-reopen.service';
import { CaseTransferService } from './actions/case-transfer.service';
import { CaseTagsService } from './actions/case-tags.service';
import { CaseBulkActionsService } from './actions/case-bulk-actions.service';
import { SavedViewsService } from './views/saved-views.service';
import { MacroRunService } from './macros/macro-run.service';
import { MacrosService } from './macros/macros.service';
import { CustomFieldsService } from './fields/custom-fields.service';
import { CaseFieldsService } from './fields/case-fields.service';
import { CustomerFieldsService } from './fields/customer-fields.service';
import { AgentPresenceStore } from './assignment/agent-presence.store';
import { CaseClaimService } from './assignment/case-claim.service';
import { PushAssignmentService } from './assignment/push-assignment.service';
import { CannedResponsesService } from './canned/canned-responses.service';
import { KnowledgeBaseService } from './knowledge/knowledge-base.service';
import { RoutingRulesService } from './routing/routing-rules.service';
import { StaffNotificationsStore } from './notifications/staff-notifications.store';
import { WebPushSender } from './notifications/web-push.sender';
import { SatisfactionAnswers } from './satisfaction/satisfaction-answers';
import { SatisfactionSurvey } from './satisfaction/satisfaction-survey.service';
import { TeamsService } from './teams/teams.service';
import { CasePriorityService } from './actions/case-priority.service';
import { AutomationRulesService } from './automation/automation-rules.service';
import { BusinessHoursService } from './automation/business-hours.service';
import { FirmCalendar } from './automation/firm-calendar';
import { RuleRunner } from './automation/rule-runner';

export * from './actions/case-action-runner';
export * from './actions/case-acknowledgement.service';
export * from './actions/case-escalation.service';
export * from './actions/case-notes.service';
export * from './actions/case-reopen.service';
export * from './actions/case-transfer.service';
export * from './actions/case-tags.service';
export * from './actions/case-bulk-actions.service';
export * from './views/saved-views.service';
export * from './macros/macro-steps';
export * from './macros/macro-run.service';
export * from './macros/macros.service';
export * from './fields/custom-fields.service';
export * from './fields/case-fields.service';
export * from './fields/customer-fields.service';
export * from './assignment/agent-presence.store';
export * from './assignment/case-claim.service';
export * from './assignment/push-assignment.service';
export * from './assignment/push-assignment.consumer';
export * from './canned/canned-placeholders';
export * from './canned/canned-responses.service';
export * from './knowledge/knowledge-base.service';
export * from './routing/routing-rule-match';
export * from './routing/routing-rules.service';
export * from './notifications/note-mentions';
export * from './notifications/notification-recipients';
export * from './notifications/staff-notifications.consumer';
export * from './notifications/staff-notifications.store';
export * from './notifications/web-push.sender';
export * from './satisfaction/satisfaction-answer';
export * from './satisfaction/satisfaction-answers';
export * from './satisfaction/satisfaction-survey.service';
export * from './satisfaction/satisfaction-trigger.consumer';
export * from './teams/teams.service';
export * from './actions/case-priority.service';
export * from './automation/automation-rules.service';
export * from './automation/business-hours.service';
export * from './automation/business-hours';
export * from './automation/firm-calendar';
export * from './automation/rule-match';
export * from './automation/rule-runner';
export * from './automation/automation-events.consumer';
export * from './automation/automation-scheduler';
export * from './automation/out-of-hours-reply';
export * from './automation/out-of-hours-reply.consumer';
export * from './automation/automation-worker.module';

/** The agents' workspace: one small service per case action, plus teams, assignment and satisfaction. */
export const WORKSPACE_SERVICES = [
  CaseActionRunner,
  CaseNotesService,
  CaseAcknowledgementService,
  CaseEscalationService,
  CaseTransferService,
  CaseReopenService,
  CaseTagsService,
  CaseBulkActionsService,
  SavedViewsService,
  MacrosService,
  MacroRunService,
  CustomFieldsService,
  CaseFieldsService,
  CustomerFieldsService,
  CannedResponsesService,
  KnowledgeBaseService,
  SatisfactionAnswers,
  SatisfactionSurvey,
  AgentPresenceStore,
  CaseClaimService,
  PushAssignmentService,
  TeamsService,
  RoutingRulesService,
  StaffNotificationsStore,
  WebPushSender,
  CasePriorityService,
  FirmCalendar,
  BusinessHoursService,
  AutomationRulesService,
  RuleRunner,
];

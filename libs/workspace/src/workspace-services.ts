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

/**
 * The providers of the agents' workspace: one small service per case action, plus teams, assignment and
 * satisfaction (the package's index exports them; this file only lists them for WorkspaceServicesModule).
 */
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

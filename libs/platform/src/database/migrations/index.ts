import { InitialSchema1732300000000 } from './1732300000000-initial-schema';
import { ChannelOptOuts1732300000001 } from './1732300000001-channel-opt-outs';
import { EmailMailboxesAndAttachments1732300100000 } from './1732300100000-email-mailboxes-and-attachments';
import { IdentityClaims1732300200000 } from './1732300200000-identity-claims';
import { Triage1732300400000 } from './1732300400000-triage';
import { AgentWorkspace1732300500000 } from './1732300500000-agent-workspace';
import { Rg271Compliance1732300600000 } from './1732300600000-rg271-compliance';
import { ComplaintReportingFields1732300600001 } from './1732300600001-complaint-reporting-fields';
import { SupervisorMetrics1732300700000 } from './1732300700000-supervisor-metrics';
import { SearchAtScale1732300800000 } from './1732300800000-search-at-scale';
import { EarnedIdentities1732400000000 } from './1732400000000-earned-identities';
import { StatusCodesKeyed1732400000001 } from './1732400000001-status-codes-keyed';
import { StaffSessionsAndRateLimits1732400100000 } from './1732400100000-staff-sessions-and-rate-limits';
import { PoisonMailAndDeadLetterSources1732400200000 } from './1732400200000-poison-mail-and-dead-letter-sources';
import { MessageIntakeOrder1732400300000 } from './1732400300000-message-intake-order';
import { ClassificationQuality1732400400000 } from './1732400400000-classification-quality';
import { Rg271ToTheLetter1732400600000 } from './1732400600000-rg271-to-the-letter';
import { EmailFirmReady1732400700000 } from './1732400700000-email-firm-ready';
import { StaffIdentity1732400800000 } from './1732400800000-staff-identity';
import { PersonalData1732400900000 } from './1732400900000-personal-data';
import { FinalResponseApprovals1732401100000 } from './1732401100000-final-response-approvals';
import { MessageProvider1732401300000 } from './1732401300000-message-provider';
import { RoutingRules1732401400000 } from './1732401400000-routing-rules';
import { MessageAcceptedAt1732401400001 } from './1732401400001-message-accepted-at';
import { CaseSplitMerge1732401500000 } from './1732401500000-case-split-merge';
import { StaffNotifications1732401600000 } from './1732401600000-staff-notifications';
import { CaseTags1732401700000 } from './1732401700000-case-tags';
import { SavedViews1732401700001 } from './1732401700001-saved-views';
import { Macros1732401900000 } from './1732401900000-macros';
import { CustomFields1732401800000 } from './1732401800000-custom-fields';
import { AutomationRules1732402000000 } from './1732402000000-automation-rules';
import { CaseSearchDocuments1732402100000 } from './1732402100000-case-search-documents';
import { QueueHealthRecords1732402100001 } from './1732402100001-queue-health-records';
import { CaseSearchStatistics1732402100002 } from './1732402100002-case-search-statistics';
import { CustomerNameWords1732402100003 } from './1732402100003-customer-name-words';

/** Every migration, in order. Schema changes are reviewed SQL; synchronize stays off. */
export const MIGRATIONS = [
  InitialSchema1732300000000,
  ChannelOptOuts1732300000001,
  EmailMailboxesAndAttachments1732300100000,
  IdentityClaims1732300200000,
  Triage1732300400000,
  AgentWorkspace1732300500000,
  Rg271Compliance1732300600000,
  ComplaintReportingFields1732300600001,
  SupervisorMetrics1732300700000,
  SearchAtScale1732300800000,
  EarnedIdentities1732400000000,
  StatusCodesKeyed1732400000001,
  StaffSessionsAndRateLimits1732400100000,
  PoisonMailAndDeadLetterSources1732400200000,
  MessageIntakeOrder1732400300000,
  ClassificationQuality1732400400000,
  Rg271ToTheLetter1732400600000,
  EmailFirmReady1732400700000,
  StaffIdentity1732400800000,
  PersonalData1732400900000,
  FinalResponseApprovals1732401100000,
  MessageProvider1732401300000,
  RoutingRules1732401400000,
  MessageAcceptedAt1732401400001,
  CaseSplitMerge1732401500000,
  StaffNotifications1732401600000,
  CaseTags1732401700000,
  SavedViews1732401700001,
  Macros1732401900000,
  CustomFields1732401800000,
  AutomationRules1732402000000,
  CaseSearchDocuments1732402100000,
  QueueHealthRecords1732402100001,
  CaseSearchStatistics1732402100002,
  CustomerNameWords1732402100003,
];

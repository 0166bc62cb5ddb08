import { AcknowledgementService } from './acknowledgement.service';
import { ComplaintClockService } from './complaint-clock.service';
import { ComplianceCalendar } from './compliance-calendar.service';
import { COMPLIANCE_CLOCK, complianceClockProvider } from './compliance-clock';
import { ComplianceTemplateStore } from './compliance-template.store';
import { IdrResponseService } from './idr-response.service';
import { StatusRequestResponder } from './status-request.responder';
import { STATUS_CODES, statusCodesProvider } from './status-codes';
import { SystemicIssueService } from './systemic-issue.service';
import { ComplaintsRegister } from './complaints-register.service';
import { AsicIdrExport } from './asic-idr-export.service';
import { HardshipService } from './hardship.service';
import { FinalResponseApprovals } from './final-response-approvals.service';
import { HolidayOverridesService } from './holiday-overrides.service';
import { ComplianceAuditTrail } from './compliance-audit-trail.service';
import { ComplaintStatusLookup } from './complaint-status-lookup';
import { SocialTestsAtIntakeRecorder } from './social-tests-at-intake.recorder';

const COMPLIANCE_CLASSES = [
  ComplianceCalendar,
  ComplianceTemplateStore,
  StatusRequestResponder,
  AcknowledgementService,
  IdrResponseService,
  ComplaintClockService,
  SocialTestsAtIntakeRecorder,
  SystemicIssueService,
  ComplaintsRegister,
  AsicIdrExport,
  HardshipService,
  FinalResponseApprovals,
  HolidayOverridesService,
  ComplianceAuditTrail,
  ComplaintStatusLookup,
];

/** RG 271 services beside the cases (intake asks the calendar and the status responder inside its transaction). */
export const COMPLIANCE_PROVIDERS = [complianceClockProvider, statusCodesProvider, ...COMPLIANCE_CLASSES];
export const COMPLIANCE_EXPORTS = [COMPLIANCE_CLOCK, STATUS_CODES, ...COMPLIANCE_CLASSES];

import { AcknowledgementService } from './acknowledgement.service';
import { ComplaintClockService } from './complaint-clock.service';
import { ComplianceCalendar } from './compliance-calendar.service';
import { COMPLIANCE_CLOCK, complianceClockProvider } from './compliance-clock';
import { ComplianceTemplateStore } from './compliance-template.store';
import { IdrResponseService } from './idr-response.service';
import { StatusRequestResponder } from './status-request.responder';
import { SystemicIssueService } from './systemic-issue.service';
import { ComplaintsRegister } from './complaints-register.service';

const COMPLIANCE_CLASSES = [
  ComplianceCalendar,
  ComplianceTemplateStore,
  StatusRequestResponder,
  AcknowledgementService,
  IdrResponseService,
  ComplaintClockService,
  SystemicIssueService,
  ComplaintsRegister,
];

/** RG 271 services beside the cases (intake asks the calendar and the status responder inside its transaction). */
export const COMPLIANCE_PROVIDERS = [complianceClockProvider, ...COMPLIANCE_CLASSES];
export const COMPLIANCE_EXPORTS = [COMPLIANCE_CLOCK, ...COMPLIANCE_CLASSES];

import { Module } from '@nestjs/common';
import { WorkspaceServicesModule } from '@inbox/workspace';
import { ComplianceEventsConsumer } from './compliance-events.consumer';
import { COMPLIANCE_EXPORTS, COMPLIANCE_PROVIDERS } from './compliance-services';
import { DeadlineScheduler } from './deadline-scheduler';

/** The complaint obligations around the cases: clocks, acknowledgements, responses, register, reports. */
@Module({ imports: [WorkspaceServicesModule], providers: COMPLIANCE_PROVIDERS, exports: [WorkspaceServicesModule, ...COMPLIANCE_EXPORTS] })
export class ComplaintHandlingModule {}

/** The triage role's side: acknowledgements and other reactions to case events, and the deadline scheduler (one leader). */
@Module({ imports: [ComplaintHandlingModule], providers: [ComplianceEventsConsumer, DeadlineScheduler] })
export class ComplianceWorkerModule {}

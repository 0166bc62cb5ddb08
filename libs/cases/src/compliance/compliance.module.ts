import { Module } from '@nestjs/common';
import { CasesModule } from '../cases.module';
import { ComplianceEventsConsumer } from './compliance-events.consumer';
import { DeadlineScheduler } from './deadline-scheduler';
import { RetentionScheduler } from '../personal-data/retention-scheduler';
import { ComplianceAdminController } from './http/compliance-admin.controller';
import { ComplianceCasesController } from './http/compliance-cases.controller';
import { StatusPageController } from './http/status-page.controller';
import { StatusCodeUpgrade, statusPageBackoffProvider } from './http/status-page-backoff';
import { SystemicIssuesController } from './http/systemic-issues.controller';
import { ComplaintsRegisterController } from './http/complaints-register.controller';
import { AsicIdrController } from './http/asic-idr.controller';
import { FinalResponseController } from './http/final-response.controller';

/** The gateway's side of RG 271: case actions, admin templates and calendar, systemic issues, the public status page. */
@Module({
  imports: [CasesModule],
  controllers: [ComplianceCasesController, ComplianceAdminController, SystemicIssuesController, StatusPageController, ComplaintsRegisterController, AsicIdrController, FinalResponseController],
  providers: [statusPageBackoffProvider, StatusCodeUpgrade],
})
export class ComplianceHttpModule {}

/** The triage role's side: acknowledgements and other reactions to case events, the deadline scheduler and the retention sweep (one leader each). */
@Module({ imports: [CasesModule], providers: [ComplianceEventsConsumer, DeadlineScheduler, RetentionScheduler] })
export class ComplianceWorkerModule {}

import { Module } from '@nestjs/common';
import { IntakeModule } from '@inbox/intake';
import { AsicIdrController } from './asic-idr.controller';
import { ComplaintsRegisterController } from './complaints-register.controller';
import { ComplianceAdminController } from './compliance-admin.controller';
import { ComplianceCasesController } from './compliance-cases.controller';
import { FinalResponseController } from './final-response.controller';
import { StatusCodeUpgrade, statusPageBackoffProvider } from './status-page-backoff';
import { StatusPageController } from './status-page.controller';
import { SystemicIssuesController } from './systemic-issues.controller';

/** The gateway's side of RG 271: case actions, admin templates and calendar, systemic issues, the public status page. */
@Module({
  imports: [IntakeModule],
  controllers: [ComplianceCasesController, ComplianceAdminController, SystemicIssuesController, StatusPageController, ComplaintsRegisterController, AsicIdrController, FinalResponseController],
  providers: [statusPageBackoffProvider, StatusCodeUpgrade],
})
export class ComplianceHttpModule {}

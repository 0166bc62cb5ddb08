import { Module, type DynamicModule } from '@nestjs/common';
import { ComplianceWorkerModule } from '@inbox/complaint-handling';
import { TriageWorkerModule } from '@inbox/intake';
import { RetentionWorkerModule } from '@inbox/personal-data';
import { AutomationWorkerModule } from '@inbox/workspace';
import { BusModule } from '@inbox/bus';
import { HealthModule } from '@inbox/gateway';
import { PlatformModule, type AppConfig } from '@inbox/platform';

/** The triage role: consumer group `triage` on inbox.inbound.v1, writing customers, cases and events. */
@Module({})
export class TriageModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: TriageModule, imports: [PlatformModule.forRoot(config), BusModule.forRoot(config), HealthModule, TriageWorkerModule, ComplianceWorkerModule, AutomationWorkerModule, RetentionWorkerModule] };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@inbox/auth';
import { ComplianceWorkerModule } from '@inbox/complaint-handling';
import { ChannelPortsModule, IntakeModule, TriageWorkerModule } from '@inbox/intake';
import { PersonalDataModule, RetentionWorkerModule } from '@inbox/personal-data';
import { ChannelsModule } from '@inbox/channels';
import { AutomationWorkerModule } from '@inbox/workspace';
import { BusModule } from '@inbox/bus';
import { PlatformModule, type AppConfig } from '@inbox/platform';
import { ComplianceHttpModule, HealthModule, WorkspaceModule } from '@inbox/gateway';

/** Ingest, triage and gateway in one process: the embedded default `npm start` runs. */
@Module({})
export class InboxModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InboxModule,
      imports: [PlatformModule.forRoot(config), BusModule.forRoot(config), HealthModule, AuthModule, IntakeModule, PersonalDataModule, TriageWorkerModule, WorkspaceModule, ChannelsModule.forRoot(config, ChannelPortsModule), ComplianceWorkerModule, AutomationWorkerModule, RetentionWorkerModule, ComplianceHttpModule],
    };
  }
}

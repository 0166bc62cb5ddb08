import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@inbox/auth';
import { CasesModule, ChannelPortsModule, ComplianceHttpModule, ComplianceWorkerModule, TriageWorkerModule } from '@inbox/cases';
import { ChannelsModule } from '@inbox/channels';
import { PlatformModule, type AppConfig } from '@inbox/platform';
import { WorkspaceModule } from '@inbox/realtime';

/** Ingest, triage and gateway in one process: the embedded default `npm start` runs. */
@Module({})
export class InboxModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: InboxModule,
      imports: [PlatformModule.forRoot(config), AuthModule, CasesModule, TriageWorkerModule, WorkspaceModule, ChannelsModule.forRoot(config, ChannelPortsModule), ComplianceWorkerModule, ComplianceHttpModule],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@inbox/auth';
import { BusModule } from '@inbox/bus';
import { PlatformModule, type AppConfig } from '@inbox/platform';
import { ComplianceHttpModule, HealthModule, WorkspaceModule } from '@inbox/gateway';

/** The gateway role: REST API, Socket.IO for agents, the web UI; every instance receives every case event. */
@Module({})
export class GatewayModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: GatewayModule, imports: [PlatformModule.forRoot(config), BusModule.forRoot(config), HealthModule, AuthModule, WorkspaceModule, ComplianceHttpModule] };
  }
}

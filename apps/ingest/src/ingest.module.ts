import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelPortsModule } from '@inbox/intake';
import { ChannelsModule } from '@inbox/channels';
import { BusModule } from '@inbox/bus';
import { HealthModule } from '@inbox/gateway';
import { PlatformModule, type AppConfig } from '@inbox/platform';

/**
 * The ingest role: provider webhooks and mailbox readers that verify,
 * normalise and publish inbound messages, and the dispatchers that send
 * replies. The channels' ports come from intake's ChannelPortsModule
 * alone, not the whole case store.
 */
@Module({})
export class IngestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: IngestModule, imports: [PlatformModule.forRoot(config), BusModule.forRoot(config), HealthModule, ChannelsModule.forRoot(config, ChannelPortsModule)] };
  }
}

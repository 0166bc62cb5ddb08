import { Module, type DynamicModule } from '@nestjs/common';
import { ChannelsModule } from '@inbox/channels';
import { PlatformModule, type AppConfig } from '@inbox/platform';

/**
 * The ingest role: provider webhooks and mailbox readers that verify,
 * normalise and publish inbound messages, and the dispatchers that send
 * replies. Channels register here as they are built.
 */
@Module({})
export class IngestModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: IngestModule, imports: [PlatformModule.forRoot(config), ChannelsModule.forRoot(config)] };
  }
}

import { Global, Module, type DynamicModule } from '@nestjs/common';
import { BusModule } from './bus/bus.module';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-registry';

/** Configuration, database, bus and health: what every process of the inbox needs. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [DatabaseModule.forRoot(config), BusModule.forRoot(config)],
      controllers: [HealthController],
      providers: [{ provide: APP_CONFIG, useValue: config }, HealthRegistry],
      exports: [APP_CONFIG, BusModule, HealthRegistry],
    };
  }
}

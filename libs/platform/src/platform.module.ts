import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { DatabaseModule } from './database/database.module';
import { rateLimitOptions } from './http/rate-limits';
import { SharedRateLimitGuard } from './http/shared-rate-limit.guard';
import { SharedRateLimits } from './http/shared-rate-limits';
import { HealthRegistry } from './health/health-registry';

/**
 * Configuration, database, the health registry and rate limits: what every process of the inbox needs. The bus
 * (libs/bus BusModule) and the health endpoint (libs/gateway HealthModule) build on it; each app imports them.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      imports: [DatabaseModule.forRoot(config), ThrottlerModule.forRoot(rateLimitOptions(config))],
      providers: [{ provide: APP_CONFIG, useValue: config }, { provide: APP_GUARD, useClass: ThrottlerGuard }, { provide: APP_GUARD, useClass: SharedRateLimitGuard }, HealthRegistry, SharedRateLimits],
      exports: [APP_CONFIG, HealthRegistry, SharedRateLimits],
    };
  }
}

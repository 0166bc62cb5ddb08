import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** GET /health, served by every process role (its database, bus and provider connections). */
@Module({ controllers: [HealthController] })
export class HealthModule {}

import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { BUS, type Bus } from '@inbox/bus';
import { HealthRegistry, Public } from '@inbox/platform';

/** GET /health: 200 when the database and bus work, 503 otherwise, with each part's state and each provider connection's. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(BUS) private readonly bus: Bus,
    private readonly registry: HealthRegistry,
  ) {}

  @Public()
  @Get()
  async health(@Res() res: Response): Promise<void> {
    const database = await this.checkDatabase();
    const bus = this.bus.health();
    const ok = database.ok && bus.ok;
    const connections = this.registry.report();
    const connectionsOk = Object.values(connections).every((c) => c.ok);
    const body = { status: ok && connectionsOk ? 'ok' : 'degraded', database, bus, ...(Object.keys(connections).length ? { connections } : {}) };
    // A provider connection that is down is reported, not a reason for 503 (see HealthRegistry).
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body);
  }

  private async checkDatabase(): Promise<{ ok: boolean; detail?: string }> {
    try {
      await Promise.race([
        this.db.query('SELECT 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2_000).unref()),
      ]);
      return { ok: true };
    } catch (error) {
      return { ok: false, detail: error instanceof Error ? error.message : String(error) };
    }
  }
}

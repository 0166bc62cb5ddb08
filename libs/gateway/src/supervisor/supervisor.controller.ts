import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { NotFoundError } from '@inbox/contracts';
import { Roles } from '@inbox/auth';
import { ChannelVolumesView } from '@inbox/supervisor';
import { toCsv } from '@inbox/supervisor';
import { isReportName, REPORT_NAMES } from '@inbox/supervisor';
import { ReportsService } from '@inbox/supervisor';
import { SupervisorOverviewService } from '@inbox/supervisor';

/** Live figures for supervisors and admins; the same shapes are pushed on /agents. */
@ApiTags('supervisor')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller('api')
export class SupervisorController {
  constructor(
    private readonly volumes: ChannelVolumesView,
    private readonly overview: SupervisorOverviewService,
    private readonly reports: ReportsService,
  ) {}

  /** Inbound messages per channel per minute, the last 60 minutes: `{ channels: { <channel>: [{ minute, count }] } }`. */
  @Get('metrics/volumes')
  @ApiOkResponse({ description: '{ channels: { <channel>: [{ minute, count }] } } — 60 minutes, oldest first' })
  async liveVolumes() {
    return (await this.volumes.current()).volumes;
  }

  /** Inbound messages per channel since midnight in the firm's time zone. */
  @Get('metrics/volumes/today')
  async volumesToday() {
    return (await this.volumes.current()).today;
  }

  /** Queue health, agents, open incidents and today's totals (also pushed as `supervisor.overview`). */
  @Get('supervisor/overview')
  supervisorOverview() {
    return this.overview.overview();
  }

  @Get('reports')
  listReports() {
    return { items: REPORT_NAMES.map((name) => ({ name, json: `/api/reports/${name}`, csv: `/api/reports/${name}.csv` })) };
  }

  /** `GET /api/reports/<name>?from=&to=&channel=&team=&category=&product=`, or `<name>.csv` for the same table as CSV. */
  @Get('reports/:name')
  async report(@Param('name') param: string, @Query() query: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    const csv = param.endsWith('.csv');
    const name = csv ? param.slice(0, -4) : param;
    if (!isReportName(name)) throw new NotFoundError('report_not_found', `No report named ${name}; reports: ${REPORT_NAMES.join(', ')}`);
    const report = await this.reports.run(name, this.reports.parse(query));
    if (!csv) return report;
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${name}-${report.from.slice(0, 10)}-${report.to.slice(0, 10)}.csv"`);
    return toCsv(report);
  }
}

import { Module } from '@nestjs/common';
import { IntakeModule } from '@inbox/intake';
import { ChannelVolumesView } from './channel-volumes.view';
import { QueueHealthService } from './queue-health.service';
import { ReportsService } from './reports.service';
import { SupervisorController } from './supervisor.controller';
import { SupervisorGateway } from './supervisor.gateway';
import { SupervisorOverviewService } from './supervisor-overview.service';

/** The supervisors' live dashboard (volumes, queue health, agents, incidents) and reports, in the gateway role. */
@Module({
  imports: [IntakeModule],
  controllers: [SupervisorController],
  providers: [ChannelVolumesView, QueueHealthService, SupervisorOverviewService, ReportsService, SupervisorGateway],
})
export class SupervisorModule {}

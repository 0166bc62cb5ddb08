import { Module } from '@nestjs/common';
import { IntakeModule } from '@inbox/intake';
import { ChannelVolumesView } from './channel-volumes.view';
import { QueueHealthService } from './queue-health.service';
import { ReportsService } from './reports.service';
import { SupervisorOverviewService } from './supervisor-overview.service';

const SUPERVISOR = [ChannelVolumesView, QueueHealthService, SupervisorOverviewService, ReportsService];

/** What supervisors watch: live channel volumes, queue health, agents' load, incidents, and the reports. */
@Module({ imports: [IntakeModule], providers: SUPERVISOR, exports: SUPERVISOR })
export class SupervisorServicesModule {}

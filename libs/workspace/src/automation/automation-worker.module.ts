import { Module } from '@nestjs/common';
import { WorkspaceServicesModule } from '../workspace-services.module';
import { AutomationEventsConsumer } from './automation-events.consumer';
import { AutomationScheduler } from './automation-scheduler';
import { OutOfHoursReplyConsumer } from './out-of-hours-reply.consumer';

/** The automation's workers: event rules and the out-of-hours reply (consumers of case events) and the time rules' scheduler. */
@Module({ imports: [WorkspaceServicesModule], providers: [AutomationEventsConsumer, OutOfHoursReplyConsumer, AutomationScheduler] })
export class AutomationWorkerModule {}

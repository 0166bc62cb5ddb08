import { Module } from '@nestjs/common';
import { ComplaintHandlingModule } from '@inbox/complaint-handling';
import { PushAssignmentConsumer, SatisfactionTriggerConsumer, StaffNotificationsConsumer } from '@inbox/workspace';
import { ClassificationSampler } from './classification/classification-sampler';
import { InboundIntakeService } from './inbound-intake.service';
import { IntakeBatchWriter } from './intake-batch.writer';
import { TRIAGE_EXPORTS, TRIAGE_PROVIDERS } from './intake-services';
import { ChannelPortsModule } from './channel-ports/channel-ports.module';
import { TriageWorker } from './triage-worker';

/**
 * Intake: inbound messages into customers and cases, with classification,
 * merges, incidents and contact verification around it. Exports everything
 * below it (complaint handling, the workspace, the case store), so a role
 * that imports it has the whole case side.
 */
@Module({
  imports: [ComplaintHandlingModule, ChannelPortsModule],
  providers: [InboundIntakeService, ...TRIAGE_PROVIDERS],
  exports: [ComplaintHandlingModule, ChannelPortsModule, InboundIntakeService, ...TRIAGE_EXPORTS],
})
export class IntakeModule {}

/**
 * The triage role: consumes inbound messages into cases, and reacts once per
 * case event (shared consumer groups) with push assignment and the
 * satisfaction question; it also draws the daily review sample of
 * not-a-complaint decisions.
 */
@Module({ imports: [IntakeModule], providers: [IntakeBatchWriter, TriageWorker, PushAssignmentConsumer, SatisfactionTriggerConsumer, StaffNotificationsConsumer, ClassificationSampler] })
export class TriageWorkerModule {}

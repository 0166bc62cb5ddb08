import { Module } from '@nestjs/common';
import { AuthModule } from '@inbox/auth';
import { CasesModule } from '@inbox/cases';
import { AgentsGateway } from './agents.gateway';
import { AttachmentsController } from './attachments.controller';
import { CaseEventsFanout } from './case-events.fanout';
import { CasesController } from './cases.controller';
import { DeadLettersController } from './dead-letters.controller';

/** The gateway role: staff REST API and the real-time /agents namespace. */
@Module({
  imports: [AuthModule, CasesModule],
  controllers: [CasesController, DeadLettersController, AttachmentsController],
  providers: [AgentsGateway, CaseEventsFanout],
})
export class WorkspaceModule {}

import { Module } from '@nestjs/common';
import { AuthModule } from '@inbox/auth';
import { CasesModule } from '@inbox/cases';
import { AgentsGateway } from './agents.gateway';
import { AttachmentsController } from './attachments.controller';
import { CannedResponsesController } from './canned-responses.controller';
import { CaseActionsController } from './case-actions.controller';
import { CaseEventsFanout } from './case-events.fanout';
import { CasesController } from './cases.controller';
import { DeadLettersController } from './dead-letters.controller';
import { KnowledgeBaseController } from './knowledge-base.controller';
import { CasePresenceService } from './presence/case-presence.service';
import { PresenceFanout } from './presence/presence.fanout';
import { PresenceHeartbeat } from './presence/presence-heartbeat';
import { TeamsController } from './teams.controller';
import { ClassificationController } from './classification.controller';
import { CustomersController } from './customers.controller';
import { IncidentsController } from './incidents.controller';
import { SupervisorModule } from './supervisor/supervisor.module';

/** The gateway role: staff REST API and the real-time /agents namespace. */
@Module({
  imports: [AuthModule, CasesModule, SupervisorModule],
  controllers: [CasesController, CaseActionsController, CannedResponsesController, KnowledgeBaseController, TeamsController, DeadLettersController, AttachmentsController, CustomersController, IncidentsController, ClassificationController],
  providers: [
    AgentsGateway,
    CaseEventsFanout,
    CasePresenceService,
    PresenceFanout,
    PresenceHeartbeat,
  ],
})
export class WorkspaceModule {}

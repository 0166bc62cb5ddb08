import { PERSONAL_DATA_CONTROLLERS } from './personal-data';
import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { AuthModule } from '@inbox/auth';
import { IntakeModule } from '@inbox/intake';
import { PersonalDataModule } from '@inbox/personal-data';
import { ChannelConnectionStatus } from '@inbox/channels';
import { AgentsGateway } from './agents.gateway';
import { AttachmentsController } from './attachments.controller';
import { CannedResponsesController } from './canned-responses.controller';
import { CaseActionsController } from './case-actions.controller';
import { CaseSplitController } from './case-split.controller';
import { CaseTagsController } from './case-tags.controller';
import { SavedViewsController } from './saved-views.controller';
import { MacrosController } from './macros.controller';
import { CustomFieldsController } from './custom-fields.controller';
import { CaseEventsFanout } from './case-events.fanout';
import { CasesController } from './cases.controller';
import { DeadLettersController } from './dead-letters.controller';
import { KnowledgeBaseController } from './knowledge-base.controller';
import { CasePresenceService } from './presence/case-presence.service';
import { PresenceFanout } from './presence/presence.fanout';
import { PresenceHeartbeat } from './presence/presence-heartbeat';
import { RoutingRulesController } from './routing-rules.controller';
import { AutomationRulesController } from './automation-rules.controller';
import { BusinessHoursController } from './business-hours.controller';
import { TeamsController } from './teams.controller';
import { NotificationsController, PushSubscriptionsController } from './notifications.controller';
import { NotificationsFanout } from './notifications.fanout';
import { ClassificationController } from './classification.controller';
import { ClassificationReviewController } from './classification-review.controller';
import { CustomersController } from './customers.controller';
import { IncidentsController } from './incidents.controller';
import { MessageHtmlController } from './message-html.controller';
import { EmailRepliesController } from './email-replies.controller';
import { SupervisorModule } from './supervisor/supervisor.module';
import { WorkspaceSettingsController } from './workspace-settings.controller';

/** The gateway role: staff REST API and the real-time /agents namespace. */
@Module({
  imports: [
    AuthModule,
    IntakeModule,
    PersonalDataModule,
    SupervisorModule,
    // Files attached in the composer: one per request, refused (413) past the email attachment limit before it is all read.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.email?.maxAttachmentBytes ?? 10 * 1024 * 1024, files: 1 } }),
    }),
  ],
  controllers: [CasesController, CaseActionsController, CaseSplitController, CaseTagsController, SavedViewsController, MacrosController, CustomFieldsController, CannedResponsesController, KnowledgeBaseController, TeamsController, RoutingRulesController, AutomationRulesController, BusinessHoursController, DeadLettersController, AttachmentsController, CustomersController, IncidentsController, ClassificationController, ClassificationReviewController, MessageHtmlController, EmailRepliesController, WorkspaceSettingsController, NotificationsController, PushSubscriptionsController, ...PERSONAL_DATA_CONTROLLERS],
  providers: [
    AgentsGateway,
    ChannelConnectionStatus,
    CaseEventsFanout,
    CasePresenceService,
    PresenceFanout,
    PresenceHeartbeat,
    NotificationsFanout,
  ],
})
export class WorkspaceModule {}

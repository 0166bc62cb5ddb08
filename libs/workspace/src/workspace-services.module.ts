import { Module } from '@nestjs/common';
import { SessionRevocationsModule } from '@inbox/auth';
import { CaseStoreModule } from '@inbox/cases';
import { EmailSignaturesService } from './email-replies/email-signatures.service';
import { ReplyAttachmentUploads } from './email-replies/reply-attachment-uploads';
import { ReplyService } from './reply.service';
import { WORKSPACE_SERVICES } from './workspace-services';

const WORKSPACE = [ReplyService, ReplyAttachmentUploads, EmailSignaturesService, ...WORKSPACE_SERVICES];

/** What agents do to cases: actions, replies, teams, assignment, canned answers, knowledge, satisfaction. */
@Module({ imports: [CaseStoreModule, SessionRevocationsModule], providers: WORKSPACE, exports: [CaseStoreModule, ...WORKSPACE] })
export class WorkspaceServicesModule {}

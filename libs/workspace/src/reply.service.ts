import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { InvalidInputError, type Channel, type MessageView, type OutboundEmailExtras, type StaffPrincipal, type Visibility } from '@inbox/contracts';
import { loadCaseSummary } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { CaseQueryService } from '@inbox/cases';
import { UnitOfWork } from '@inbox/cases';
import { CaseRepository } from '@inbox/cases';
import { outboundRoute, queueOutboundMessage } from '@inbox/cases';
import { refusePersonalDataInPublicReply } from './public-reply-guard';
import { emailAddressList } from './email-replies/email-address-list';
import { takeUploads, uploadRefs } from './email-replies/reply-attachment-uploads';

const MAX_REPLY_LENGTH = 10_000;

export interface ReplyInput {
  text?: string;
  channel?: Channel;
  /** One identity of the customer to answer on, chosen explicitly. */
  identityId?: string;
  /** The customer's authorised representative to answer instead (their authority must cover the case). */
  representativeId?: string;
  /** Public (under the customer's comment) or private (a direct message); by default like the message answered. */
  visibility?: Visibility;
  /** A pre-approved template to send instead of free text (WhatsApp outside its 24-hour window). */
  template?: string;
  /** Email: copies to others (e.g. the people the customer copied), openly or blind. */
  cc?: string[];
  bcc?: string[];
  /** Email: files the agent uploaded for this reply (POST /api/cases/:id/reply-attachments). */
  attachmentIds?: string[];
}

/**
 * An agent's reply: stored as an outbound message (status `queued`) with its
 * case event and an outbox entry for the dispatcher, in one transaction. It
 * goes out in the case's channel unless another of the customer's channels
 * (or one identity of theirs) is chosen explicitly.
 */
@Injectable()
export class ReplyService {
  constructor(
    private readonly cases: CaseQueryService,
    private readonly unitOfWork: UnitOfWork,
    private readonly caseRepository: CaseRepository,
  ) {}

  /**
   * `respondsToCase: false` (an incident's update to every affected customer): the message goes out like any
   * reply but is not the case's first response and leaves a new case new — nobody has looked at it yet.
   */
  async reply(principal: StaffPrincipal | null, caseId: string, input: ReplyInput, options: { respondsToCase?: boolean } = {}): Promise<MessageView> {
    const respondsToCase = options.respondsToCase ?? true;
    const template = input.template?.trim() || undefined;
    // A template's wording lives with the provider; the stored text records which one went out.
    const text = (input.text ?? '').replace(/\u0000/g, '').trim() || (template ? `[template ${template}]` : '');
    if (!text) throw new InvalidInputError('empty_reply', 'The reply is empty');
    if (text.length > MAX_REPLY_LENGTH) throw new InvalidInputError('reply_too_long', `A reply may have at most ${MAX_REPLY_LENGTH} characters`);
    // Null: the inbox itself (an automation rule's reply), which sees every case and has no signature or uploads.
    if (principal) await this.cases.summaryVisibleTo(principal, caseId);
    const cc = emailAddressList('cc', input.cc);
    const bcc = emailAddressList('bcc', input.bcc);

    const view = await this.unitOfWork.run(async (em) => {
      const caseRow = (await this.caseRepository.lockForUpdate(em, caseId))!;
      const route = await outboundRoute(em, {
        caseId: caseRow.id,
        customerId: caseRow.customer_id,
        channel: input.channel ?? caseRow.channel,
        identityId: input.identityId,
        representativeId: input.representativeId,
        visibility: input.visibility,
      });
      if (input.identityId && input.representativeId) throw new InvalidInputError('one_recipient', 'Reply to an identity of the customer or to a representative, not both');
      if (input.channel && input.identityId && route.channel !== input.channel) {
        throw new InvalidInputError('identity_channel_mismatch', `That identity is on ${route.channel}, not ${input.channel}`);
      }
      // The choice is recorded on the message; a channel without public threads has none to record.
      const visibility = input.visibility ?? route.answeredVisibility ?? undefined;
      refusePersonalDataInPublicReply(route.channel, text, visibility);
      if (route.channel !== 'email' && (cc.length || bcc.length || input.attachmentIds?.length)) {
        throw new InvalidInputError('email_only', 'Copies (Cc, Bcc) and attached files go only with email replies');
      }
      const uploads = principal ? await takeUploads(em, input.attachmentIds ?? [], caseRow.id, principal.userId) : [];
      const email = route.channel === 'email' ? await this.emailExtras(em, principal?.userId ?? null, cc, bcc, uploads) : undefined;
      const messageId = randomUUID();
      if (uploads.length) await em.query(`UPDATE attachment_contents SET message_id = $2 WHERE id = ANY($1)`, [uploads.map((u) => u.id), messageId]);
      const message = await queueOutboundMessage(em, {
        messageId,
        email,
        attachments: uploadRefs(uploads),
        caseId: caseRow.id,
        caseReference: caseRow.reference,
        customerId: caseRow.customer_id,
        route,
        text,
        authorUserId: principal?.userId ?? null,
        visibility,
        template,
      });
      if (respondsToCase) await this.caseRepository.markResponded(em, caseRow.id);
      else await this.caseRepository.touch(em, caseRow.id);
      const summary = (await loadCaseSummary(em, caseRow.id))!;
      await writeCaseEvent(em, { type: 'message.created', summary, message, actorUserId: principal?.userId ?? null });
      return message;
    });
    return view;
  }

  /** Copies, files and the agent's own signature, for the email channel to add to the mail. */
  private async emailExtras(
    em: Pick<EntityManager, 'query'>,
    userId: string | null,
    cc: string[],
    bcc: string[],
    uploads: Awaited<ReturnType<typeof takeUploads>>,
  ): Promise<OutboundEmailExtras> {
    const [author] = userId ? ((await em.query(`SELECT email_signature FROM users WHERE id = $1`, [userId])) as Array<{ email_signature: string | null }>) : [];
    return {
      ...(cc.length ? { cc } : {}),
      ...(bcc.length ? { bcc } : {}),
      ...(uploads.length ? { attachments: uploads } : {}),
      ...(author?.email_signature ? { authorSignature: author.email_signature } : {}),
    };
  }
}

import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { normalizeAddress, PHONE_CHANNELS, type AttachmentRef, type CaseEvent, type CaseSummary, type Classification, type InboundMessage, type MessageView } from '@inbox/contracts';
import {
  decideCaseAction,
  effectiveClassification,
  findCaseReference,
  priorityFor,
  type CaseAction,
  type CaseCandidate,
  type MessageClassifier,
} from '@inbox/complaint-detection';
import { APP_CONFIG, deterministicMessageId, type AppConfig } from '@inbox/platform';
import { parseStatusRequest } from '@inbox/compliance';
import { loadCaseSummary, MESSAGE_COLUMNS, OPEN_STATUSES, toMessageView, writeCaseReturningSummary, type MessageRow } from '@inbox/cases';
import { bufferCaseEvents, flushCaseEvents, writeCaseEvent } from '@inbox/cases';
import { recordClaimedContacts } from './claimed-contacts';
import { findThreadCase } from '@inbox/cases';
import { validateInboundMessage, type ValidInboundMessage } from './inbound-message.validator';
import { queryRows } from '@inbox/cases';
import { MESSAGE_CLASSIFIER } from './classification/message-classifier.provider';
import { suggestMergesFromMessage, suggestMergesFromMessages } from './classification/merge-suggestion.finder';
import { suggestSplitFromMessage } from './case-split/split-suggestions';
import { IncidentLinker, IncidentOpeningNeedsExclusiveLock, type IncidentLockMode } from './incidents/incident-linker';
import { chooseRoutedTeam, SatisfactionAnswers } from '@inbox/workspace';
import { routingRulesOf } from './transaction-routing-rules';
import { ComplianceCalendar } from '@inbox/complaint-handling';
import { StatusRequestResponder } from '@inbox/complaint-handling';
import { customerForUnverifiedSender, isUnverifiedSender } from './unverified-sender';
import { insertInboundMessages, insertNewCases, type NewCaseRow } from './inbound-rows';

export type IntakeOutcome =
  /** `caseId` is null for noise kept on the customer without a case. */
  | { kind: 'stored'; messageId: string; caseId: string | null; events: CaseEvent[] }
  | { kind: 'updated'; messageId: string; events: CaseEvent[] }
  | { kind: 'duplicate'; messageId: string };

/** A message made ready for its transaction. */
export interface PreparedInbound {
  message: ValidInboundMessage;
  messageId: string;
  /** The sender's address, normalised (one phone number is one customer across phone channels). */
  address: string;
  classification: Classification;
}

/** The copy of a message already stored, as a redelivery compares against it. */
export interface StoredCopy {
  text: string;
  attachments: unknown[];
}

/** What a batch did for all its messages before placing them one by one. */
export interface BatchLookups {
  /** The batch's messages already stored, locked (FOR UPDATE); a message absent here is new. */
  stored: ReadonlyMap<string, StoredCopy>;
  /** The advisory locks on the senders' addresses (`identityLockKey`) are held. */
  addressesLocked: boolean;
  /** The sender's customer, when the batch resolved it with the others (see intake/batch-senders.ts). */
  sender?: ResolvedSender;
}

/** The customer a message's sender resolved to, locked; `created` when this message is the one that created it. */
export interface ResolvedSender {
  customerId: string;
  created: boolean;
}

/** The advisory-lock key that serialises resolving one sender address to a customer. */
export function identityLockKey(address: string): string {
  return `identity:${address}`;
}

const PREVIEW_LENGTH = 140;
/** Following a merged customer to its survivor; merges never chain this deep in practice. */
const MAX_MERGE_HOPS = 10;

interface Placement {
  summary: CaseSummary | null;
  action: CaseAction;
}

/**
 * Turns one canonical inbound message into rows, in one transaction: the
 * message (idempotent, with its classification), identity → customer, the
 * case it belongs to by the triage rules (see decideCaseAction: join the open
 * case, reopen within the window, open a new linked case, or keep noise on
 * the customer without a case), merge suggestions, incident links, and the
 * case events with their outbox entries.
 */
@Injectable()
export class InboundIntakeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MESSAGE_CLASSIFIER) private readonly classifier: MessageClassifier,
    private readonly incidents: IncidentLinker,
    private readonly calendar: ComplianceCalendar,
    private readonly statusRequests: StatusRequestResponder,
    private readonly satisfaction: SatisfactionAnswers,
  ) {}

  async intake(raw: unknown): Promise<IntakeOutcome> {
    const prepared = await this.prepare(raw);
    try {
      return await this.store(prepared, 'shared');
    } catch (error) {
      // This complaint starts a burst: again from the top, allowed to open the incident (see IncidentLinker).
      if (error instanceof IncidentOpeningNeedsExclusiveLock) return this.store(prepared, 'exclusive');
      throw error;
    }
  }

  /** Validation, the message's id and normalised sender, and its classification: the work done before any transaction. */
  async prepare(raw: unknown): Promise<PreparedInbound> {
    const message = validateInboundMessage(raw);
    const messageId = deterministicMessageId(message.channel, message.account, message.externalId);
    const address = normalizeAddress(message.channel, message.sender.address, this.config.defaultPhoneRegion);
    // Classify before the transaction: pure CPU work holds no locks.
    const classification = await this.classify(message);
    return { message, messageId, address, classification };
  }

  /** The intake transaction; `incidentLock` says whether it may open an incident (see IncidentLinker). */
  private store(prepared: PreparedInbound, incidentLock: IncidentLockMode): Promise<IntakeOutcome> {
    return this.db
      .transaction(async (em) => {
        // The message's case events in one statement at the end (see bufferCaseEvents).
        bufferCaseEvents(em);
        const outcome = await this.storeIn(em, prepared, incidentLock);
        await flushCaseEvents(em);
        return outcome;
      })
      .catch((error: unknown) => {
      if (error instanceof DuplicateDuringIntake) return { kind: 'duplicate', messageId: prepared.messageId } as IntakeOutcome;
      throw error;
    });
  }

  /**
   * One message's rows in the caller's transaction. A batch (see intake/intake-batch.writer.ts) passes
   * what it already did for all its messages at once: the stored copies it looked up (`stored`; absent
   * from it means not stored) and the sender addresses it locked. Throws DuplicateDuringIntake when a
   * concurrent worker stored the same message first.
   */
  async storeIn(em: EntityManager, prepared: PreparedInbound, incidentLock: IncidentLockMode, batch?: BatchLookups): Promise<IntakeOutcome> {
    const { message, messageId, address, classification } = prepared;
    const [seen] = batch?.stored
      ? [batch.stored.get(messageId)].filter((m) => m !== undefined)
      : ((await em.query(`SELECT text, attachments FROM messages WHERE id = $1 FOR UPDATE`, [messageId])) as Array<StoredCopy>);
    if (seen) return this.updateIfChanged(em, messageId, seen, message);

    // A sender proven not to own the address is never matched by it (see unverified-sender.ts).
    const unverified = isUnverifiedSender(message);
    const { customerId, created: newCustomer } = unverified
      ? { customerId: await customerForUnverifiedSender(em, message, address, messageId), created: false }
      : (batch?.sender ?? (await this.resolveCustomer(em, message, address, batch?.addressesLocked ?? false)));
    // Claimed addresses stay claims (unverified) until proven: never an identity, so never a route (see recordClaimedContacts).
    if (message.contacts?.length) {
      await recordClaimedContacts(em, {
        customerId,
        messageId,
        requester: { channel: message.channel, address },
        contacts: message.contacts,
        defaultPhoneRegion: this.config.defaultPhoneRegion,
      });
    }
    // "status" / "/status" / "статус": answered on the same channel, never a new case (RG 271 status on request).
    const statusAnswer = unverified ? null : await this.statusRequests.answer(em, { message, messageId, customerId, address, classification });
    if (statusAnswer) return { kind: 'stored', ...statusAnswer } as IntakeOutcome;
    const receivedAt = new Date(message.receivedAt);
    // A reply to a satisfaction question ("5", "4/5") joins the resolved case it answers, changing nothing else.
    const answer = await this.satisfaction.tryRecordAnswer(em, customerId, message.text);
    const { summary, action } = answer
      ? await this.attachAnswer(em, message, customerId, answer.caseId)
      : await this.attachToCase(em, message, customerId, classification, newCustomer);
    const inserted = await insertInboundMessages(em, [
      {
        id: messageId,
        caseId: summary?.id ?? null,
        customerId,
        address,
        message,
        classification: answer ? { ...classification, satisfactionScore: answer.score } : classification,
      },
    ]);
    const row = inserted.get(messageId);
    // A concurrent worker stored the same message first: undo our case work, change nothing.
    if (!row) throw new DuplicateDuringIntake(messageId);
    await suggestMergesFromMessage(em, {
      customerId,
      messageId,
      text: message.text,
      product: classification.kind === 'noise' ? null : classification.product,
      defaultRegion: this.config.defaultPhoneRegion,
      // The case's summary was read after the customer's row was updated: its name is the customer's.
      ...(summary?.customerId === customerId ? { displayName: summary.customerName } : {}),
    });
    if (!summary) return { kind: 'stored', messageId, caseId: null, events: [] } as IntakeOutcome;

    const events = await this.recordPlacement(em, { summary, action }, toMessageView(row), classification, receivedAt, incidentLock);
    // A message that joined an open case but reads as another complaint: suggested to the agent as a split, never done here.
    if (action.action === 'join' && !answer) await suggestSplitFromMessage(em, { summary, messageId, text: message.text, classification });
    return { kind: 'stored', messageId, caseId: summary.id, events } as IntakeOutcome;
  }

  /**
   * Whether a batch may place this message with the others that first write for a customer the batch
   * created (storeFirstMessages): such a customer has no case, message, thread or pending satisfaction
   * question to read; a message carrying what is placed one by one (claimed contacts, a status request)
   * takes storeIn.
   */
  placesAsFirstMessage(prepared: PreparedInbound, sender: ResolvedSender | undefined): boolean {
    const { message } = prepared;
    return !!sender?.created && !isUnverifiedSender(message) && !message.contacts?.length && parseStatusRequest(message.text) === null;
  }

  /**
   * The first messages of customers this batch created, set-based: by the same rules as storeIn, which
   * for a customer without cases open a case for a complaint or an enquiry and keep anything else
   * without one. Their new cases in one statement and their messages in another, in the order given;
   * their merge suggestions (the namesakes of all in one statement); then each one's case events and
   * incident link in that order. Throws DuplicateDuringIntake when a concurrent worker stored one of
   * them first.
   */
  async storeFirstMessages(
    em: EntityManager,
    items: ReadonlyArray<{ prepared: PreparedInbound; customerId: string }>,
    incidentLock: IncidentLockMode,
  ): Promise<IntakeOutcome[]> {
    const placed = items.map(({ prepared, customerId }) => {
      const { message, classification } = prepared;
      const receivedAt = new Date(message.receivedAt);
      const action = decideCaseAction({ kind: classification.kind, receivedAt, reopenWindowDays: this.config.triage.reopenWindowDays });
      return { prepared, customerId, receivedAt, action };
    });
    const caseRows = new Map<string, NewCaseRow>();
    for (const { prepared, customerId, action } of placed) {
      if (action.action !== 'open') continue;
      const { message, classification } = prepared;
      const check = classification.kind === 'complaint' && !!classification.doubt;
      caseRows.set(prepared.messageId, await this.newCaseRow(em, { message, customerId, classification, action, check }));
    }
    const summaries = await insertNewCases(em, [...caseRows.values()]);
    const rows = await insertInboundMessages(
      em,
      placed.map(({ prepared, customerId }) => ({
        id: prepared.messageId,
        caseId: caseRows.get(prepared.messageId)?.id ?? null,
        customerId,
        address: prepared.address,
        message: prepared.message,
        classification: prepared.classification,
      })),
    );
    const stored = placed.map((p) => {
      const row = rows.get(p.prepared.messageId);
      if (!row) throw new DuplicateDuringIntake(p.prepared.messageId);
      const caseRow = caseRows.get(p.prepared.messageId);
      return { ...p, row, summary: caseRow ? summaries.get(caseRow.id)! : null };
    });
    await suggestMergesFromMessages(
      em,
      stored.map(({ prepared: { message, messageId, classification }, customerId, summary }) => ({
        customerId,
        messageId,
        text: message.text,
        product: classification.kind === 'noise' ? null : classification.product,
        defaultRegion: this.config.defaultPhoneRegion,
        // The customer was created with this message's name.
        displayName: summary?.customerName ?? message.sender.displayName ?? null,
      })),
    );
    const outcomes: IntakeOutcome[] = [];
    for (const { prepared: { messageId, classification }, receivedAt, action, row, summary } of stored) {
      if (!summary) {
        outcomes.push({ kind: 'stored', messageId, caseId: null, events: [] });
        continue;
      }
      const events = await this.recordPlacement(em, { summary, action }, toMessageView(row), classification, receivedAt, incidentLock);
      outcomes.push({ kind: 'stored', messageId, caseId: summary.id, events });
    }
    return outcomes;
  }

  /**
   * A message kept without a case (noise) that an agent reclassified as a
   * complaint or enquiry: placed now by the same rules, as if it had just
   * arrived, in the caller's transaction.
   */
  async placeCaselessMessage(em: EntityManager, messageId: string, classification: Classification): Promise<CaseEvent[]> {
    const [row] = (await em.query(
      `SELECT customer_id, channel, account, external_id, sender_address, text, thread, received_at FROM messages
        WHERE id = $1 AND case_id IS NULL AND direction = 'inbound' FOR UPDATE`,
      [messageId],
    )) as Array<{ customer_id: string; channel: InboundMessage['channel']; account: string; external_id: string | null; sender_address: string | null; text: string; thread: InboundMessage['thread'] | null; received_at: Date }>;
    if (!row) return [];
    const customerId = await this.lockSurvivor(em, row.customer_id);
    const message: InboundMessage = {
      channel: row.channel,
      account: row.account,
      externalId: row.external_id ?? messageId,
      sender: { address: row.sender_address ?? '' },
      text: row.text,
      thread: row.thread ?? undefined,
      receivedAt: row.received_at.toISOString(),
    };
    const placement = await this.attachToCase(em, message, customerId, classification);
    if (!placement.summary) return [];
    const [updated] = await queryRows<MessageRow>(
      em,
      `UPDATE messages m SET case_id = $2, customer_id = $3, updated_at = now() WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`,
      [messageId, placement.summary.id, customerId],
    );
    // An agent's correction, rare: it may open an incident straight away.
    return this.recordPlacement(em, { summary: placement.summary, action: placement.action }, toMessageView(updated), classification, row.received_at, 'exclusive');
  }

  /** The case events of a placed message, and incident linking when a complaint case appeared. */
  private async recordPlacement(
    em: EntityManager,
    { summary, action }: { summary: CaseSummary; action: CaseAction },
    view: MessageView,
    classification: Classification,
    receivedAt: Date,
    incidentLock: IncidentLockMode,
  ): Promise<CaseEvent[]> {
    const events: CaseEvent[] = [];
    if (action.action === 'open') events.push(await writeCaseEvent(em, { type: 'case.created', summary, message: view, data: { kind: action.kind, linkedCaseId: action.linkedCaseId } }));
    if (action.action === 'reopen') events.push(await writeCaseEvent(em, { type: 'case.reopened', summary, message: view, data: { reason: 'customer_wrote_again' } }));
    events.push(await writeCaseEvent(em, { type: 'message.created', summary, message: view }));
    const becameComplaint = action.action === 'open' ? action.kind === 'complaint' : action.action !== 'store_without_case' && action.upgradeToComplaint;
    if (becameComplaint) {
      events.push(...(await this.incidents.onNewComplaint(em, summary, { category: classification.category, text: view.text, receivedAt }, incidentLock)));
    }
    return events;
  }

  private async classify(message: ValidInboundMessage): Promise<Classification> {
    const model = await this.classifier.classify(message.text, {
      channel: message.channel,
      autoReply: message.autoReply,
      hasAttachments: (message.attachments ?? []).length > 0,
    });
    return effectiveClassification(model, message);
  }

  /**
   * A provider sent a message we have again. Identical → a redelivery, nothing
   * changes. Different text or attachments → the same message grew (a call's
   * transcription arrived, the customer edited it): update it, keep what it
   * said before in its history, and tell the agents.
   */
  private async updateIfChanged(
    em: EntityManager,
    messageId: string,
    seen: { text: string; attachments: unknown[] },
    message: ValidInboundMessage,
  ): Promise<IntakeOutcome> {
    // Enrichments arrive in any order (a call's recording, then its transcription, or the reverse):
    // an empty text never blanks a stored one, and attachments accumulate.
    const text = message.text === '' ? seen.text : message.text;
    const attachments = mergeAttachments(seen.attachments as AttachmentRef[], message.attachments ?? []);
    const sameText = seen.text === text;
    const sameAttachments = JSON.stringify(seen.attachments) === JSON.stringify(attachments);
    if (sameText && sameAttachments) return { kind: 'duplicate', messageId };
    // New words (a transcription) say more about what the message is than the ring did.
    const classification = sameText ? null : await this.classify({ ...message, text });
    const [row] = await queryRows<MessageRow>(
      em,
      `UPDATE messages m SET text = $2, attachments = $3, updated_at = now(),
              classification = COALESCE($5::jsonb, m.classification),
              redactions = CASE WHEN $6::jsonb IS NULL THEN m.redactions ELSE COALESCE(m.redactions, '[]'::jsonb) || $6::jsonb END,
              thread = COALESCE(m.thread, '{}'::jsonb) || jsonb_build_object('previousTexts',
                COALESCE(m.thread->'previousTexts', '[]'::jsonb) || CASE WHEN $4 THEN '[]'::jsonb ELSE jsonb_build_array(m.text) END)
        WHERE m.id = $1 RETURNING ${MESSAGE_COLUMNS}`,
      [messageId, text, JSON.stringify(attachments), sameText || seen.text === '', classification ? JSON.stringify(classification) : null, message.redactions?.length ? JSON.stringify(message.redactions) : null],
    );
    if (!row.case_id) return { kind: 'duplicate', messageId };
    if (classification && seen.text === '' && (classification.kind !== 'complaint' || classification.doubt)) {
      // A call or a photo counted as a complaint before it had words; now that it has, they do not read as a
      // sure complaint: the case stays one (never downgraded silently) and asks an agent to check.
      await em.query(`UPDATE cases SET classification_check = true WHERE id = $1 AND kind = 'complaint'`, [row.case_id]);
    }
    if (classification && classification.kind !== 'noise') {
      // The case's category and urgency follow what the customer actually said, unless an agent set them.
      await em.query(
        `UPDATE cases SET category = COALESCE(category, $2), urgency = CASE WHEN $3 = 'high' THEN 'high' ELSE urgency END,
                          priority = LEAST(priority, $4), updated_at = now()
          WHERE id = $1`,
        [row.case_id, classification.category, classification.urgency, priorityFor(classification)],
      );
    }
    if (!sameText) {
      // The queue row shows this message's words once they exist (a call's transcription), if it was showing this message.
      await em.query(`UPDATE cases SET preview = $2 WHERE id = $1 AND preview = $3`, [row.case_id, previewOf(text), previewOf(seen.text)]);
    }
    const summary = (await loadCaseSummary(em, row.case_id))!;
    const event = await writeCaseEvent(em, { type: 'message.updated', summary, message: toMessageView(row) });
    return { kind: 'updated', messageId, events: [event] };
  }

  /**
   * Finds or creates the customer behind a sender address; one phone number is
   * one customer across phone channels. Returns with the customer row locked:
   * that lock makes "find the open case or open one" safe across workers and
   * channels, and a customer merged away meanwhile is followed to its survivor.
   */
  private async resolveCustomer(
    em: EntityManager,
    message: InboundMessage,
    address: string,
    addressLocked: boolean,
  ): Promise<ResolvedSender> {
    // Serialise resolution of the same address across workers, so two first messages create one customer.
    if (!addressLocked) await em.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [identityLockKey(address)]);
    // One statement: this channel's identity, else (phone channels) the first one on another phone
    // channel, with its customer row locked.
    const [found] = (await em.query(
      `SELECT i.customer_id, i.channel = $1 AS exact, cu.merged_into_id
         FROM identities i JOIN customers cu ON cu.id = i.customer_id
        WHERE i.address = $2 AND (i.channel = $1 OR i.channel = ANY($3::text[]))
        ORDER BY i.channel = $1 DESC, i.created_at LIMIT 1
          FOR NO KEY UPDATE OF cu`,
      [message.channel, address, PHONE_CHANNELS.includes(message.channel) ? PHONE_CHANNELS : []],
    )) as Array<{ customer_id: string; exact: boolean; merged_into_id: string | null }>;
    if (!found) {
      // A new sender: the customer and its identity in one statement.
      const [created] = (await em.query(
        `WITH customer AS (INSERT INTO customers (display_name, last_channel) VALUES ($1, $2) RETURNING id)
         INSERT INTO identities (customer_id, channel, address, display_name) SELECT id, $2, $3, $1 FROM customer RETURNING customer_id`,
        [message.sender.displayName ?? null, message.channel, address],
      )) as Array<{ customer_id: string }>;
      return { customerId: created.customer_id, created: true };
    }
    // A customer merged away meanwhile: follow it to its survivor.
    const customerId = found.merged_into_id ? await this.lockSurvivor(em, found.merged_into_id) : found.customer_id;
    if (!found.exact) {
      await em.query(`INSERT INTO identities (customer_id, channel, address, display_name) VALUES ($1, $2, $3, $4)`, [
        customerId,
        message.channel,
        address,
        message.sender.displayName ?? null,
      ]);
    }
    return { customerId, created: false };
  }

  /**
   * Locks the customer row; if a merge moved it away in the meantime, locks and returns the survivor.
   * Intake locks customers FOR NO KEY UPDATE, not FOR UPDATE: that still serialises everyone who writes
   * the customer (another intake, a merge, which locks FOR UPDATE), but not the foreign-key checks of rows
   * that only point at it. With FOR UPDATE, an acknowledgement holding a case and inserting its outbound
   * message (a key-share check on the customer) and an intake holding the customer and updating that case
   * deadlocked, and PostgreSQL broke it only after deadlock_timeout (1 s) — the bench's slowest messages.
   */
  async lockSurvivor(em: EntityManager, customerId: string): Promise<string> {
    let id = customerId;
    for (let hop = 0; hop < MAX_MERGE_HOPS; hop += 1) {
      const [row] = (await em.query(`SELECT merged_into_id FROM customers WHERE id = $1 FOR NO KEY UPDATE`, [id])) as Array<{
        merged_into_id: string | null;
      }>;
      if (!row?.merged_into_id) return id;
      id = row.merged_into_id;
    }
    return id;
  }

  /** A satisfaction answer is stored on the case it rates, which keeps its status. */
  private async attachAnswer(em: EntityManager, message: InboundMessage, customerId: string, caseId: string): Promise<Placement> {
    await em.query(`UPDATE customers SET last_channel = $2, updated_at = now() WHERE id = $1`, [customerId, message.channel]);
    return { summary: (await loadCaseSummary(em, caseId))!, action: { action: 'join', caseId, upgradeToComplaint: false } };
  }

  /** The case the message belongs to by the triage rules (decideCaseAction), or none for noise. */
  private async attachToCase(
    em: EntityManager,
    message: InboundMessage,
    customerId: string,
    classification: Classification,
    /** Created by this transaction: its row already has this channel and name, and it has no messages or cases. */
    newCustomer = false,
  ): Promise<Placement> {
    if (!newCustomer) {
      await em.query(
        `UPDATE customers SET last_channel = $2, display_name = COALESCE(display_name, $3), updated_at = now() WHERE id = $1`,
        [customerId, message.channel, message.sender.displayName ?? null],
      );
    }
    const preview = previewOf(message.text);
    const receivedAt = new Date(message.receivedAt);
    // A reply to one of our messages (its thread hints name it, e.g. an email's In-Reply-To) names that message's case.
    const threadCaseId = newCustomer ? undefined : await findThreadCase(em, { customerId, channel: message.channel, thread: message.thread });
    const threadReference = threadCaseId
      ? ((await em.query(`SELECT reference FROM cases WHERE id = $1`, [threadCaseId])) as Array<{ reference: string }>)[0]?.reference
      : undefined;
    const named = threadReference ?? message.thread?.caseReference ?? findCaseReference(message.thread?.subject) ?? findCaseReference(message.text);
    const action = decideCaseAction({
      kind: classification.kind,
      receivedAt,
      reopenWindowDays: this.config.triage.reopenWindowDays,
      ...(newCustomer ? { named: undefined, open: undefined, lastEnded: undefined } : await this.caseCandidates(em, customerId, named)),
    });
    // A complaint made so only because the model could not rule one out: the agent is asked to check it.
    const check = classification.kind === 'complaint' && !!classification.doubt;
    let summary: CaseSummary | undefined;
    switch (action.action) {
      case 'store_without_case':
        return { summary: null, action };
      case 'join':
      case 'reopen': {
        const caseId = action.caseId;
        const counts = classification.kind === 'complaint' || classification.kind === 'enquiry';
        // Noise and compliments join without moving the case in the queue; a reopen puts it back in the queue.
        summary = await writeCaseReturningSummary(
          em,
          `UPDATE cases SET last_message_at = CASE WHEN $3 THEN GREATEST(last_message_at, $2) ELSE last_message_at END,
                            preview = CASE WHEN $3 THEN $4 ELSE preview END,
                            category = CASE WHEN $3 THEN COALESCE(category, $5) ELSE category END,
                            priority = CASE WHEN $3 THEN LEAST(priority, $6) ELSE priority END,
                            urgency = CASE WHEN $3 AND $7 = 'high' THEN 'high' ELSE urgency END,
                            status = CASE WHEN $8 THEN 'open' ELSE status END,
                            closed_at = CASE WHEN $8 THEN NULL ELSE closed_at END,
                            reopened_at = CASE WHEN $8 THEN $2 ELSE reopened_at END,
                            reopen_count = reopen_count + CASE WHEN $8 THEN 1 ELSE 0 END,
                            classification_check = classification_check OR $9,
                            updated_at = now()
            WHERE id = $1 RETURNING *`,
          [
            caseId, receivedAt, counts, preview, classification.category, priorityFor(classification), classification.urgency,
            action.action === 'reopen',
            // Only when this message changed the case: reopened it or made it a complaint.
            check && (action.action === 'reopen' || action.upgradeToComplaint),
          ],
        );
        if (action.upgradeToComplaint) {
          await this.upgradeToComplaint(em, caseId, receivedAt);
          summary = await loadCaseSummary(em, caseId);
        }
        break;
      }
      case 'open': {
        const row = await this.newCaseRow(em, { message, customerId, classification, action, check });
        summary = (await insertNewCases(em, [row])).get(row.id);
        break;
      }
      default: {
        const unreachable: never = action;
        throw new Error(`unknown case action ${JSON.stringify(unreachable)}`);
      }
    }
    return { summary: summary!, action };
  }

  /** The row of the case a message opens: its deadlines, the team the routing rules choose, what the message says. */
  private async newCaseRow(
    em: EntityManager,
    input: { message: InboundMessage; customerId: string; classification: Classification; action: Extract<CaseAction, { action: 'open' }>; check: boolean },
  ): Promise<NewCaseRow> {
    const { message, classification, action } = input;
    const receivedAt = new Date(message.receivedAt);
    // Only complaints run on the RG 271 clock; an enquiry has no IDR deadlines unless it becomes a complaint.
    const deadlines = action.kind === 'complaint' ? this.calendar.deadlinesFor(receivedAt, 'standard') : null;
    // The admin's routing rules choose the team (first match wins); with none matching, the default team.
    const teamId = chooseRoutedTeam(await routingRulesOf(em), {
      channel: message.channel,
      account: message.account,
      kind: classification.kind,
      text: [message.thread?.subject, message.text].filter(Boolean).join('\n'),
    });
    return {
      id: randomUUID(),
      message,
      customerId: input.customerId,
      teamId: teamId ?? null,
      acknowledgeBy: deadlines?.acknowledgeBy ?? null,
      respondBy: deadlines?.respondBy ?? null,
      preview: previewOf(message.text),
      kind: action.kind,
      classification,
      priority: priorityFor(classification),
      linkedCaseId: action.linkedCaseId,
      classificationCheck: input.check && action.kind === 'complaint',
    };
  }

  /** The cases the rules choose among: the one the message names, the open one, the one resolved last. */
  private async caseCandidates(em: EntityManager, customerId: string, namedReference: string | undefined) {
    const rows = (await em.query(
      `(SELECT id, kind, status, COALESCE(resolved_at, closed_at, updated_at) AS ended_at, 'named' AS role
          FROM cases WHERE customer_id = $1 AND reference = $2::text)
       UNION ALL
       (SELECT id, kind, status, NULL, 'open' FROM cases WHERE customer_id = $1 AND status = ANY($3) ORDER BY received_at LIMIT 1)
       UNION ALL
       (SELECT id, kind, status, COALESCE(resolved_at, closed_at, updated_at), 'ended' FROM cases
         WHERE customer_id = $1 AND status <> ALL($3) ORDER BY COALESCE(resolved_at, closed_at, updated_at) DESC LIMIT 1)`,
      [customerId, namedReference ?? null, OPEN_STATUSES],
    )) as Array<{ id: string; kind: string; status: string; ended_at: Date | null; role: 'named' | 'open' | 'ended' }>;
    const candidate = (role: string): CaseCandidate | undefined => {
      const row = rows.find((r) => r.role === role);
      if (!row) return undefined;
      const open = (OPEN_STATUSES as readonly string[]).includes(row.status);
      return { id: row.id, kind: row.kind, open, endedAt: open ? null : row.ended_at };
    };
    return { named: candidate('named'), open: candidate('open'), lastEnded: candidate('ended') };
  }

  /** An enquiry became a complaint: it now runs on the RG 271 clock from the message that complained. */
  private async upgradeToComplaint(em: EntityManager, caseId: string, complainedAt: Date): Promise<void> {
    const deadlines = this.calendar.deadlinesFor(complainedAt, 'standard');
    await em.query(
      `UPDATE cases SET kind = 'complaint', acknowledge_by = COALESCE(acknowledge_by, $2), respond_by = COALESCE(respond_by, $3)
        WHERE id = $1`,
      [caseId, deadlines.acknowledgeBy, deadlines.respondBy],
    );
  }
}

function mergeAttachments(stored: AttachmentRef[], incoming: AttachmentRef[]): AttachmentRef[] {
  const key = (a: AttachmentRef) => a.providerFileId ?? a.url ?? JSON.stringify(a);
  const merged = new Map(stored.map((a) => [key(a), a]));
  for (const a of incoming) merged.set(key(a), { ...merged.get(key(a)), ...a });
  return [...merged.values()];
}

export class DuplicateDuringIntake extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} was stored concurrently`);
  }
}

/** What a queue row shows of a message: its words on one line, cut to PREVIEW_LENGTH. */
function previewOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, PREVIEW_LENGTH);
}

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { InboundIntakeService, type IntakeOutcome, type PreparedInbound } from './inbound-intake.service';
import { IncidentLinker, IncidentOpeningNeedsExclusiveLock, type IncidentLockMode } from './incidents/incident-linker';
import { isUnverifiedSender } from './unverified-sender';
import { bufferCaseEvents, flushCaseEvents } from '@inbox/cases';
import { findStoredMessages, lockSenderAddresses } from './batch-lookups';
import { resolveBatchSenders } from './batch-senders';
import { bufferMergeSuggestions, flushMergeSuggestions } from './classification/merge-suggestion.finder';

/**
 * Intake for a batch of inbound messages in one transaction (group commit):
 * one commit, one statement for every sender's lock and one for the stored
 * copies; the first messages of the customers the batch created placed
 * together (a statement for their cases, one for the messages: see
 * InboundIntakeService.storeFirstMessages), then each other message in order
 * by the same rules as alone (InboundIntakeService.storeIn). Any failure rolls the whole batch back and
 * is thrown: the bus then splits the batch and retries the halves, so a poison
 * message ends up alone and the others are stored (see libs/bus
 * split-on-failure.ts). Nothing is committed for a batch that failed, so the
 * retry sees the same state; exactly-once holds as for a single message.
 */
@Injectable()
export class IntakeBatchWriter {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly intake: InboundIntakeService,
    private readonly incidents: IncidentLinker,
  ) {}

  async write(raws: readonly unknown[]): Promise<IntakeOutcome[]> {
    // A lone message takes the single path, which also turns a concurrent duplicate into an outcome.
    if (raws.length === 1) return [await this.intake.intake(raws[0])];
    const prepared = await Promise.all(raws.map((raw) => this.intake.prepare(raw)));
    try {
      return await this.store(prepared, 'shared');
    } catch (error) {
      // A complaint in the batch starts a burst: the batch again, allowed to open the incident (see IncidentLinker).
      if (error instanceof IncidentOpeningNeedsExclusiveLock) return this.store(prepared, 'exclusive');
      throw error;
    }
  }

  private store(prepared: readonly PreparedInbound[], incidentLock: IncidentLockMode): Promise<IntakeOutcome[]> {
    return this.db.transaction(async (em) => {
      // Every case event of the batch in one statement, written at the end in the order they were made.
      bufferCaseEvents(em);
      // The links to open incidents too: one statement per incident at the end (see IncidentLinker.bufferLinks).
      this.incidents.bufferLinks(em);
      // And the merge suggestions: every message's namesakes in one statement at the end.
      bufferMergeSuggestions(em);
      await lockSenderAddresses(
        em,
        prepared.filter((p) => !isUnverifiedSender(p.message)).map((p) => p.address),
      );
      const stored = await findStoredMessages(em, prepared.map((p) => p.messageId));
      // The same message twice in one batch (a redelivery): the second looks at what the first wrote.
      const firstOfItsId = prepared.map((p, i) => prepared.findIndex((q) => q.messageId === p.messageId) === i);
      const senders = await resolveBatchSenders(
        em,
        prepared,
        prepared.map((_, i) => i).filter((i) => firstOfItsId[i] && !stored.has(prepared[i].messageId) && !isUnverifiedSender(prepared[i].message)),
        (tx, customerId) => this.intake.lockSurvivor(tx, customerId),
      );
      // The first messages of the customers this batch created, set-based; then every other message in order.
      // Each of those customers' later messages in the batch comes after its first, so one sender's order holds.
      const first = prepared.map((p, i) => firstOfItsId[i] && this.intake.placesAsFirstMessage(p, senders.get(i)));
      const outcomes: IntakeOutcome[] = new Array(prepared.length);
      const firstIndices = prepared.map((_, i) => i).filter((i) => first[i]);
      const firstOutcomes = await this.intake.storeFirstMessages(
        em,
        firstIndices.map((i) => ({ prepared: prepared[i], customerId: senders.get(i)!.customerId })),
        incidentLock,
      );
      firstIndices.forEach((i, k) => (outcomes[i] = firstOutcomes[k]));
      for (const [i, p] of prepared.entries()) {
        if (first[i]) continue;
        const lookups = firstOfItsId[i] ? { stored, addressesLocked: true, sender: senders.get(i) } : undefined;
        outcomes[i] = await this.intake.storeIn(em, p, incidentLock, lookups);
      }
      await this.incidents.flushLinks(em);
      await flushMergeSuggestions(em);
      await flushCaseEvents(em);
      return outcomes;
    });
  }
}

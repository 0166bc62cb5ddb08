import type { EntityManager } from 'typeorm';
import { ConflictError, DomainError, type Channel } from '@inbox/contracts';
import { loadCaseSummary } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { outboundRoute, queueOutboundMessage, type MessageRepository } from '@inbox/cases';

/**
 * Queues an RG 271 written message (IDR response, delay notice, hardship
 * agreement confirmation) on the complainant's channel — the one they last
 * wrote on — from the system, in the caller's transaction.
 */
export async function queueWrittenMessage(
  em: EntityManager,
  messages: MessageRepository,
  c: { id: string; reference: string; customerId: string; channel: Channel },
  text: string,
): Promise<string> {
  const latest = await messages.latestInboundOfCase(c.id, em);
  try {
    const route = await outboundRoute(em, { caseId: c.id, customerId: c.customerId, channel: latest?.channel ?? c.channel });
    const message = await queueOutboundMessage(em, { caseId: c.id, caseReference: c.reference, customerId: c.customerId, route, text, authorUserId: null });
    const summary = (await loadCaseSummary(em, c.id))!;
    await writeCaseEvent(em, { type: 'message.created', summary, message });
    return message.id;
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'invalid_input') {
      throw new ConflictError('no_channel_to_respond', `Cannot send the written message: ${error.message}`);
    }
    throw error;
  }
}

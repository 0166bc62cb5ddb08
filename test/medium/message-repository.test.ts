import { randomUUID } from 'node:crypto';
import { MessageRepository } from '@inbox/cases';
import { ReplyService } from '@inbox/workspace';
import { useRepositoryContext } from '../support/repository-context';
import { ago, caseFromMessage, inboundMessage } from '../support/builders';

/** MessageRepository (libs/cases/src/repositories) on a migrated database: what each method reads and writes. */
describe('MessageRepository', () => {
  const { ctx, query, repository, inTransaction, intake } = useRepositoryContext(MessageRepository);
  let phone = 61_478_000_000;
  const nextSender = () => ({ address: `+${++phone}` });
  /** A case opened by an SMS, and one outbound reply queued on it (not yet sent). */
  const caseWithQueuedReply = async () => {
    const placed = await caseFromMessage(intake(), query, inboundMessage({ sender: nextSender() }));
    const reply = await ctx.current.get<ReplyService>(ReplyService).reply(null, placed.caseId, { text: 'We are looking into it' });
    return { ...placed, replyId: reply.id };
  };

  it('reads the latest inbound message of a case by when it was received, and the last texts in intake order', async () => {
    const sender = nextSender();
    const first = await caseFromMessage(intake(), query, inboundMessage({ sender, text: 'first words about my card', receivedAt: ago(60_000) }));
    // Intake takes this one later, but it was received earlier: it is not the latest.
    await intake().intake(inboundMessage({ sender, text: 'an older word about my card', receivedAt: ago(120_000) }));
    await intake().intake(inboundMessage({ sender, text: 'the latest word about my card', receivedAt: ago(1_000) }));
    await ctx.current.get<ReplyService>(ReplyService).reply(null, first.caseId, { text: 'Our answer' });

    const latest = await repository().latestInboundOfCase(first.caseId);
    expect(latest).toMatchObject({ channel: 'sms', text: 'the latest word about my card' });
    expect(latest).toHaveProperty('classification');
    await expect(repository().recentInboundTexts(first.caseId, 2)).resolves.toEqual(['the latest word about my card', 'an older word about my card']);
    await expect(repository().latestInboundOfCase(randomUUID())).resolves.toBeUndefined();
  });

  it('reads the customer’s latest inbound message, leaving out the excluded channels', async () => {
    const sender = nextSender();
    const message = inboundMessage({ sender });
    const placed = await caseFromMessage(intake(), query, message);
    const inTheCase = { preferCaseId: placed.caseId, excludingChannels: [] };
    await expect(repository().latestInboundOfCustomer(placed.customerId, inTheCase)).resolves.toMatchObject({ text: message.text, channel: 'sms' });
    await expect(repository().latestInboundOfCustomer(placed.customerId, { preferCaseId: placed.caseId, excludingChannels: ['sms'] })).resolves.toBeUndefined();
  });

  it('reads a message’s HTML body', async () => {
    const email = inboundMessage({ channel: 'email', account: 'complaints@bank.test', sender: { address: `${randomUUID()}@customer.test` }, html: '<p>Charged <b>twice</b></p>' });
    const placed = await caseFromMessage(intake(), query, email);
    const row = await repository().htmlOf(placed.messageId);
    expect(row).toMatchObject({ case_id: placed.caseId });
    expect(row?.html).toContain('<b>twice</b>');
    await expect(repository().htmlOf(randomUUID())).resolves.toBeUndefined();
  });

  it('prefers the named case’s message to a later one the customer sent that was kept without a case', async () => {
    const sender = nextSender();
    const message = inboundMessage({ sender, receivedAt: ago(60_000) });
    const placed = await caseFromMessage(intake(), query, message);
    // Resolved: a later message that complains of nothing is kept without a case, not put on this one.
    await query(`UPDATE cases SET status = 'resolved', resolved_at = now(), closed_at = now() WHERE id = $1`, [placed.caseId]);
    const noise = inboundMessage({ sender, text: 'about this case' });
    await intake().intake(noise);
    expect(await query(`SELECT case_id FROM messages WHERE external_id = $1`, [noise.externalId])).toEqual([{ case_id: null }]);

    const latest = await repository().latestInboundOfCustomer(placed.customerId, { preferCaseId: placed.caseId, excludingChannels: [] });
    expect(latest?.text).toBe(message.text);
  });

  it('records what providers did with outbound messages: acceptance, then status and error', async () => {
    const { replyId, messageId: inboundId } = await caseWithQueuedReply();
    await expect(repository().queuedWithoutProviderId([replyId, replyId, inboundId])).resolves.toEqual([replyId]);
    await expect(repository().queuedWithoutProviderId([])).resolves.toEqual([]);

    const providerId = `SM${randomUUID()}`;
    const [accepted] = await inTransaction((em) => repository().recordAccepted(em, [{ messageId: replyId, externalId: providerId, status: 'sent', thread: { copied: ['records@bank.test'] } }]));
    expect(accepted).toMatchObject({ id: replyId, delivery_status: 'sent', delivery_error: null, copied: ['records@bank.test'] });
    const [stored] = await query<{ external_id: string; accepted_at: Date | null }>(`SELECT external_id, accepted_at FROM messages WHERE id = $1`, [replyId]);
    expect(stored).toMatchObject({ external_id: providerId, accepted_at: expect.any(Date) });
    await expect(repository().queuedWithoutProviderId([replyId])).resolves.toEqual([]);

    await expect(repository().outboundByProviderId('sms', providerId)).resolves.toEqual({ id: replyId, delivery_status: 'sent' });
    await expect(repository().outboundByProviderId('telegram', providerId)).resolves.toBeUndefined();

    const waiting = await inTransaction((em) => repository().setDeliveryError(em, replyId, 'rate limited'));
    expect(waiting).toMatchObject({ delivery_status: 'sent', delivery_error: 'rate limited' });
    const delivered = await inTransaction((em) => repository().setDeliveryStatus(em, replyId, 'delivered', null));
    expect(delivered).toMatchObject({ delivery_status: 'delivered', delivery_error: null });
    await expect(inTransaction((em) => repository().setDeliveryStatus(em, randomUUID(), 'failed', 'gone'))).resolves.toBeUndefined();
  });
});

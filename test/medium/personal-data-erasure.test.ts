import { CaseClaimService } from '@inbox/workspace';
import { IntakeModule, InboundIntakeService } from '@inbox/intake';
import { CustomerErasureService, ERASED, PersonalDataModule } from '@inbox/personal-data';
import { IdrResponseService } from '@inbox/complaint-handling';
import { TOPICS } from '@inbox/contracts';
import { DeadLetterStore } from '@inbox/bus';
import { useMediumContext } from '../support/medium-context';
import { caseFromMessage, caseRow, complaintMessage, inboundMessage, insertStaffMember, placedMessage } from '../support/builders';

/** A customer's erasure request (docs/personal-data.md) on real rows: what goes now, what a hold keeps and until when. */
describe('personal-data erasure', () => {
  // Closed complaints kept for no retention period, so the last test can see a held request carried out.
  const ctx = useMediumContext({ imports: [IntakeModule, PersonalDataModule], env: { RETENTION_COMPLAINT_YEARS: '0' } });
  const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);
  const erasure = () => ctx.current.get<CustomerErasureService>(CustomerErasureService);
  const intake = () => ctx.current.get<InboundIntakeService>(InboundIntakeService);

  it('erases an enquirer’s messages, identity and the dead letters that name them, and leaves other customers’ alone', async () => {
    const admin = await insertStaffMember(query, { role: 'admin' });
    const enquiry = inboundMessage({ sender: { address: '+61477000001', displayName: 'Robin Doe' }, text: 'Can you post my statement to 5 Example St?' });
    await intake().intake(enquiry);
    const { customerId, caseId, messageId } = await placedMessage(query, enquiry.externalId);
    const deadLetters = ctx.current.get<DeadLetterStore>(DeadLetterStore);
    await deadLetters.record({ topic: TOPICS.inbound, key: 'sms:+61477000001', value: { text: 'garbled', sender: '+61477000001' }, error: 'invalid', attempts: 1 });
    await deadLetters.record({ topic: TOPICS.inbound, key: 'sms:+61499999999', value: { text: 'someone else' }, error: 'invalid', attempts: 1 });

    const answer = await erasure().request(admin, customerId, 'Customer asked by phone on 4 March');

    expect(answer).toMatchObject({ status: 'complete', held: [], erased: { customerDetails: true, counts: { deadLetters: 1, identities: 1 } } });
    expect(answer.erased.cases).toEqual([(await caseRow(query, caseId!)).reference]);
    const [message] = await query<{ text: string; sender_address: string | null; erased_at: Date | null }>(`SELECT text, sender_address, erased_at FROM messages WHERE id = $1`, [messageId]);
    expect(message).toMatchObject({ text: ERASED, sender_address: null, erased_at: expect.any(Date) });
    const identities = await query<{ address: string; display_name: string | null }>(`SELECT address, display_name FROM identities WHERE customer_id = $1`, [customerId]);
    expect(identities).toEqual([{ address: expect.stringMatching(/^erased:/), display_name: null }]);
    expect(await deadLetters.list()).toHaveLength(1);
    expect(await query(`SELECT key FROM dead_letters`)).toEqual([{ key: 'sms:+61499999999' }]);
    const [audit] = await query<{ actor_user_id: string; data: { customerId: string } }>(`SELECT actor_user_id, data FROM compliance_audit WHERE action = 'personal_data.erasure'`);
    expect(audit).toMatchObject({ actor_user_id: admin.userId, data: { customerId } });
  });

  it('holds an open complaint and the customer’s details, and carries the request out once the complaint is closed', async () => {
    const supervisor = await insertStaffMember(query, { role: 'supervisor' });
    const sender = { address: '+61477000002', displayName: 'Kim Roe' };
    const complaint = await caseFromMessage(intake(), query, complaintMessage({ sender }));

    const held = await erasure().request(supervisor, complaint.customerId, 'Customer wrote in asking to be forgotten');

    expect(held.status).toBe('partly_held');
    expect(held.erased).toMatchObject({ cases: [], customerDetails: false });
    expect(held.held).toEqual([{ reference: complaint.case.reference, reasons: [expect.objectContaining({ reason: 'open_complaint' })], heldUntil: null }]);
    expect((await query<{ text: string }>(`SELECT text FROM messages WHERE id = $1`, [complaint.messageId]))[0]!.text).not.toBe(ERASED);

    await ctx.current.get<CaseClaimService>(CaseClaimService).claim(supervisor, complaint.caseId);
    await ctx.current.get<IdrResponseService>(IdrResponseService).resolve(supervisor, complaint.caseId, {
      outcome: 'not_upheld',
      closureState: 'resolved',
      reasons: 'The fee was charged once; the second line was a pending authorisation that dropped off.',
    });
    const [resumed] = await erasure().resumeHeld(new Date(), supervisor.userId, complaint.customerId);

    expect(resumed).toMatchObject({ requestId: held.requestId, status: 'complete', erased: { cases: [complaint.case.reference], customerDetails: true } });
    const texts = await query<{ text: string }>(`SELECT text FROM messages WHERE case_id = $1`, [complaint.caseId]);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    expect(texts.every((m) => m.text === ERASED)).toBe(true);
    expect(await erasure().history(complaint.customerId)).toEqual([expect.objectContaining({ id: held.requestId, status: 'complete', erasedCases: [complaint.case.reference] })]);
  });
});

import { IntakeModule, InboundIntakeService } from '@inbox/intake';
import { ComplianceCalendar } from '@inbox/complaint-handling';
import { useMediumContext } from '../support/medium-context';
import { caseFromMessage, complaintMessage, inboundMessage, placedMessage, caseRow } from '../support/builders';

/**
 * RG 271 deadlines as intake persists them on a case, with the firm's calendar (NSW public holidays and the
 * admins' overrides from the database). The dates below are worked out by hand from the calendar, not by the code under test.
 */
describe('RG 271 deadlines persisted on a case', () => {
  const ctx = useMediumContext({ imports: [IntakeModule], env: { TIMEZONE: 'Australia/Sydney', COMPLIANCE_STATE: 'NSW' } });
  const query = <T>(sql: string, params?: unknown[]) => ctx.current.db.query<T>(sql, params);
  const intake = () => ctx.current.get<InboundIntakeService>(InboundIntakeService);
  // Wednesday 4 March 2026, 10:00 in Sydney (AEDT, UTC+11).
  const wednesdayMorning = '2026-03-03T23:00:00.000Z';

  it('gives a complaint received on a Wednesday its acknowledgement by the end of Thursday and its IDR response rolled past Easter', async () => {
    const { case: c } = await caseFromMessage(intake(), query, complaintMessage({ sender: { address: '+61466000001' }, receivedAt: wednesdayMorning }));

    expect(c.kind).toBe('complaint');
    // Later of 24 hours (Thursday 10:00) and the end of the next business day (Thursday): the end of Thursday 5 March, AEDT.
    expect(c.acknowledge_by?.toISOString()).toBe('2026-03-05T12:59:59.999Z');
    // 30 calendar days from the day after receipt is Friday 3 April 2026, Good Friday; Saturday, Sunday and Easter Monday
    // follow, so the deadline rolls to the end of Tuesday 7 April (AEST, UTC+10, daylight saving having ended on 5 April).
    expect(c.respond_by?.toISOString()).toBe('2026-04-07T13:59:59.999Z');
  });

  it('counts from the message that complained when an enquiry turns into a complaint', async () => {
    const sender = { address: '+61466000002' };
    const enquiry = inboundMessage({ sender, text: 'What are your opening hours on Saturday?', receivedAt: '2026-03-01T23:00:00.000Z' });
    await intake().intake(enquiry);
    const { caseId } = await placedMessage(query, enquiry.externalId);
    expect(caseId).not.toBeNull();
    expect(await caseRow(query, caseId!)).toMatchObject({ kind: expect.not.stringMatching(/^complaint$/), respond_by: null });

    await intake().intake(complaintMessage({ sender, receivedAt: wednesdayMorning }));

    const upgraded = await caseRow(query, caseId!);
    expect(upgraded.kind).toBe('complaint');
    expect(upgraded.respond_by?.toISOString()).toBe('2026-04-07T13:59:59.999Z');
  });

  it('moves the deadlines of later complaints, and only theirs, when an admin adds a holiday', async () => {
    const before = await caseFromMessage(intake(), query, complaintMessage({ sender: { address: '+61466000003' }, receivedAt: wednesdayMorning }));
    await query(`INSERT INTO public_holiday_overrides (date, jurisdiction, action, name) VALUES ('2026-04-07', 'NSW', 'add', 'Bank closure')`);
    await ctx.current.get<ComplianceCalendar>(ComplianceCalendar).refresh();

    const after = await caseFromMessage(intake(), query, complaintMessage({ sender: { address: '+61466000004' }, receivedAt: wednesdayMorning }));

    expect(after.case.respond_by?.toISOString()).toBe('2026-04-08T13:59:59.999Z');
    expect((await caseRow(query, before.caseId)).respond_by?.toISOString()).toBe('2026-04-07T13:59:59.999Z');
  });
});

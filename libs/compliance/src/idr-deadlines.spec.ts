import { acknowledgementDue, deadlinesFor, hardshipAgreementConfirmationDue, idrResponseDeadline, idrResponseDue, type BusinessCalendar, type DeadlinePolicy } from './idr-deadlines';
import { holidaysFor, publicHolidayPredicate } from './public-holidays';
import { civilDateOf, formatCivilDate } from './zoned-time';

const sydney: BusinessCalendar = { timeZone: 'Australia/Sydney', isPublicHoliday: publicHolidayPredicate(holidaysFor('NSW')) };
const due = (d: Date) => formatCivilDate(civilDateOf(d, sydney.timeZone));
// 10:00 in Sydney on Wed 5 Jun 2024 (AEST, UTC+10).
const wed5Jun = new Date('2024-06-05T00:00:00Z');
const strict: DeadlinePolicy = { rollToBusinessDay: false, acknowledgement: 'later_of_24h_and_next_business_day' };

describe('IDR response deadlines (worked by hand from RG 271.56 and Table 2)', () => {
  it('standard: received Wed 5 Jun 2024 → due Fri 5 Jul 2024', () => {
    expect(due(idrResponseDue(wed5Jun, 'standard', sydney))).toBe('2024-07-05');
  });
  it('21 days: due Wed 26 Jun 2024', () => {
    expect(due(idrResponseDue(wed5Jun, 'credit_default_notice', sydney))).toBe('2024-06-26');
    expect(due(idrResponseDue(wed5Jun, 'hardship', sydney))).toBe('2024-06-26');
  });
  it('45 days: counted to Sat 20 Jul 2024, due Mon 22 Jul by default (RG 271.56 Note, Acts Interpretation Act s36(2))', () => {
    for (const type of ['superannuation_trustee', 'traditional_trustee'] as const) {
      const d = idrResponseDeadline(wed5Jun, type, sydney);
      expect(d).toMatchObject({ countedTo: '2024-07-20', dueDate: '2024-07-22', rule: 'rolled_to_business_day', rolled: true, days: 45, basis: 'received' });
      expect(due(d.dueAt)).toBe('2024-07-22');
    }
  });
  it('45 days stays on Sat 20 Jul 2024 under the strict setting, and says so', () => {
    const d = idrResponseDeadline(wed5Jun, 'superannuation_trustee', sydney, {}, strict);
    expect(d).toMatchObject({ countedTo: '2024-07-20', dueDate: '2024-07-20', rule: 'strict_calendar_day', rolled: false });
  });
  it('rolls past a public holiday too (RG 271.56 Note): counted to Mon 10 Jun 2024, King’s Birthday in NSW → Tue 11 Jun', () => {
    const received = new Date('2024-05-20T01:00:00Z'); // Mon 20 May + 21 days = Mon 10 Jun
    expect(idrResponseDeadline(received, 'credit_default_notice', sydney)).toMatchObject({ countedTo: '2024-06-10', dueDate: '2024-06-11', rolled: true });
  });
  it('death benefit (RG 271.80–85): proposal notice 1 Jul 2024 → objection period ends 29 Jul → counted to Sun 27 Oct 2024, due Mon 28 Oct', () => {
    const notice = new Date('2024-07-01T02:00:00Z');
    // The objection itself may arrive later in the period: the deadline still runs from the notice.
    const d = idrResponseDeadline(new Date('2024-07-20T02:00:00Z'), 'death_benefit', sydney, { deathBenefitNoticeAt: notice });
    expect(d).toMatchObject({ basis: 'death_benefit_notice', countedFrom: '2024-07-29', countedTo: '2024-10-27', dueDate: '2024-10-28' });
    expect(due(idrResponseDue(notice, 'death_benefit', sydney, { deathBenefitNoticeAt: notice }, strict))).toBe('2024-10-27');
  });
  it('death benefit without the notice date: the earliest date the rule allows (receipt + 90), never a later one', () => {
    const objection = new Date('2024-07-20T02:00:00Z');
    const d = idrResponseDeadline(objection, 'death_benefit', sydney, {}, strict);
    expect(d).toMatchObject({ basis: 'death_benefit_notice_unknown', countedTo: '2024-10-18' });
    // Whatever the notice date was (at most 28 days before the objection), the true deadline is not earlier.
    for (const daysBefore of [0, 10, 28]) {
      const notice = new Date(objection.getTime() - daysBefore * 86_400_000);
      expect(idrResponseDue(objection, 'death_benefit', sydney, { deathBenefitNoticeAt: notice }, strict).getTime()).toBeGreaterThanOrEqual(d.dueAt.getTime());
    }
  });
  it('hardship with missing information (RG 271 Table 2, 271.93): 21 days after it arrives within the 21-day wait, else 7 days after the wait', () => {
    const requested = new Date('2024-06-10T00:00:00Z'); // the wait ends Mon 1 Jul
    const arrived = (iso?: string) => idrResponseDeadline(wed5Jun, 'hardship', sydney, { informationRequestedAt: requested, informationReceivedAt: iso ? new Date(iso) : undefined }, strict);
    expect(arrived('2024-06-20T00:00:00Z')).toMatchObject({ basis: 'hardship_information_received', countedTo: '2024-07-11' });
    expect(arrived()).toMatchObject({ basis: 'hardship_information_not_received', countedTo: '2024-07-08' });
    // Arriving on the last day of the wait still counts; arriving after it does not restart 21 days.
    expect(arrived('2024-07-01T05:00:00Z')).toMatchObject({ basis: 'hardship_information_received', countedTo: '2024-07-22' });
    expect(arrived('2024-07-05T00:00:00Z')).toMatchObject({ basis: 'hardship_information_not_received', countedTo: '2024-07-08' });
  });
  it('a hardship agreement is confirmed in writing within 30 days (RG 271.99)', () => {
    expect(hardshipAgreementConfirmationDue(wed5Jun, sydney, strict)).toMatchObject({ basis: 'hardship_agreement', countedTo: '2024-07-05', paragraphs: 'RG 271.99' });
  });
  it('is the end of that day in the firm’s zone', () => {
    expect(idrResponseDue(wed5Jun, 'standard', sydney).toISOString()).toBe('2024-07-05T13:59:59.999Z');
  });
  it('counts from the local day of receipt, not the UTC one', () => {
    // 23:30 UTC on 4 Jun is already 09:30 on 5 Jun in Sydney.
    expect(due(idrResponseDue(new Date('2024-06-04T23:30:00Z'), 'standard', sydney))).toBe('2024-07-05');
  });
  it('keeps the end of the day right across a daylight-saving change', () => {
    // Received 1 Oct 2024 (AEST); due 31 Oct 2024, in AEDT (UTC+11).
    expect(idrResponseDue(new Date('2024-10-01T00:00:00Z'), 'standard', sydney).toISOString()).toBe('2024-10-31T12:59:59.999Z');
  });
});

describe('acknowledgement deadline', () => {
  it('is the end of the next business day for a weekday complaint received in the evening', () => {
    const tue = new Date('2024-06-04T08:00:00Z'); // Tue 18:00 Sydney
    expect(acknowledgementDue(tue, sydney).toISOString()).toBe('2024-06-05T13:59:59.999Z'); // end of Wed
  });
  it('rolls past the weekend for a Friday complaint, and past a public holiday', () => {
    const fri = new Date('2024-06-07T07:00:00Z'); // Fri 17:00 Sydney; Mon 10 Jun is King's Birthday in NSW
    expect(due(acknowledgementDue(fri, sydney))).toBe('2024-06-11');
  });
  it('can be read as 24 hours exactly', () => {
    const fri = new Date('2024-06-07T07:00:00Z');
    expect(acknowledgementDue(fri, sydney, { rollToBusinessDay: false, acknowledgement: '24_hours' }).toISOString()).toBe('2024-06-08T07:00:00.000Z');
  });
  it('comes with the IDR deadline from deadlinesFor', () => {
    expect(deadlinesFor(wed5Jun, 'standard', sydney)).toEqual({
      acknowledgeBy: new Date('2024-06-06T13:59:59.999Z'),
      respondBy: new Date('2024-07-05T13:59:59.999Z'),
    });
  });
});

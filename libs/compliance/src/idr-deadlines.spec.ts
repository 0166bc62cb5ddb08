import { acknowledgementDue, deadlinesFor, idrResponseDue, type BusinessCalendar } from './idr-deadlines';
import { holidaysFor, publicHolidayPredicate } from './public-holidays';
import { civilDateOf, formatCivilDate } from './zoned-time';

const sydney: BusinessCalendar = { timeZone: 'Australia/Sydney', isPublicHoliday: publicHolidayPredicate(holidaysFor('NSW')) };
const due = (d: Date) => formatCivilDate(civilDateOf(d, sydney.timeZone));
// 10:00 in Sydney on Wed 5 Jun 2024 (AEST, UTC+10).
const wed5Jun = new Date('2024-06-05T00:00:00Z');

describe('IDR response deadlines (RG271.md section 2 worked examples)', () => {
  it('standard: received Wed 5 Jun 2024 → due Fri 5 Jul 2024', () => {
    expect(due(idrResponseDue(wed5Jun, 'standard', sydney))).toBe('2024-07-05');
  });
  it('21 days: due Wed 26 Jun 2024', () => {
    expect(due(idrResponseDue(wed5Jun, 'credit_default_notice', sydney))).toBe('2024-06-26');
    expect(due(idrResponseDue(wed5Jun, 'hardship', sydney))).toBe('2024-06-26');
  });
  it('45 days: due Sat 20 Jul 2024 (no weekend roll by default), for both kinds of trustee', () => {
    expect(due(idrResponseDue(wed5Jun, 'superannuation_trustee', sydney))).toBe('2024-07-20');
    expect(due(idrResponseDue(wed5Jun, 'traditional_trustee', sydney))).toBe('2024-07-20');
  });
  it('45 days rolls to Mon 22 Jul 2024 when weekend roll-over is switched on', () => {
    const rolled = idrResponseDue(wed5Jun, 'superannuation_trustee', sydney, {}, { rollToBusinessDay: true, acknowledgement: 'later_of_24h_and_next_business_day' });
    expect(due(rolled)).toBe('2024-07-22');
  });
  it('death benefit: proposal notice 1 Jul 2024 → objection period ends 29 Jul → response due 27 Oct 2024', () => {
    const notice = new Date('2024-07-01T02:00:00Z');
    expect(due(idrResponseDue(notice, 'death_benefit', sydney))).toBe('2024-10-27');
    // The objection itself may arrive later in the period: the deadline still runs from the notice.
    expect(due(idrResponseDue(new Date('2024-07-20T02:00:00Z'), 'death_benefit', sydney, { deathBenefitNoticeAt: notice }))).toBe('2024-10-27');
  });
  it('hardship with missing information: 21 days after it arrives, or 7 days after the 21-day wait when it never does', () => {
    const requested = new Date('2024-06-10T00:00:00Z');
    expect(due(idrResponseDue(wed5Jun, 'hardship', sydney, { informationRequestedAt: requested, informationReceivedAt: new Date('2024-06-20T00:00:00Z') }))).toBe('2024-07-11');
    expect(due(idrResponseDue(wed5Jun, 'hardship', sydney, { informationRequestedAt: requested }))).toBe('2024-07-08');
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

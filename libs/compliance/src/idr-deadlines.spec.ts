import { acknowledgementDue, idrResponseDue, type BusinessCalendar } from './idr-deadlines';
import { civilDateOf, formatCivilDate } from './zoned-time';

const sydney: BusinessCalendar = { timeZone: 'Australia/Sydney', isPublicHoliday: () => false };
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
  it('45 days: due Sat 20 Jul 2024 (no weekend roll by default)', () => {
    expect(due(idrResponseDue(wed5Jun, 'superannuation_trustee', sydney))).toBe('2024-07-20');
  });
  it('is the end of that day in the firm’s zone', () => {
    expect(idrResponseDue(wed5Jun, 'standard', sydney).toISOString()).toBe('2024-07-05T13:59:59.999Z');
  });
  it('counts from the local day of receipt, not the UTC one', () => {
    // 23:30 UTC on 4 Jun is already 09:30 on 5 Jun in Sydney.
    expect(due(idrResponseDue(new Date('2024-06-04T23:30:00Z'), 'standard', sydney))).toBe('2024-07-05');
  });
});

describe('acknowledgement deadline', () => {
  it('is 24 hours later on a weekday complaint received in the evening', () => {
    const tue = new Date('2024-06-04T08:00:00Z'); // Tue 18:00 Sydney
    expect(acknowledgementDue(tue, sydney).toISOString()).toBe('2024-06-05T13:59:59.999Z'); // end of Wed
  });
  it('rolls past the weekend for a Friday complaint', () => {
    const fri = new Date('2024-06-07T07:00:00Z'); // Fri 17:00 Sydney
    expect(due(acknowledgementDue(fri, sydney))).toBe('2024-06-10');
  });
});

import { holidaysFor, SHIPPED_HOLIDAYS, JURISDICTIONS } from './public-holidays';

describe('shipped public-holiday calendar', () => {
  it('covers every jurisdiction for 2025–2028 with the national days', () => {
    for (const year of [2025, 2026, 2027, 2028]) {
      for (const state of JURISDICTIONS.filter((j) => j !== 'NATIONAL')) {
        const days = [...holidaysFor(state as 'NSW').keys()].filter((d) => d.startsWith(`${year}-`));
        expect(days).toEqual(expect.arrayContaining([`${year}-01-01`, `${year}-04-25`, `${year}-12-25`, `${year}-12-26`]));
        expect(days.length).toBeGreaterThanOrEqual(9);
      }
    }
  });
  it('knows Easter and the states’ own days', () => {
    const nsw = holidaysFor('NSW');
    expect(nsw.get('2026-04-03')).toBe('Good Friday');
    expect(nsw.get('2026-04-06')).toBe('Easter Monday');
    expect(nsw.get('2025-10-06')).toBe('Labour Day');
    expect(holidaysFor('VIC').get('2025-11-04')).toBe('Melbourne Cup Day');
    expect(holidaysFor('WA').get('2025-06-02')).toBe('Western Australia Day');
    expect(holidaysFor('NSW').has('2025-11-04')).toBe(false);
    // Christmas on a Saturday: Monday and Tuesday are the additional days.
    expect(nsw.has('2027-12-27') && nsw.has('2027-12-28')).toBe(true);
  });
  it('applies admins’ overrides: added days and removed ones, national or per state', () => {
    const days = holidaysFor('NSW', [
      { date: '2026-03-02', jurisdiction: 'NSW', action: 'add', name: 'Special holiday' },
      { date: '2026-12-26', jurisdiction: 'NATIONAL', action: 'remove', name: 'not this year' },
      { date: '2026-03-03', jurisdiction: 'VIC', action: 'add', name: 'only Victoria' },
    ]);
    expect(days.get('2026-03-02')).toBe('Special holiday');
    expect(days.has('2026-12-26')).toBe(false);
    expect(days.has('2026-03-03')).toBe(false);
  });
  it('is versioned', () => {
    expect(SHIPPED_HOLIDAYS.version).toMatch(/\S/);
  });
});

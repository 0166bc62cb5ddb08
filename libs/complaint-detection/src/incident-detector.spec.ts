import { burstRanges, incidentKeysFor, isBurst, salientTerms, type BurstSettings } from './incident-detector';

const settings: BurstSettings = { windowMinutes: 5, baselineDays: 7, minComplaints: 20, rateMultiplier: 5 };

describe('isBurst', () => {
  it('needs the minimum count even when the category is usually silent', () => {
    expect(isBurst(19, 0, settings)).toBe(false);
    expect(isBurst(20, 0, settings)).toBe(true);
  });

  it('compares the window with the usual rate of that category', () => {
    // 20,160 a week is 10 per 5 minutes: 40 in the window is 4x, not a burst; 50 is.
    expect(isBurst(40, 20_160, settings)).toBe(false);
    expect(isBurst(50, 20_160, settings)).toBe(true);
  });

  it('computes the window and the baseline before it', () => {
    const at = new Date('2024-06-20T10:00:00Z');
    expect(burstRanges(at, settings)).toEqual({
      windowStart: new Date('2024-06-20T09:55:00Z'),
      baselineStart: new Date('2024-06-13T09:55:00Z'),
    });
  });
});

describe('salient terms', () => {
  it('keeps the words that say what it is about, in English and Russian', () => {
    expect(salientTerms('Your card terminal is DOWN again, this is the third time!')).toEqual(['card', 'terminal', 'down', 'third']);
    expect(salientTerms('Опять не работает оплата картой, спасибо')).toEqual(['работает', 'оплата', 'картой']);
  });

  it('gives the category first', () => {
    expect(incidentKeysFor('card/outage', 'terminal down')).toEqual(['category:card/outage', 'term:terminal', 'term:down']);
    expect(incidentKeysFor(null, 'ok')).toEqual([]);
  });
});

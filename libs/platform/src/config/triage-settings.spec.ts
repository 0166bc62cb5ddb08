import { ConfigError, loadConfig } from './app-config';

describe('triage settings', () => {
  it('defaults to a 14-day reopen window and a 5-minute incident window', () => {
    expect(loadConfig({}).triage).toEqual({
      reopenWindowDays: 14,
      incidents: { windowMinutes: 5, baselineDays: 7, minComplaints: 20, rateMultiplier: 5 },
      review: { share: 0.05, minPerDay: 10 },
    });
    expect(loadConfig({ REOPEN_WINDOW_DAYS: '30', INCIDENT_RATE_MULTIPLIER: '2.5' }).triage).toMatchObject({
      reopenWindowDays: 30,
      incidents: { rateMultiplier: 2.5 },
    });
  });

  it.each([
    ['REOPEN_WINDOW_DAYS', '0'],
    ['REOPEN_WINDOW_DAYS', 'two weeks'],
    ['INCIDENT_WINDOW_MINUTES', '-5'],
    ['INCIDENT_MIN_COMPLAINTS', '1.5'],
    ['INCIDENT_RATE_MULTIPLIER', '0.5'],
    ['CLASSIFICATION_REVIEW_SHARE', '5%'],
    ['CLASSIFICATION_REVIEW_SHARE', '1.5'],
    ['CLASSIFICATION_REVIEW_SHARE', '-0.1'],
    ['CLASSIFICATION_REVIEW_MIN_PER_DAY', '2.5'],
    ['CLASSIFICATION_REVIEW_MIN_PER_DAY', '-1'],
  ])('stops the start naming %s=%s', (setting, value) => {
    expect(() => loadConfig({ [setting]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [setting]: value })).toThrow(setting);
  });

  it('samples 5 % of each day’s not-a-complaint messages, at least 10, unless told otherwise', () => {
    expect(loadConfig({}).triage.review).toEqual({ share: 0.05, minPerDay: 10 });
    expect(loadConfig({ CLASSIFICATION_REVIEW_SHARE: '0.2', CLASSIFICATION_REVIEW_MIN_PER_DAY: '0' }).triage.review).toEqual({ share: 0.2, minPerDay: 0 });
  });
});

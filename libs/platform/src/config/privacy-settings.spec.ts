import { ConfigError, loadConfig } from './app-config';

describe('personal data settings', () => {
  it('keeps noise 90 days, enquiries 24 months, closed complaints 7 years, attachments 24 months, logs 90 days, sweeping at 02:00', () => {
    const config = loadConfig({});
    expect(config.privacy.retention).toEqual({ noiseDays: 90, enquiryMonths: 24, complaintYears: 7, attachmentMonths: 24, logDays: 90 });
    expect(config.privacy.runHour).toBe(2);
    expect(config.privacy.redactPatterns).toEqual([]);
  });

  it('compiles REDACT_PATTERNS at start and refuses a pattern RE2 cannot run in linear time, naming the setting', () => {
    expect(loadConfig({ REDACT_PATTERNS: '{"member number":"MBR-[0-9]{8}"}' }).privacy.redactPatterns.map((p) => p.name)).toEqual(['member number']);
    for (const bad of ['{"x":"(a)\\\\1"}', 'not json', '{"x":"a*"}']) {
      let error: unknown;
      try {
        loadConfig({ REDACT_PATTERNS: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.setting)).toEqual(['REDACT_PATTERNS']);
    }
  });
});

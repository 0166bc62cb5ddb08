import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe('./.data');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.kafka).toBeUndefined();
    expect(config.twilio).toBeUndefined();
  });

  it('switches drivers from the settings', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/inbox',
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      IMAP_URL: 'imap://a:b@h:143/INBOX,imaps://c:d@h:993/INBOX',
    });
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/inbox');
    expect(config.kafka?.brokers).toEqual(['k1:9092', 'k2:9092']);
    expect(config.email?.imapUrls).toHaveLength(2);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['KAFKA_BROKERS', 'not a broker'],
    ['PUBLIC_URL', 'ftp://example.com'],
    ['IMAP_URL', 'imap://ok@h/INBOX,pop3://x'],
    ['JWT_SECRET', 'short'],
    ['TIMEZONE', 'Mars/Olympus'],
    ['LOG_LEVEL', 'loud'],
    ['IMAP_URL', 'imap://nobody@h/INBOX'],
    ['MAIL_FROM', 'not an address'],
    ['IMAP_AFTER_IMPORT', 'delete'],
    ['EMAIL_MAX_ATTACHMENT_BYTES', '-1'],
  ])('rejects %s=%s naming the setting', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.setting)).toContain(name);
      expect((error as Error).message).toContain(name);
    }
  });

  it('reads the email settings', () => {
    const config = loadConfig({ SMTP_URL: 'smtp://h:25', MAIL_FROM: 'Complaints <c@example.com>', IMAP_AFTER_IMPORT: 'move:Imported' });
    expect(config.email).toEqual(
      expect.objectContaining({ imapUrls: [], smtpUrl: 'smtp://h:25', afterImport: { kind: 'move', folder: 'Imported' }, maxAttachmentBytes: 10 * 1024 * 1024 }),
    );
  });

  it('asks for the missing half of a channel', () => {
    expect(() => loadConfig({ TWILIO_ACCOUNT_SID: 'AC123' })).toThrow(/TWILIO_AUTH_TOKEN is required/);
  });
});

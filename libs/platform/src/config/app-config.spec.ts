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
    ['META_GRAPH_API_BASE', 'graph.facebook.com'],
    ['WHATSAPP_REENGAGE_TEMPLATE', 'Complaint Update!'],
    ['WHATSAPP_REENGAGE_TEMPLATE_LANGUAGE', 'english'],
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
    expect(() => loadConfig({ META_PAGE_ACCESS_TOKEN: 'EAA' })).toThrow(/META_APP_SECRET is required when META_PAGE_ACCESS_TOKEN is set/);
  });

  it('turns the Meta channels on with the app secret; WhatsApp uses the page token unless it has its own', () => {
    expect(loadConfig({ META_APP_SECRET: 's', META_PAGE_ACCESS_TOKEN: 'page' }).meta).toEqual({
      appSecret: 's',
      verifyToken: undefined,
      pageAccessToken: 'page',
      graphApiBase: undefined,
      whatsapp: { accessToken: 'page', reengageTemplate: undefined },
    });
    const meta = loadConfig({ META_APP_SECRET: 's', WHATSAPP_ACCESS_TOKEN: 'wa', WHATSAPP_REENGAGE_TEMPLATE: 'complaint_update' }).meta;
    expect(meta?.whatsapp).toEqual({ accessToken: 'wa', reengageTemplate: { name: 'complaint_update', language: 'en' } });
  });
});

describe('loadConfig: Telegram and web chat', () => {
  const token = '123456:ABC-def_ghi';

  it('picks webhook mode only with a webhook secret and PUBLIC_URL, long polling otherwise', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token }).telegram).toMatchObject({ mode: 'polling', pollTimeoutSeconds: 50 });
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: 's3cret' }).telegram?.mode).toBe('polling');
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: 's3cret', PUBLIC_URL: 'https://inbox.example.com' }).telegram?.mode).toBe('webhook');
  });

  it('refuses a webhook secret Telegram would not accept, or one without a bot', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_WEBHOOK_SECRET: 'has spaces!' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    expect(() => loadConfig({ TELEGRAM_WEBHOOK_SECRET: 'fine' })).toThrow(/TELEGRAM_BOT_TOKEN is required/);
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: token, TELEGRAM_POLL_TIMEOUT_SECONDS: '90' })).toThrow(/TELEGRAM_POLL_TIMEOUT_SECONDS/);
  });

  it('has the web chat on by default, with its limits, and off when asked', () => {
    expect(loadConfig({}).webchat).toEqual({ maxMessageLength: 2000, messagesPerMinute: 10, messagesPerMinutePerAddress: 60 });
    expect(loadConfig({ WEBCHAT_ENABLED: 'false' }).webchat).toBeUndefined();
    expect(() => loadConfig({ WEBCHAT_MESSAGES_PER_MINUTE: '0' })).toThrow(/WEBCHAT_MESSAGES_PER_MINUTE/);
  });
});

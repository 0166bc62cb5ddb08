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
  ])('rejects %s=%s naming the setting', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.setting)).toContain(name);
      expect((error as Error).message).toContain(name);
    }
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

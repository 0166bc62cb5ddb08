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
    ['CODE_HASH_SECRET', 'short'],
    ['TWILIO_SMS_FROM', '0412 555 010'],
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

  it('signs mailboxes in with OAuth2: no password in the URL, the client settings of its kind required, ?auth= per mailbox', () => {
    const config = loadConfig({
      IMAP_URL: 'imaps://complaints%40bank.example@outlook.office365.com:993/INBOX,imaps://u:p@other.example/INBOX?auth=password',
      SMTP_URL: 'smtp://complaints%40bank.example@smtp.office365.com:587',
      EMAIL_AUTH: 'oauth2-microsoft',
      EMAIL_OAUTH_TENANT_ID: 'bank.onmicrosoft.com',
      EMAIL_OAUTH_CLIENT_ID: 'id',
      EMAIL_OAUTH_CLIENT_SECRET: 'secret',
      EMAIL_TRUSTED_AUTHSERV_IDS: 'mx.bank.example, MX2.bank.example',
      EMAIL_DNS_SERVERS: '127.0.0.1:5353,1.1.1.1',
    });
    expect(config.email).toEqual(
      expect.objectContaining({
        auth: 'oauth2-microsoft',
        oauth: expect.objectContaining({ tenantId: 'bank.onmicrosoft.com', clientId: 'id', clientSecret: 'secret' }),
        trustedAuthservIds: ['mx.bank.example', 'mx2.bank.example'],
        dnsServers: ['127.0.0.1:5353', '1.1.1.1'],
      }),
    );
    expect(() => loadConfig({ IMAP_URL: 'imaps://a%40b.example@h/INBOX', EMAIL_AUTH: 'oauth2-microsoft' })).toThrow(
      /EMAIL_OAUTH_TENANT_ID is required for oauth2-microsoft mailboxes[\s\S]*EMAIL_OAUTH_CLIENT_SECRET is required/,
    );
    // A certificate stands in for the secret.
    const withCertificate = { IMAP_URL: 'imaps://a%40b.example@h/INBOX', EMAIL_AUTH: 'oauth2-microsoft', EMAIL_OAUTH_TENANT_ID: 't', EMAIL_OAUTH_CLIENT_ID: 'id' };
    expect(loadConfig({ ...withCertificate, EMAIL_OAUTH_CLIENT_CERTIFICATE_FILE: '/app.pem' }).email?.oauth).toEqual(expect.objectContaining({ clientCertificateFile: '/app.pem' }));
    expect(() => loadConfig(withCertificate)).toThrow(/EMAIL_OAUTH_CLIENT_SECRET is required for oauth2-microsoft mailboxes \(or EMAIL_OAUTH_CLIENT_CERTIFICATE_FILE\)/);
    expect(() => loadConfig({ IMAP_URL: 'imaps://a%40b.example@h/INBOX?auth=oauth2-google' })).toThrow(/EMAIL_OAUTH_SERVICE_ACCOUNT_FILE is required/);
    expect(() => loadConfig({ IMAP_URL: 'imaps://a%40b.example@h/INBOX?auth=oauth2' })).toThrow(/EMAIL_OAUTH_TOKEN_URL is required/);
    expect(() => loadConfig({ IMAP_URL: 'imaps://a%40b.example@h/INBOX?auth=kerberos' })).toThrow(/IMAP_URL has auth=kerberos/);
    expect(() => loadConfig({ IMAP_URL: 'imaps://h/INBOX?auth=oauth2-google', EMAIL_OAUTH_SERVICE_ACCOUNT_FILE: '/k.json' })).toThrow(/needs the mailbox as the user/);
    expect(() => loadConfig({ EMAIL_AUTH: 'ntlm' })).toThrow(/EMAIL_AUTH/);
    expect(() => loadConfig({ EMAIL_DNS_SERVERS: 'dns.example' })).toThrow(/EMAIL_DNS_SERVERS/);
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
    expect(loadConfig({}).webchat).toEqual({
      maxMessageLength: 2000,
      messagesPerMinute: 10,
      messagesPerMinutePerAddress: 60,
      connectsPerMinutePerAddress: 30,
      historyPerMinute: 20,
      identifyPerMinute: 5,
    });
    expect(loadConfig({ WEBCHAT_ENABLED: 'false' }).webchat).toBeUndefined();
    expect(() => loadConfig({ WEBCHAT_MESSAGES_PER_MINUTE: '0' })).toThrow(/WEBCHAT_MESSAGES_PER_MINUTE/);
  });
});

describe('loadConfig: sessions, shared limits and the timeline policy', () => {
  it('has safe defaults', () => {
    const config = loadConfig({});
    expect(config.trustProxyHops).toBe(0);
    expect(config.auth.sessionCacheMs).toBe(5_000);
    expect(config.rateLimits).toMatchObject({ loginPerMinute: 10, loginFailuresPerAccount: 10, loginAccountWindowMinutes: 15, statusPagePerMinute: 10 });
    expect(config.workspace.timelineOtherTeamsMessages).toBe(false);
  });

  it('refuses a proxy hop count that is not a small whole number, naming the setting', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxyHops).toBe(2);
    for (const bad of ['-1', 'true', '1.5', '11']) expect(() => loadConfig({ TRUST_PROXY: bad })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TIMELINE_OTHER_TEAMS_MESSAGES: 'yes' })).toThrow(/TIMELINE_OTHER_TEAMS_MESSAGES/);
    expect(() => loadConfig({ LOGIN_FAILURES_PER_ACCOUNT: '0' })).toThrow(/LOGIN_FAILURES_PER_ACCOUNT/);
  });
});

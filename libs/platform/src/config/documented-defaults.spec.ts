import { ConfigError, loadConfig } from './app-config';

/** The defaults README.md's Configuration table states, each as the configuration actually resolves it. */
describe('the documented defaults', () => {
  const config = loadConfig({ KAFKA_BROKERS: 'k1:9092', SMTP_URL: 'smtp://mail.example:25' });

  it('listens on 0.0.0.0:3000, keeps data in ./.data, and opens 10 PostgreSQL connections', () => {
    expect({ host: config.host, port: config.port, dataDir: config.dataDir, pool: config.databasePoolSize }).toEqual({ host: '0.0.0.0', port: 3000, dataDir: './.data', pool: 10 });
  });

  it('times Kafka consumers at 30 s session, 3 s heartbeat, 60 s rebalance, 500 ms wait, 4 partitions at once', () => {
    expect(config.kafka?.consumer).toEqual({ sessionTimeout: 30_000, heartbeatInterval: 3_000, rebalanceTimeout: 60_000, maxWaitTimeInMs: 500, partitionsConsumedConcurrently: 4 });
  });

  it('counts RG 271 days in Sydney with NSW holidays, rolling a weekend or holiday deadline to the next business day, at risk at 0.8, the delay prompt 72 h ahead, acknowledging automatically', () => {
    expect({ zone: config.timeZone, region: config.defaultPhoneRegion }).toEqual({ zone: 'Australia/Sydney', region: 'AU' });
    expect(config.compliance).toMatchObject({ state: 'NSW', rollToBusinessDay: true, acknowledgementRule: 'later_of_24h_and_next_business_day', atRiskThreshold: 0.8, delayPromptHours: 72, autoAcknowledge: true });
  });

  it('reopens within 14 days, and sees a burst at 20 complaints in 5 minutes at 5 times the rate of the previous 7 days', () => {
    expect(config.triage).toMatchObject({ reopenWindowDays: 14, incidents: { windowMinutes: 5, minComplaints: 20, rateMultiplier: 5, baselineDays: 7 } });
  });

  it('has the web chat on with 2000 characters, 10 messages a minute per visitor and 60 per address', () => {
    expect(config.webchat).toMatchObject({ maxMessageLength: 2000, messagesPerMinute: 10, messagesPerMinutePerAddress: 60 });
  });

  it('keeps email attachments up to 10 MB, marks imported mail seen, and checks every mailbox in full each 60 s', () => {
    expect(config.email).toMatchObject({ maxAttachmentBytes: 10 * 1024 * 1024, afterImport: { kind: 'seen' }, pollIntervalMs: 60_000 });
  });

  it('counts an agent online for 30 s, replays up to 1000 missed events, awaits a satisfaction answer 72 h', () => {
    expect(config.workspace).toMatchObject({ presenceTtlSeconds: 30, resyncMaxEvents: 1000, csatAnswerWindowHours: 72 });
  });

  it('pushes to supervisors every 5000 ms, and takes 200–5000 ms only', () => {
    expect(config.supervisor.pushIntervalMs).toBe(5_000);
    expect(loadConfig({ SUPERVISOR_PUSH_INTERVAL_MS: '200' }).supervisor.pushIntervalMs).toBe(200);
    for (const wrong of ['199', '5001']) expect(() => loadConfig({ SUPERVISOR_PUSH_INTERVAL_MS: wrong })).toThrow(ConfigError);
  });

  it('turns a channel on only with its credentials', () => {
    const bare = loadConfig({});
    expect({ twilio: bare.twilio, telegram: bare.telegram, meta: bare.meta, email: bare.email }).toEqual({ twilio: undefined, telegram: undefined, meta: undefined, email: undefined });
  });
});

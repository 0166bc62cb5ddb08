import { ConfigError, loadConfig } from './config/app-config';
import { prepareRuntime } from './runtime';

describe('prepareRuntime: the JWT secret', () => {
  it('is required outside the embedded default (a DATABASE_URL of its own), naming the setting', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://inbox@db.example:5432/inbox' });
    const refused = prepareRuntime(config);
    await expect(refused).rejects.toBeInstanceOf(ConfigError);
    await expect(prepareRuntime(config)).rejects.toThrow(/JWT_SECRET/);
    // With Kafka too: every process must sign alike.
    await expect(prepareRuntime(loadConfig({ DATABASE_URL: 'postgres://inbox@db.example:5432/inbox', KAFKA_BROKERS: 'k1:9092' }))).rejects.toThrow(/JWT_SECRET/);
  });

  it('is taken as given when set', async () => {
    const secret = 'a-shared-secret-that-is-long-enough-0123456789';
    const runtime = await prepareRuntime(loadConfig({ DATABASE_URL: 'postgres://inbox@db.example:5432/inbox', JWT_SECRET: secret, CODE_HASH_SECRET: `codes-${secret}` }));
    expect(runtime.config.auth.jwtSecret).toBe(secret);
    expect(runtime.embeddedPostgres).toBeUndefined();
  });
});

describe('prepareRuntime: the key of the kept codes', () => {
  it('requires CODE_HASH_SECRET beside JWT_SECRET outside the embedded default, naming it', async () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://inbox@db.example:5432/inbox', JWT_SECRET: 'a-shared-secret-that-is-long-enough-0123456789' });
    await expect(prepareRuntime(config)).rejects.toBeInstanceOf(ConfigError);
    await expect(prepareRuntime(config)).rejects.toThrow(/CODE_HASH_SECRET/);
  });
});

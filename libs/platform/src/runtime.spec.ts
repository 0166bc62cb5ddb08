import { createECDH } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config/app-config';
import { prepareRuntime, settleVapidKeys } from './runtime';

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

describe('prepareRuntime: the Web Push (VAPID) keys', () => {
  const shared = { DATABASE_URL: 'postgres://inbox@db.example:5432/inbox', JWT_SECRET: 'a-shared-secret-that-is-long-enough-0123456789', CODE_HASH_SECRET: 'codes-a-shared-secret-that-is-long-enough-0123456789' };

  it('generates a P-256 pair into DATA_DIR in the embedded default and keeps it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'inbox-vapid-'));
    try {
      const first = await settleVapidKeys(loadConfig({ DATA_DIR: dataDir }));
      expect(Buffer.from(first.publicKey!, 'base64url')).toHaveLength(65);
      expect(Buffer.from(first.privateKey!, 'base64url')).toHaveLength(32);
      // The pair is a real one: the private key yields the public key.
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(Buffer.from(first.privateKey!, 'base64url'));
      expect(ecdh.getPublicKey().toString('base64url')).toBe(first.publicKey);
      await expect(settleVapidKeys(loadConfig({ DATA_DIR: dataDir }))).resolves.toEqual(first);
      expect((await stat(join(dataDir, 'vapid-keys.json'))).mode & 0o077).toBe(0);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('takes VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY as given, and leaves push off with DATABASE_URL and neither', async () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const keys = { VAPID_PUBLIC_KEY: ecdh.getPublicKey().toString('base64url'), VAPID_PRIVATE_KEY: ecdh.getPrivateKey().toString('base64url').padStart(43, 'A') };
    const given = await prepareRuntime(loadConfig({ ...shared, ...keys, VAPID_SUBJECT: 'mailto:ops@bank.example' }));
    expect(given.config.webPush).toMatchObject({ publicKey: keys.VAPID_PUBLIC_KEY, privateKey: keys.VAPID_PRIVATE_KEY, subject: 'mailto:ops@bank.example' });
    expect((await prepareRuntime(loadConfig(shared))).config.webPush.publicKey).toBeUndefined();
  });

  it('refuses one VAPID key without the other, naming the missing one', async () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    await expect(prepareRuntime(loadConfig({ ...shared, VAPID_PUBLIC_KEY: ecdh.getPublicKey().toString('base64url') }))).rejects.toThrow(/VAPID_PRIVATE_KEY/);
  });
});

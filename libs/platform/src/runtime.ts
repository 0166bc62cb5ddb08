import { createECDH, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, type AppConfig } from './config/app-config';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './database/embedded-postgres';

export interface Runtime {
  /** The configuration with the database URL and JWT secret settled. */
  config: AppConfig & { databaseUrl: string; auth: AppConfig['auth'] & { jwtSecret: string; codeHashSecret: string } };
  embeddedPostgres?: EmbeddedPostgresHandle;
}

/**
 * Settles what the settings leave open before any module is built: without
 * DATABASE_URL, the embedded PostgreSQL is started under DATA_DIR; without
 * JWT_SECRET, the embedded default keeps a generated one in DATA_DIR (a
 * shared deployment must set it, or each process would sign differently);
 * CODE_HASH_SECRET (the key of the kept codes' HMACs) likewise. The Web Push
 * (VAPID) key pair too; with DATABASE_URL and no VAPID keys, browser push is
 * off (every process must sign with the same pair, so none is made up).
 */
export async function prepareRuntime(config: AppConfig, log: (msg: string) => void = () => undefined): Promise<Runtime> {
  let embeddedPostgres: EmbeddedPostgresHandle | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    const started = Date.now();
    embeddedPostgres = await startEmbeddedPostgres(config.dataDir);
    databaseUrl = embeddedPostgres.url;
    const where = embeddedPostgres.linkedFrom
      ? `${embeddedPostgres.dataDir}, linked from ${embeddedPostgres.linkedFrom}: the postgres OS user cannot enter a directory above DATA_DIR`
      : embeddedPostgres.dataDir;
    log(`embedded PostgreSQL ready in ${Date.now() - started} ms (data in ${where})`);
  }
  let jwtSecret = config.auth.jwtSecret;
  if (!jwtSecret) {
    if (config.databaseUrl) {
      throw new ConfigError([{ setting: 'JWT_SECRET', message: 'is required when DATABASE_URL is set (all processes must share it)' }]);
    }
    jwtSecret = await loadOrCreateSecret(resolve(config.dataDir, 'jwt-secret'));
  }
  let codeHashSecret = config.auth.codeHashSecret;
  if (!codeHashSecret) {
    if (config.databaseUrl) {
      throw new ConfigError([{ setting: 'CODE_HASH_SECRET', message: 'is required when DATABASE_URL is set (all processes must share it)' }]);
    }
    codeHashSecret = await loadOrCreateSecret(resolve(config.dataDir, 'code-hash-secret'));
  }
  const webPush = await settleVapidKeys(config);
  return { config: { ...config, databaseUrl, webPush, auth: { ...config.auth, jwtSecret, codeHashSecret } }, embeddedPostgres };
}

/** The VAPID key pair: from the settings; in the embedded default generated once into DATA_DIR and kept; with DATABASE_URL and none set, push is off. */
export async function settleVapidKeys(config: AppConfig): Promise<AppConfig['webPush']> {
  const { publicKey, privateKey } = config.webPush;
  if (Boolean(publicKey) !== Boolean(privateKey)) {
    throw new ConfigError([{ setting: publicKey ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY', message: 'is required with the other VAPID key' }]);
  }
  if (publicKey || config.databaseUrl) return config.webPush;
  const file = resolve(config.dataDir, 'vapid-keys.json');
  if (!existsSync(file)) {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const pair = { publicKey: ecdh.getPublicKey().toString('base64url'), privateKey: ecdh.getPrivateKey().toString('hex').padStart(64, '0') };
    pair.privateKey = Buffer.from(pair.privateKey, 'hex').toString('base64url');
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(pair), { mode: 0o600 });
  }
  const pair = JSON.parse(await readFile(file, 'utf8')) as { publicKey: string; privateKey: string };
  return { ...config.webPush, publicKey: pair.publicKey, privateKey: pair.privateKey };
}

async function loadOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(resolve(file, '..'), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  return secret;
}

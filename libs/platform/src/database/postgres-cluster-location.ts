import { randomBytes } from 'node:crypto';
import { chmod, chown, lstat, mkdir, readdir, readlink, rmdir, symlink, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StartupError } from '../startup-error';
import { userCanReach, type PostgresOsUser } from './postgres-os-user';
import { describe } from './postgres-server-files';

/** Where the PostgreSQL data of one DATA_DIR lives. */
export interface ClusterLocation {
  /** The directory PostgreSQL is given (`-D`). */
  dir: string;
  /** Set when the data lives outside DATA_DIR: `<DATA_DIR>/postgres` is a symbolic link to `dir`. */
  linkedFrom?: string;
}

/**
 * The data stays in `<DATA_DIR>/postgres` whenever the server's OS user can
 * reach it. As root, under a directory closed to other users (/root, a
 * `mktemp -d`), it cannot: the data then lives in a directory of its own
 * under `sharedRoot`, and `<DATA_DIR>/postgres` is a symbolic link to it —
 * DATA_DIR still says which data an inbox uses, the same DATA_DIR finds the
 * same data after a restart, and a new DATA_DIR starts empty.
 */
export async function clusterLocation(dataDir: string, user: PostgresOsUser | undefined, sharedRoot: string): Promise<ClusterLocation> {
  const inPlace = join(dataDir, 'postgres');
  const existing = await lstat(inPlace).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    const target = resolve(dataDir, await readlink(inPlace));
    if (user && !(await userCanReach(user, target))) {
      throw new StartupError(`The OS user "${user.name}" cannot reach the PostgreSQL data ${inPlace} links to (${target}): let it enter that directory, or point DATA_DIR elsewhere.`);
    }
    return { dir: target, linkedFrom: inPlace };
  }
  if (!user) return { dir: inPlace };
  if (await userCanReach(user, dataDir)) {
    // initdb, run as that user, cannot create a directory in root's DATA_DIR: it gets an empty one of its own.
    if (!existing) await mkdir(inPlace, { mode: 0o700 });
    if (!existing || (await readdir(inPlace)).length === 0) await chown(inPlace, user.uid, user.gid);
    return { dir: inPlace };
  }

  if (existing) {
    // An empty directory is what a start that failed before initdb leaves behind; real data is never moved silently.
    if (!existing.isDirectory() || (await readdir(inPlace)).length > 0) {
      throw new StartupError(
        `The PostgreSQL data in ${inPlace} is under a directory the OS user "${user.name}" cannot enter: move DATA_DIR to a directory every user can enter (e.g. /srv/inbox-data) and set DATA_DIR there, or start the inbox as a non-root user.`,
      );
    }
    await rmdir(inPlace);
  }
  const home = join(sharedRoot, 'data', `${slug(dataDir)}-${randomBytes(4).toString('hex')}`);
  const dir = join(home, 'postgres');
  try {
    // Enterable, not listable, by the server's user (explicit chmods: mkdir's mode passes through the umask).
    await mkdir(home, { recursive: true });
    await chmod(join(sharedRoot, 'data'), 0o711);
    await chmod(home, 0o711);
    // A note for whoever looks in sharedRoot: which DATA_DIR this data belongs to.
    await writeFile(join(home, 'DATA_DIR'), `${dataDir}\n`);
    await mkdir(dir, { mode: 0o700 });
    await chown(dir, user.uid, user.gid);
    await symlink(dir, inPlace);
  } catch (error) {
    throw new StartupError(
      `The PostgreSQL data for ${dataDir} cannot be placed in ${home} (${describe(error)}): start the inbox from a directory every user can enter (e.g. /srv/inbox), or as a non-root user.`,
      { cause: error },
    );
  }
  return { dir, linkedFrom: inPlace };
}

/** `/root/inbox/.data` → `root-inbox-data`: readable in a listing, safe as a file name. */
function slug(path: string): string {
  return (
    path
      .split('/')
      .map((part) => part.replace(/[^A-Za-z0-9_-]/g, ''))
      .filter(Boolean)
      .join('-')
      .slice(-60) || 'data'
  );
}

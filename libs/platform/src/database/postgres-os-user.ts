import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { StartupError } from '../startup-error';

const run = promisify(execFile);

/** The unprivileged OS account PostgreSQL runs as when the inbox is started by root (PostgreSQL refuses to run as root). */
export interface PostgresOsUser {
  name: string;
  uid: number;
  gid: number;
}

/** Looks the account up, and creates it as a system account without a home or a login shell when it does not exist yet. */
export async function findOrCreatePostgresOsUser(name = 'postgres'): Promise<PostgresOsUser> {
  const found = await lookUp(name);
  if (found) return found;
  const groupExists = await run('getent', ['group', name]).then(
    () => true,
    () => false,
  );
  const args = ['--system', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin'];
  try {
    await run('useradd', [...args, ...(groupExists ? ['--gid', name] : ['--user-group']), name]);
  } catch (error) {
    throw new StartupError(
      `As root, the embedded PostgreSQL must run as an OS user "${name}", and creating it failed (${firstLine(error)}): create it with \`useradd --system ${name}\` or start the inbox as a non-root user.`,
      { cause: error },
    );
  }
  const created = await lookUp(name);
  if (!created) throw new StartupError(`The OS user "${name}" was created but cannot be looked up: check \`id ${name}\`, or start the inbox as a non-root user.`);
  return created;
}

async function lookUp(name: string): Promise<PostgresOsUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * Whether `user` can reach `path` (search every directory above it, and the
 * path itself for `mode`), asked of the kernel rather than worked out from
 * mode bits, so ACLs and mount options count. Run the way the server itself
 * is spawned: that uid and gid, no supplementary groups.
 */
export function userCanReach(user: PostgresOsUser, path: string, mode: 'enter' | 'execute' = 'enter'): Promise<boolean> {
  const test = mode === 'enter' ? 'test -d "$1" && test -x "$1"' : 'test -f "$1" && test -x "$1"';
  return new Promise((resolveAnswer) => {
    const child = spawn('/bin/sh', ['-c', test, 'sh', path], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
    child.once('error', () => resolveAnswer(false));
    child.once('exit', (code) => resolveAnswer(code === 0));
  });
}

function firstLine(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const text = typeof stderr === 'string' && stderr.trim() ? stderr : error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0];
}

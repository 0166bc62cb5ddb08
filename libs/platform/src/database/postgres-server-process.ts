import { spawn, type ChildProcess } from 'node:child_process';
import { chown, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StartupError } from '../startup-error';
import type { PostgresOsUser } from './postgres-os-user';
import type { PostgresServerFiles } from './postgres-server-files';

export interface ClusterSettings {
  files: PostgresServerFiles;
  dir: string;
  /** Set when started by root: the server runs as this user. */
  user?: PostgresOsUser;
  log: (line: string) => void;
}

/**
 * Creates a cluster with `initdb`: UTF-8 with PostgreSQL's own C.UTF-8
 * locale, the same on every machine whatever its LANG or installed locales,
 * and a password-protected superuser. The password reaches initdb through a
 * file only the server's user can read, removed right after.
 */
export async function initialiseCluster(cluster: ClusterSettings, credentials: { user: string; password: string }, passwordFileDir: string): Promise<void> {
  const passwordFile = join(passwordFileDir, `.initdb-password-${process.pid}`);
  await writeFile(passwordFile, `${credentials.password}\n`, { mode: 0o600 });
  try {
    if (cluster.user) await chown(passwordFile, cluster.user.uid, cluster.user.gid);
    const args = [
      `--pgdata=${cluster.dir}`,
      '--auth=scram-sha-256',
      `--username=${credentials.user}`,
      `--pwfile=${passwordFile}`,
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
    ];
    const { code, output } = await runToEnd(cluster, join(cluster.files.root, 'bin', 'initdb'), args);
    if (code !== 0) throw new StartupError(`PostgreSQL's initdb failed for ${cluster.dir}: ${lastLines(output)}`);
  } finally {
    await unlink(passwordFile).catch(() => undefined);
  }
}

export interface RunningServer {
  pid: number;
  stop(): Promise<void>;
}

/** Starts the server and resolves once it accepts connections; its log keeps flowing to `cluster.log`. */
export function startServer(cluster: ClusterSettings, args: string[], timeoutMs = 60_000): Promise<RunningServer> {
  const child = spawnAs(cluster, join(cluster.files.root, 'bin', 'postgres'), ['-D', cluster.dir, ...args]);
  // A Node process that exits without stopping the server (an uncaught error, process.exit) asks it to shut down fast.
  const stopOnExit = () => child.kill('SIGINT');
  process.once('exit', stopOnExit);
  let output = '';
  return new Promise((resolveStarted, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      process.off('exit', stopOnExit);
      child.kill('SIGINT');
      reject(new StartupError(`The embedded PostgreSQL did not start (data in ${cluster.dir}): ${why}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs / 1000} s. ${lastLines(output)}`), timeoutMs);
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => fail(lastLines(output) || `it exited (${code ?? signal})`));
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (output.length < 64_000) output += text;
      for (const line of text.split('\n')) if (line.trim()) cluster.log(line.trim());
      if (!text.includes('database system is ready to accept connections')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.removeAllListeners('error');
      child.on('error', (error) => cluster.log(`postgres: ${error.message}`));
      resolveStarted({ pid: child.pid!, stop: () => stopServer(child, stopOnExit) });
    });
  });
}

/** SIGINT is PostgreSQL's "fast" shutdown: open transactions roll back, a checkpoint is written, the server exits. */
async function stopServer(child: ChildProcess, stopOnExit: () => void): Promise<void> {
  process.off('exit', stopOnExit);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGINT');
  await exited;
}

function spawnAs(cluster: ClusterSettings, command: string, args: string[]): ChildProcess {
  // Readiness is read from the server's English log line: initdb's `--locale=C` sets lc_messages to C.
  return spawn(command, args, { ...(cluster.user ? { uid: cluster.user.uid, gid: cluster.user.gid } : {}), stdio: ['ignore', 'pipe', 'pipe'] });
}

function runToEnd(cluster: ClusterSettings, command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolveRun) => {
    const child = spawnAs(cluster, command, args);
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.once('error', (error) => resolveRun({ code: null, output: error.message }));
    child.once('close', (code) => resolveRun({ code, output }));
  });
}

function lastLines(output: string): string {
  return output.trim().split('\n').slice(-3).join(' ').trim();
}

import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = resolve(__dirname, '../..');

/**
 * Builds the app the way `npm start` does. Test files run in parallel workers
 * and may all want a build: `flock` makes them take turns so no two tsc runs
 * write dist/ at once (tsc is incremental, so the later ones are quick).
 */
export async function buildApp(): Promise<void> {
  await promisify(execFile)('flock', [join(ROOT, '.build.lock'), 'npm', 'run', 'build', '--silent'], { cwd: ROOT, maxBuffer: 16 << 20 });
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

export interface SpawnedProcess {
  child: ChildProcess;
  url: string;
  output(): string;
}

/**
 * Starts one built process (`apps/<role>/src/main.js`) and resolves once it
 * says it is listening. The environment is the test's alone: nothing of the
 * developer's shell (DATABASE_URL, KAFKA_BROKERS…) leaks in unless passed.
 */
export async function spawnBuiltProcess(
  role: 'inbox' | 'ingest' | 'triage' | 'gateway',
  env: Record<string, string>,
  timeoutMs = 60_000,
  /** The checkout to run from (its dist/, and the working directory): this one unless a test made another. */
  root = ROOT,
): Promise<SpawnedProcess> {
  // BUILT_APP_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the spawned processes.
  const nodeArgs = (process.env.BUILT_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(root, `dist/apps/${role}/src/main.js`)], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      // Not left running behind the failed test: the caller never gets hold of it.
      child.kill('SIGTERM');
      reject(new Error(`${role} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = /is running: open (http:\/\/localhost:\d+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolveUrl(match[1]);
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${role} exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

/**
 * A built process on a port chosen for it, where the environment must name the port before the start (a
 * PUBLIC_URL that webhook signatures are checked against). Between `freePort()` and the child's listen another
 * process (a parallel test, the benchmark) can take the port: the child then exits saying so, and it is started
 * again on another. Where nothing needs the port in advance, pass PORT=0 to `spawnBuiltProcess` instead.
 */
export async function spawnOnFreePort(
  role: 'inbox' | 'ingest' | 'triage' | 'gateway',
  envFor: (port: number) => Record<string, string>,
  timeoutMs = 60_000,
): Promise<SpawnedProcess & { port: number; env: Record<string, string> }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const env = { ...envFor(port), PORT: String(port) };
    try {
      return { ...(await spawnBuiltProcess(role, env, timeoutMs)), port, env };
    } catch (error) {
      if (attempt >= 3 || !/already in use/.test(String(error))) throw error;
    }
  }
}

/** SIGKILL: no shutdown hooks, no flushing — what a crash or an OOM kill does. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

export async function stopGracefully(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

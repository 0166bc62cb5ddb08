import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const SOURCE = join(ROOT, 'test/kafka/mock-cluster.c');
const CACHE_DIR = join(ROOT, 'node_modules/.cache/inbox-test');
const BINARY = join(CACHE_DIR, 'mock-cluster');
const READY_TIMEOUT_MS = 10_000;

export interface KafkaMockCluster {
  brokers: string[];
  /** A broker outage: every broker drops its connections and refuses new ones (same port, log kept). */
  down(): Promise<void>;
  /** Ends the outage: the brokers accept connections again. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * librdkafka's mock cluster (a real Kafka wire-protocol broker) as a child
 * process. The bus topics and the dead-letter topic exist from the start;
 * `topics` adds more. Fails loudly when librdkafka-dev is missing: a Kafka
 * test that silently skips proves nothing.
 */
export async function startKafkaMockCluster(opts: { partitions?: number; topics?: string[] } = {}): Promise<KafkaMockCluster> {
  const binary = await compiledLauncher();
  const args = ['-p', String(opts.partitions ?? 4), ...(opts.topics ?? [])];
  // stdin stays a pipe: if this process dies, the pipe closes and the launcher exits on its own.
  const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const bootstraps = await readBootstrapLine(child);
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  // Let a test that forgets stop() still exit; the stdin pipe then takes the launcher down.
  child.unref();
  for (const pipe of [child.stdin, child.stdout, child.stderr]) (pipe as unknown as Socket).unref();
  let lines = '';
  const waiting: Array<{ line: string; done: () => void }> = [];
  child.stdout.on('data', (chunk: Buffer) => {
    lines += chunk.toString('utf8');
    for (let newline = lines.indexOf('\n'); newline >= 0; newline = lines.indexOf('\n')) {
      const line = lines.slice(0, newline).trim();
      lines = lines.slice(newline + 1);
      const at = waiting.findIndex((w) => w.line === line);
      if (at >= 0) waiting.splice(at, 1)[0].done();
    }
  });
  const command = (name: 'down' | 'up') =>
    new Promise<void>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`mock cluster did not confirm "${name}"`)), READY_TIMEOUT_MS);
      waiting.push({ line: `ok ${name}`, done: () => (clearTimeout(timer), done()) });
      child.stdin.write(`${name}\n`);
    });
  return {
    brokers: bootstraps.split(','),
    down: () => command('down'),
    up: () => command('up'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

let compiling: Promise<string> | undefined;

/** Once per process: tests starting clusters concurrently share one compilation. */
function compiledLauncher(): Promise<string> {
  compiling ??= compileIfStale().catch((error: unknown) => {
    compiling = undefined;
    throw error;
  });
  return compiling;
}

async function compileIfStale(): Promise<string> {
  const [source, binary] = await Promise.all([stat(SOURCE), stat(BINARY).catch(() => undefined)]);
  if (binary && binary.mtimeMs >= source.mtimeMs) return BINARY;
  await mkdir(CACHE_DIR, { recursive: true });
  // Jest workers may compile at the same time: build to a private name, then rename atomically.
  const temp = `${BINARY}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    await promisify(execFile)('gcc', ['-O2', '-Wall', '-o', temp, SOURCE, '-lrdkafka']);
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim() || (error instanceof Error ? error.message : String(error));
    throw new Error(
      'The Kafka tests need librdkafka\'s mock cluster, built from test/kafka/mock-cluster.c with gcc and ' +
        `librdkafka-dev. Install them with \`apt-get install -y gcc librdkafka-dev\` (npm test does it when run as root).\n${detail}`,
      { cause: error },
    );
  }
  await rename(temp, BINARY);
  return BINARY;
}

function readBootstrapLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((done, fail) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => finish(new Error(`mock cluster did not start within ${READY_TIMEOUT_MS} ms: ${stderr}`)), READY_TIMEOUT_MS);
    const onStdout = (chunk: Buffer): void => {
      stdout += chunk.toString('utf8');
      const newline = stdout.indexOf('\n');
      if (newline >= 0) finish(undefined, stdout.slice(0, newline).trim());
    };
    const onStderr = (chunk: Buffer): void => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
    };
    const onExit = (code: number | null, signal: string | null): void =>
      finish(
        new Error(
          `mock cluster exited before it was ready (code ${code}, signal ${signal}; ` +
            `librdkafka missing? apt-get install -y librdkafka-dev): ${stderr}`,
        ),
      );
    const onError = (error: Error): void => finish(error);
    function finish(error: Error | undefined, line?: string): void {
      clearTimeout(timer);
      child.stdout.off('data', onStdout);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error || !line) {
        child.kill('SIGKILL');
        fail(error ?? new Error('mock cluster printed no bootstrap servers'));
        return;
      }
      child.stdout.resume(); // keep draining, so the launcher never blocks on a full pipe
      done(line);
    }
    child.stdout.on('data', onStdout);
    child.stderr.on('data', onStderr);
    child.once('exit', onExit);
    child.once('error', onError);
  });
}

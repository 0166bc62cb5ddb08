import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export interface StartedInbox {
  url: string;
  stop(): Promise<void>;
}

/**
 * Builds and starts the inbox (`node dist/apps/inbox/src/main.js`, what `npm
 * start` runs) with the given settings, and waits until /health answers.
 */
export async function startInbox(env: Record<string, string>, port: number): Promise<StartedInbox> {
  process.stdout.write('Building the inbox (npm run build)…\n');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const main = join(ROOT, 'dist/apps/inbox/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing after the build`);

  const child: ChildProcess = spawn(process.execPath, [main], { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the inbox did not start within 90 s')), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /open (http:\/\/\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the inbox exited with code ${code} while starting:\n${out.slice(-2000)}`));
    });
  });
  // Its JSON log lines stay out of the simulator's output.
  child.stdout!.resume();
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

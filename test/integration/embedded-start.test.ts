import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'dist/apps/inbox/src/main.js');

/**
 * What `npm start` runs, as a real process: no DATABASE_URL, so the embedded
 * PostgreSQL under DATA_DIR, the demo admin printed once, data and sessions
 * kept across a restart, and two inboxes side by side on their own data.
 */
describe('npm start (embedded PostgreSQL, built app)', () => {
  const running: ChildProcess[] = [];

  beforeAll(async () => {
    await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(running.map(stop));
  });

  async function start(dataDir: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
    const child = spawn(process.execPath, [MAIN], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', KAFKA_BROKERS: '', INBOX_ADMIN_EMAIL: '', INBOX_ADMIN_PASSWORD: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 60 s:\n${output}`)), 60_000);
      child.stdout!.on('data', () => {
        const match = /is running: open (http:\/\/localhost:\d+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
    });
    return { child, url, output: () => output };
  }

  async function stop(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  async function login(url: string, password: string): Promise<string> {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@inbox.local', password }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  it('starts, prints the demo admin once, keeps data and sessions across a restart, and runs twice side by side', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'inbox-start-'));
    const first = await start(dataDir);
    const password = /password: (\S+)/.exec(first.output())![1];
    expect(await (await fetch(`${first.url}/health`)).json()).toMatchObject({ status: 'ok', bus: { kind: 'local' } });
    // The build includes the web workspace, served at / with its assets.
    const page = await (await fetch(`${first.url}/`)).text();
    expect(page).toContain('<div id="root"></div>');
    const script = /<script type="module"[^>]* src="([^"]+)"/.exec(page)![1];
    expect((await fetch(`${first.url}${script}`)).headers.get('content-type')).toMatch(/javascript/);
    const token = await login(first.url, password);
    const created = await fetch(`${first.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ email: 'agent@test.local', password: 'agent-password', name: 'Agent', role: 'agent' }),
    });
    expect(created.status).toBe(201);

    const second = await start(await mkdtemp(join(tmpdir(), 'inbox-start-')));
    expect(second.url).not.toBe(first.url);
    expect((await fetch(`${second.url}/health`)).status).toBe(200);
    await stop(second.child);

    await stop(first.child);
    const again = await start(dataDir);
    expect(again.output()).not.toContain('demo admin');
    // Same data, and the token from before the restart still works: the signing key lives in DATA_DIR.
    const users = await fetch(`${again.url}/api/users`, { headers: { authorization: `Bearer ${token}` } });
    expect(users.status).toBe(200);
    expect(((await users.json()) as { items: Array<{ email: string }> }).items.map((u) => u.email)).toContain('agent@test.local');
    expect((await readFile(join(dataDir, 'postgres', 'PG_VERSION'), 'utf8')).trim()).toMatch(/^\d+$/);
  }, 120_000);

  it('stops with a message naming a wrong setting', async () => {
    const result = await promisify(execFile)(process.execPath, [MAIN], { cwd: ROOT, env: { ...process.env, PORT: 'abc' } }).catch((e: { code: number; stderr: string }) => e);
    expect(result).toMatchObject({ code: 1 });
    expect((result as { stderr: string }).stderr).toContain('PORT must be a port number');
  });
});

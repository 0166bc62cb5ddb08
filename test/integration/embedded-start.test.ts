import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildApp, ROOT, spawnBuiltProcess, stopGracefully, type SpawnedProcess } from '../support/built-app';

const MAIN = join(ROOT, 'dist/apps/inbox/src/main.js');

/**
 * What `npm start` runs, as a real process: no DATABASE_URL, so the embedded
 * PostgreSQL under DATA_DIR, the demo admin printed once, data and sessions
 * kept across a restart, and two inboxes side by side on their own data.
 */
describe('npm start (embedded PostgreSQL, built app)', () => {
  const running: SpawnedProcess[] = [];

  beforeAll(async () => {
    await buildApp();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(running.map((p) => stopGracefully(p.child)));
  });

  /** The built inbox on its own data: no DATABASE_URL, KAFKA_BROKERS or admin settings (the process gets only the env given). */
  async function start(dataDir: string): Promise<SpawnedProcess> {
    const started = await spawnBuiltProcess('inbox', { PORT: '0', DATA_DIR: dataDir });
    running.push(started);
    return started;
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
    await stopGracefully(second.child);

    await stopGracefully(first.child);
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

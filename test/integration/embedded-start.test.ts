import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { buildApp, freePort, ROOT, spawnBuiltProcess, stopGracefully, type SpawnedProcess } from '../support/built-app';
import { makeClosedCheckout } from '../support/closed-checkout';

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

/**
 * The newcomer's path: root, a clone under /root (0700), `npm ci && npm start`.
 * As root PostgreSQL runs as the `postgres` OS user, which cannot enter the
 * checkout: the server files and the data go where it can, the data stays
 * DATA_DIR's across restarts, and whatever cannot work says what to do in
 * one sentence.
 */
describe('npm start as root from a directory closed to other users (built app)', () => {
  const running: SpawnedProcess[] = [];
  const removals: Array<() => Promise<void>> = [];

  // CI runs as root, the newcomer's case, and must test it; a developer's run as a normal user checks the same start as that user.
  const asRoot = process.getuid?.() === 0;

  beforeAll(async () => {
    if (!asRoot && process.env.CI === 'true') throw new Error('These tests start the inbox as root, as a newcomer on a fresh machine does: run CI as root.');
    await buildApp();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(running.map((p) => stopGracefully(p.child)));
    for (const remove of removals) await remove();
  });

  it('starts from the checkout with the default DATA_DIR, and keeps the data across a restart', async () => {
    const checkout = await makeClosedCheckout();
    removals.push(checkout.remove);
    // What a start of an earlier version left behind when initdb could not reach it.
    await mkdir(join(checkout.root, '.data', 'postgres'), { recursive: true });

    const first = await spawnBuiltProcess('inbox', { PORT: '0' }, 120_000, checkout.root);
    running.push(first);
    const password = /password: (\S+)/.exec(first.output())![1];
    expect(await (await fetch(`${first.url}/health`)).json()).toMatchObject({ status: 'ok' });
    const token = await login(first.url, password);
    const created = await fetch(`${first.url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ email: 'agent@closed.local', password: 'agent-password', name: 'Agent', role: 'agent' }),
    });
    expect(created.status).toBe(201);

    expect(first.output()).not.toMatch(/\n\s+at /);
    const dataDir = asRoot ? await rootDataDir(join(checkout.root, '.data', 'postgres')) : join(checkout.root, '.data', 'postgres');
    // As a normal user the server runs as that user, from the checkout, with the data in DATA_DIR itself.
    if (!asRoot) expect((await stat(join(dataDir, 'PG_VERSION'))).isFile()).toBe(true);

    await stopGracefully(first.child);
    const again = await spawnBuiltProcess('inbox', { PORT: '0' }, 120_000, checkout.root);
    running.push(again);
    expect(again.output()).not.toContain('demo admin');
    const users = await fetch(`${again.url}/api/users`, { headers: { authorization: `Bearer ${await login(again.url, password)}` } });
    expect(((await users.json()) as { items: Array<{ email: string }> }).items.map((u) => u.email)).toContain('agent@closed.local');
    if (asRoot) expect(await readlink(join(checkout.root, '.data', 'postgres'))).toBe(dataDir);
  }, 240_000);

  /** As root: the data is a directory of the postgres user outside the closed directory, linked from DATA_DIR, served by a copy of the server files it can reach. */
  async function rootDataDir(link: string): Promise<string> {
    const dataDir = await readlink(link);
    removals.push(() => rm(dirname(dataDir), { recursive: true, force: true }));
    expect(dataDir).toMatch(/^\/var\/lib\/complaints-inbox\/data\/.*inbox-data-[0-9a-f]{8}\/postgres$/);
    const postgresUid = Number((await promisify(execFile)('id', ['-u', 'postgres'])).stdout.trim());
    expect((await stat(dataDir)).uid).toBe(postgresUid);
    // Not from the checkout's node_modules, which the postgres user cannot enter.
    const postmaster = Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    expect(await readlink(`/proc/${postmaster}/exe`)).toMatch(/^\/var\/lib\/complaints-inbox\/postgres-[^/]+\/bin\/postgres$/);
    return dataDir;
  }

  it('stops with one sentence saying what to do when DATA_DIR cannot be made', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inbox-bad-data-'));
    removals.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'a-file'), 'not a directory');
    const { code, stderr } = await runMain({ DATA_DIR: join(dir, 'a-file', 'data') });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([`DATA_DIR ${join(dir, 'a-file', 'data')} cannot be created (ENOTDIR): set DATA_DIR to a directory you can write to.`]);
  });

  it('stops with one sentence saying what to do when the port is taken', async () => {
    const port = await freePort();
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(port, '127.0.0.1', () => r()));
    const dir = await mkdtemp(join(tmpdir(), 'inbox-port-taken-'));
    removals.push(() => rm(dir, { recursive: true, force: true }));
    try {
      const { code, stderr } = await runMain({ DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1' });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([`Port ${port} is already in use (another inbox?): stop that process, or set PORT to a free port.`]);
    } finally {
      taken.close();
    }
  }, 60_000);

  async function login(url: string, password: string): Promise<string> {
    const res = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@inbox.local', password }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  async function runMain(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
    const result = await promisify(execFile)(process.execPath, [MAIN], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env } }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    return result;
  }
});

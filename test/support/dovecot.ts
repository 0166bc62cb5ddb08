import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DOVECOT = '/usr/sbin/dovecot';
const CAPABILITIES_WITHOUT_IDLE =
  'IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE SORT THREAD=REFERENCES MULTIAPPEND UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 CONDSTORE QRESYNC ESEARCH SEARCHRES LITERAL+ MOVE';

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** imap://user:pass@127.0.0.1:port/INBOX */
  imapUrl(mailbox?: string): string;
  /** Stops the server (the mail stays) — for "the IMAP server went away" tests. */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same mail. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real Dovecot IMAP server on loopback, run as a child with its own config,
 * passwd-file user and Maildir under a temp dir. Missing Dovecot fails the
 * test when CI=true (`npm test` installs `dovecot-imapd` as root); elsewhere too, with
 * the command to run, because a skipped peer test proves nothing.
 */
export async function startDovecot(
  options: {
    user?: string;
    password?: string;
    idle?: boolean;
    /** Also accept XOAUTH2 / OAUTHBEARER tokens, checked at this RFC 7662 introspection endpoint (Dovecot's oauth2 passdb). */
    oauth2IntrospectionUrl?: string;
  } = {},
): Promise<Dovecot> {
  if (!existsSync(DOVECOT)) {
    throw new Error(`Dovecot is not installed (${DOVECOT} missing): run \`apt-get install -y dovecot-imapd\` (npm test does it when run as root)`);
  }
  const user = options.user ?? 'complaints@example.test';
  const password = options.password ?? 'imap-test-password';
  const dir = mkdtempSync(join(tmpdir(), 'dovecot-'));
  // Dovecot's auth and mail processes run as the dovecot user and must reach the files.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const mail = join(dir, 'mail');
  mkdirSync(mail, { recursive: true });
  const ids = dovecotIds();
  chownSync(mail, ids.uid, ids.gid);
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  if (options.oauth2IntrospectionUrl) {
    // Every login asks the endpoint (no cache), so a revoked or expired token is refused at once.
    writeFileSync(
      join(dir, 'oauth2.conf'),
      [
        'introspection_mode = post',
        `introspection_url = ${options.oauth2IntrospectionUrl}`,
        'force_introspection = yes',
        'username_attribute = username',
        'active_attribute = active',
        'active_value = true',
        '',
      ].join('\n'),
    );
  }
  const conf = join(dir, 'dovecot.conf');
  writeFileSync(
    conf,
    `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login${options.oauth2IntrospectionUrl ? ' xoauth2 oauthbearer' : ''}
auth_cache_size = 0
first_valid_uid = 0
default_internal_user = dovecot
default_login_user = dovenull
mail_location = maildir:${mail}/%u
${options.idle === false ? `# A server without IDLE, for the polling fallback.
imap_capability = ${CAPABILITIES_WITHOUT_IDLE}` : ''}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
# No growing penalty for the tests' own failed sign-ins from 127.0.0.1 (a revoked token, a wrong secret): with
# it, later logins waited up to 15 s, longer than the short-lived test tokens they carried.
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
${options.oauth2IntrospectionUrl ? '  mechanisms = plain login\n' : ''}}
${options.oauth2IntrospectionUrl ? `passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ${dir}/oauth2.conf\n}` : ''}
userdb {
  driver = static
  args = uid=${ids.uid} gid=${ids.gid} home=${mail}/%u
}
`,
  );

  let child: ChildProcess | undefined;
  const start = async () => {
    // Its own process group, so stopping it ends its imap processes too (as a server restart does).
    child = spawn(DOVECOT, ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitForGreeting(port, () => (child?.exitCode !== null ? `dovecot exited: ${stderr}${readLog(dir)}` : undefined));
  };
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
    try {
      process.kill(-running.pid!, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  };
  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    imapUrl: (mailbox = 'INBOX') =>
      `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(mailbox)}`,
    start,
    stop,
    async close() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function dovecotIds(): { uid: number; gid: number } {
  const out = spawnSync('id', ['dovecot'], { encoding: 'utf8' }).stdout;
  const uid = /uid=(\d+)/.exec(out)?.[1];
  const gid = /gid=(\d+)/.exec(out)?.[1];
  if (!uid || !gid) throw new Error('the dovecot OS user is missing (is dovecot-imapd installed?)');
  return { uid: Number(uid), gid: Number(gid) };
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'dovecot.log'), 'utf8');
  } catch {
    return '';
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForGreeting(port: number, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const problem = failed();
    if (problem) throw new Error(problem);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.setTimeout(500);
      socket.once('data', (d: Buffer) => (socket.destroy(), resolve(d.toString().startsWith('* OK'))));
      socket.once('error', () => (socket.destroy(), resolve(false)));
      socket.once('timeout', () => (socket.destroy(), resolve(false)));
      socket.connect(port, '127.0.0.1');
    });
    if (greeted) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not greet on port ${port} within 10 s`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface OidcProviderPeer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** How long the id tokens it issues from now on live (negative: already expired). */
  setIdTokenTtl(seconds: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts oidc-provider (a certified OpenID provider, an ES module) in a child
 * process on loopback, registered with one confidential client whose redirect
 * URI is `redirectUri`.
 */
export async function startOidcProvider(options: { redirectUri: string }): Promise<OidcProviderPeer> {
  const clientId = 'complaints-inbox';
  const clientSecret = 'test-client-secret-0123456789';
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider-peer.mjs')], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      OIDC_CLIENT_ID: clientId,
      OIDC_CLIENT_SECRET: clientSecret,
      OIDC_REDIRECT_URI: options.redirectUri,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => String(line)),
    once(child, 'exit').then(() => {
      throw new Error(`oidc-provider exited before it was ready: ${stderr}`);
    }),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`oidc-provider did not start in 20 s: ${stderr}`)), 20_000).unref()),
  ]);
  const { issuer } = JSON.parse(first) as { issuer: string };
  return {
    issuer,
    clientId,
    clientSecret,
    async setIdTokenTtl(seconds) {
      child.stdin!.write(`id-token-ttl ${seconds}\n`);
      const [ack] = await once(lines, 'line');
      if (!String(ack).startsWith('ok ')) throw new Error(`oidc-provider did not take the command: ${ack}`);
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** A free TCP port on loopback, for an inbox whose redirect URI must be known before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

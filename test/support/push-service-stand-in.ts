import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One push as a push service receives it: the body stays bytes (it is aes128gcm ciphertext). */
export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A push service stand-in (what FCM or Mozilla's autopush are to a browser): a
 * local HTTP server that records each push request and answers 201 Created,
 * or the status programmed for an endpoint path (404/410: the subscription is gone).
 */
export async function startPushServiceStandIn() {
  const received: ReceivedPush[] = [];
  const gone = new Set<string>();
  const waiters: Array<() => void> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks) });
      for (const wake of waiters.splice(0)) wake();
      res.writeHead(gone.has(path) ? 410 : 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    /** Pushes to this path are answered 410 Gone from now on. */
    markGone: (path: string) => gone.add(path),
    async waitFor(predicate: (p: ReceivedPush) => boolean, ms = 10_000): Promise<ReceivedPush> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = received.find(predicate);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no matching push arrived in ${ms} ms (${received.length} received)`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200).unref();
        });
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

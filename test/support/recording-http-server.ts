import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A programmed failure every recording server knows: the connection is dropped without an answer. */
export type DropConnection = { dropConnection: true };

export interface RecordingHttpServer<Request, Failure> {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  /** Every request, in arrival order (failed ones too). */
  requests: Request[];
  /** The next `count` requests fail this way, then the server answers normally again. */
  failNext(count: number, failure: Failure | DropConnection): void;
  close(): Promise<void>;
}

/**
 * The skeleton of the provider stand-ins: a local HTTP server on a free port
 * that reads each request's body, records it (`record`), then either fails
 * it as programmed (a dropped connection, or `fail`'s answer) or answers it
 * (`answer`).
 */
export async function recordingHttpServer<Request, Failure>(handlers: {
  record(req: IncomingMessage, rawBody: string): Request;
  fail(res: ServerResponse, failure: Failure): void;
  answer(request: Request, res: ServerResponse): void;
}): Promise<RecordingHttpServer<Request, Failure>> {
  const requests: Request[] = [];
  const failures: Array<Failure | DropConnection> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = handlers.record(req, Buffer.concat(chunks).toString('utf8'));
      requests.push(recorded);
      const failure = failures.shift();
      if (failure !== undefined) {
        if (typeof failure === 'object' && failure !== null && 'dropConnection' in failure) {
          req.socket.destroy();
          return;
        }
        handlers.fail(res, failure as Failure);
        return;
      }
      handlers.answer(recorded, res);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(count, failure) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Clients (the Twilio SDK, fetch) keep connections alive; without this close() waits for them to idle out.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

import { createServer } from 'node:net';
import { StartupError } from '../startup-error';

/**
 * Fails fast, before the database is started, when another process (often
 * another inbox) already listens where this one would: one sentence instead
 * of the framework's EADDRINUSE error and stack.
 */
export async function assertPortFree(port: number, host: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolveFree, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(portInUse(port, error));
      else resolveFree(); // e.g. EACCES for a low port: the real listen reports it
    });
    probe.listen(port, host, () => probe.close(() => resolveFree()));
  });
}

export function portInUse(port: number, cause?: unknown): StartupError {
  return new StartupError(`Port ${port} is already in use (another inbox?): stop that process, or set PORT to a free port.`, { cause });
}

import { EventEmitter } from 'node:events';
import { batchWebSocketFrames } from './websocket-frame-batching';

/** A transport shaped like engine.io's WebSocket transport: one write per packet on its TCP socket. */
function fakeTransport(name: string, log: string[]) {
  const tcp = { cork: () => log.push('cork'), uncork: () => log.push('uncork') };
  const transport = {
    name,
    socket: { _socket: tcp },
    send(packets: string[]) {
      for (const p of packets) log.push(`write ${p}`);
    },
  };
  return transport;
}

describe('batchWebSocketFrames', () => {
  it('writes the packets engine.io sends together inside one cork, so they leave in one writev', () => {
    const log: string[] = [];
    const conn = Object.assign(new EventEmitter(), { transport: fakeTransport('websocket', log) });
    batchWebSocketFrames(conn);
    conn.transport.send(['a', 'b', 'c']);
    expect(log).toEqual(['cork', 'write a', 'write b', 'write c', 'uncork']);
  });

  it('batches the transport a connection upgrades to, and leaves long polling alone', () => {
    const log: string[] = [];
    const conn = Object.assign(new EventEmitter(), { transport: fakeTransport('polling', log) });
    batchWebSocketFrames(conn);
    conn.transport.send(['p']);
    const upgraded = fakeTransport('websocket', log);
    conn.emit('upgrade', upgraded);
    upgraded.send(['w']);
    expect(log).toEqual(['write p', 'cork', 'write w', 'uncork']);
  });

  it('uncorks even when a write throws, and patches a transport only once', () => {
    const log: string[] = [];
    const transport = fakeTransport('websocket', log);
    transport.send = () => {
      log.push('write');
      throw new Error('socket closed');
    };
    const conn = Object.assign(new EventEmitter(), { transport });
    batchWebSocketFrames(conn);
    batchWebSocketFrames(conn);
    expect(() => conn.transport.send(['x'])).toThrow('socket closed');
    expect(log).toEqual(['cork', 'write', 'uncork']);
  });
});

describe('batchWebSocketFrames on a real Socket.IO connection', () => {
  it('finds engine.io’s WebSocket transport and delivers a burst of events whole and in order', async () => {
    const { createServer } = await import('node:http');
    const { Server } = await import('socket.io');
    const { io } = await import('socket.io-client');
    const http = createServer();
    const server = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as { port: number }).port;
    const patched = new Promise<boolean>((resolve) => {
      server.on('connection', (socket) => {
        batchWebSocketFrames(socket.conn);
        resolve((socket.conn.transport as unknown as { framesBatched?: boolean }).framesBatched === true);
        // A burst in one turn of the event loop: the first goes at once, the rest as one batch.
        for (let i = 0; i < 50; i++) socket.emit('n', i);
      });
    });
    const client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
    const received: number[] = [];
    const all = new Promise<void>((resolve) => client.on('n', (i: number) => received.push(i) === 50 && resolve()));
    try {
      expect(await patched).toBe(true);
      await all;
      expect(received).toEqual(Array.from({ length: 50 }, (_, i) => i));
    } finally {
      client.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

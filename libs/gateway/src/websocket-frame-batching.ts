import type { Socket as NetSocket } from 'node:net';

/** The parts of engine.io's connection and WebSocket transport this relies on (not in their public types). */
interface EngineTransport {
  name?: string;
  send(packets: unknown[]): void;
  socket?: { _socket?: NetSocket };
  framesBatched?: boolean;
}
interface EngineConnection {
  transport?: EngineTransport;
  on(event: 'upgrade', listener: (transport: EngineTransport) => void): unknown;
}

/**
 * Lets the frames engine.io sends together leave in one write. While a
 * connection's previous write is in flight engine.io queues what is emitted
 * to it, then hands the queue to the transport, which writes one WebSocket
 * frame — one system call — per packet. Under load an agent's socket gets
 * several case events per turn of the event loop, and with hundreds of agents
 * those writes were the gateway's largest CPU cost (bench: 200 agents halved
 * the embedded rate). Corking the TCP socket around the transport's loop
 * makes it one writev per batch; the bytes on the wire are the same.
 * Where the internals differ (another engine.io version, long polling), the
 * connection is left as it is.
 */
export function batchWebSocketFrames(connection: unknown): void {
  const conn = connection as EngineConnection | undefined;
  if (!conn || typeof conn.on !== 'function') return;
  const patch = (transport: EngineTransport | undefined) => {
    if (!transport || transport.name !== 'websocket' || transport.framesBatched) return;
    const tcp = transport.socket?._socket;
    if (!tcp || typeof tcp.cork !== 'function') return;
    const send = transport.send.bind(transport);
    transport.send = (packets) => {
      tcp.cork();
      try {
        send(packets);
      } finally {
        tcp.uncork();
      }
    };
    transport.framesBatched = true;
  };
  patch(conn.transport);
  conn.on('upgrade', patch);
}

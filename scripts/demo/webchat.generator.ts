import { io, type Socket } from 'socket.io-client';
import type { ChannelGenerator, DemoMessage, InboxTarget } from './channel-generator';

type Ack = { ok?: true; error?: string; message?: string };

/**
 * A visitor of the site's chat widget: connects to namespace /webchat (with
 * the visitor token the widget keeps, so a returning customer is the same
 * visitor), tells who they are (`identify` with name and phone: an unverified
 * claim until a code sent to the phone is entered, which the demo does not,
 * so the visitor stays a customer of their own), emits
 * `message` {text}, waits for the acknowledgement and leaves.
 */
export class WebchatGenerator implements ChannelGenerator {
  readonly channel = 'webchat';
  private readonly visitorTokens = new Map<string, string>();

  constructor(private readonly target: InboxTarget) {}

  async send({ customer, text }: DemoMessage): Promise<void> {
    const socket = io(`${this.target.url}/webchat`, {
      auth: { visitorToken: this.visitorTokens.get(customer.phone) },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 10_000,
    });
    try {
      const session = await new Promise<{ visitorToken: string }>((resolve, reject) => {
        socket.once('session', resolve);
        socket.once('connect_error', (error) => reject(new Error(`web chat: ${error.message}`)));
      });
      this.visitorTokens.set(customer.phone, session.visitorToken);
      await this.call(socket, 'identify', { name: customer.name, phone: customer.phone });
      await this.call(socket, 'message', { text });
    } finally {
      socket.disconnect();
    }
  }

  private async call(socket: Socket, event: string, body: unknown): Promise<void> {
    const ack = (await socket.timeout(10_000).emitWithAck(event, body)) as Ack;
    if (!ack?.ok) throw new Error(`web chat ${event} refused: ${ack?.error ?? 'no answer'} ${ack?.message ?? ''}`.trim());
  }
}

/**
 * Where a channel keeps attachment bytes the provider holds no copy of (email):
 * stored before the message is published, under ids derived from the message
 * id, so a re-import stores nothing twice.
 */
export interface AttachmentSink {
  /** The id the `index`-th attachment of a message gets, the same on every import. */
  attachmentId(messageId: string, index: number): string;
  keep(input: { id: string; messageId: string; fileName?: string; contentType: string; content: Buffer }): Promise<void>;
}

export const ATTACHMENT_SINK = Symbol('AttachmentSink');

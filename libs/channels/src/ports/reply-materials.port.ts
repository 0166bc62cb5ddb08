import type { ComposedAttachment, EmailSignature } from '../email/email-composer';

/**
 * What an email reply carries besides its text, as the workspace stored it:
 * the firm's signature of a mailbox, and the files an agent attached.
 */
export interface ReplyMaterials {
  mailboxSignature(account: string): Promise<EmailSignature | undefined>;
  /** In the order given; a missing one is an error (the reply must not go without it). */
  attachments(ids: string[]): Promise<ComposedAttachment[]>;
}

export const REPLY_MATERIALS = Symbol('ReplyMaterials');

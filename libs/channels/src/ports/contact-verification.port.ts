import type { Channel, ClaimedContact } from '@inbox/contracts';

/** A challenge just opened: the code to send now (never stored, never logged). */
export interface OpenedChallenge {
  id: string;
  code: string;
  channel: Channel;
  /** The claimed address as normalised (where the code goes). */
  address: string;
  expiresInMinutes: number;
}

export type ContactCodeCheck =
  | { kind: 'verified'; contacts: Array<{ channel: Channel; address: string }> }
  | { kind: 'wrong'; attemptsLeft: number }
  | { kind: 'none_pending' };

/**
 * Proof that an address a web chat visitor claims is theirs: a one-time
 * code, sent by the channel through its own sender and entered back.
 */
export interface ContactVerification {
  open(requester: { channel: Channel; address: string; network?: string }, contact: ClaimedContact): Promise<OpenedChallenge>;
  /** The code could not be sent: the challenge is closed. */
  abandon(challengeId: string): Promise<void>;
  check(requester: { channel: Channel; address: string }, code: string): Promise<ContactCodeCheck>;
}

export const CONTACT_VERIFICATION = Symbol('ContactVerification');

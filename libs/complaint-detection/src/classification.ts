import type { Channel, Classification } from '@inbox/contracts';

/** What a classifier may know besides the text. */
export interface ClassificationHints {
  channel?: Channel;
  /** The sender's own system said this is an automatic reply (e.g. email Auto-Submitted). */
  autoReply?: boolean;
  hasAttachments?: boolean;
}

/**
 * The seam between triage and whatever decides what a message is: in
 * production the trained model (`loadClassifier()`, libs/complaint-detection/src/classifier).
 */
export interface MessageClassifier {
  classify(text: string, hints?: ClassificationHints): Classification | Promise<Classification>;
}

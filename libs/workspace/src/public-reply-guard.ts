import { ConflictError, type Channel, type Visibility } from '@inbox/contracts';
import { isPublicReply, personalDataIn } from '@inbox/compliance';

/**
 * A public reply (a comment under the customer's post) must not carry
 * personal data (RG 271.32 Note 2, 271.169): it is refused with a warning
 * saying what was found, and the agent moves to a private channel instead,
 * on the same case, with the same reference and start.
 */
export function refusePersonalDataInPublicReply(channel: Channel, text: string, visibility?: Visibility): void {
  // Where the agent chose, the choice decides; otherwise the channel's usual kind of answer.
  if (!isPublicReply(channel, visibility)) return;
  const found = personalDataIn(text);
  if (found.length === 0) return;
  throw new ConflictError(
    'personal_data_in_public_reply',
    `This reply would be public and contains personal data (${found.join(', ')}). Remove it, or move the conversation to a private channel.`,
    { found, channel, suggestion: 'move_to_private' },
  );
}

import { InitialSchema1732300000000 } from './1732300000000-initial-schema';
import { ChannelOptOuts1732300000001 } from './1732300000001-channel-opt-outs';
import { EmailMailboxesAndAttachments1732300100000 } from './1732300100000-email-mailboxes-and-attachments';
import { IdentityClaims1732300200000 } from './1732300200000-identity-claims';

/** Every migration, in order. Schema changes are reviewed SQL; synchronize stays off. */
export const MIGRATIONS = [InitialSchema1732300000000, ChannelOptOuts1732300000001, EmailMailboxesAndAttachments1732300100000, IdentityClaims1732300200000];

import { z } from 'zod';
import { CHANNELS, InvalidInputError, type InboundMessage } from '@inbox/contracts';
import { storableValue } from '@inbox/platform';

const MAX_TEXT = 100_000;

const schema = z.object({
  channel: z.enum(CHANNELS),
  account: z.string().trim().min(1).max(320),
  externalId: z.string().trim().min(1).max(512),
  sender: z.object({ address: z.string().trim().min(1).max(320), displayName: z.string().max(200).optional() }),
  text: z.string().max(MAX_TEXT),
  thread: z
    .object({
      messageId: z.string().max(998).optional(),
      inReplyTo: z.string().max(998).optional(),
      references: z.array(z.string().max(998)).max(100).optional(),
      subject: z.string().max(998).optional(),
      caseReference: z.string().max(32).optional(),
      visibility: z.enum(['public', 'private']).optional(),
    })
    .optional(),
  attachments: z
    .array(
      z.object({
        url: z.string().max(2048).optional(),
        providerFileId: z.string().max(512).optional(),
        contentType: z.string().max(255).optional(),
        fileName: z.string().max(255).optional(),
        sizeBytes: z.number().int().nonnegative().optional(),
        durationSeconds: z.number().nonnegative().optional(),
        refusedReason: z.string().max(500).optional(),
      }),
    )
    .max(50)
    .optional(),
  receivedAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO timestamp' }),
  raw: z.unknown().optional(),
  contacts: z
    .array(z.object({ channel: z.enum(CHANNELS), address: z.string().trim().min(1).max(320) }))
    .max(5)
    .optional(),
  /** The sender's system marked it automatic (email Auto-Submitted, out-of-office): noise, never a case. */
  autoReply: z.boolean().optional(),
});

/** A checked inbound message; `autoReply` is the email channel's flag for automatic replies. */
export type ValidInboundMessage = InboundMessage & { autoReply?: boolean };

/** The bus carries JSON from other processes: check it before it reaches the database. */
export function validateInboundMessage(value: unknown): ValidInboundMessage {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidInputError('invalid_inbound_message', `Inbound message ${issue.path.join('.') || 'body'} ${issue.message}`);
  }
  // NUL and broken surrogates (which PostgreSQL refuses) are cleaned, not refused: see storableValue.
  return storableValue(parsed.data) as ValidInboundMessage;
}


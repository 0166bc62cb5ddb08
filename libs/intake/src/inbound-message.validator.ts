import { z } from 'zod';
import { CHANNEL_PROVIDERS, CHANNELS, InvalidInputError, type InboundMessage } from '@inbox/contracts';
import { storableValue } from '@inbox/platform';

const MAX_TEXT = 100_000;
const MAX_HTML = 1_000_000;
const AUTH_RESULTS = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy'] as const;

const schema = z.object({
  channel: z.enum(CHANNELS),
  account: z.string().trim().min(1).max(320),
  provider: z.enum(CHANNEL_PROVIDERS).optional(),
  externalId: z.string().trim().min(1).max(512),
  sender: z.object({ address: z.string().trim().min(1).max(320), displayName: z.string().max(200).optional(), verified: z.boolean().optional() }),
  senderAuth: z
    .object({
      dmarc: z.enum(AUTH_RESULTS),
      spf: z.enum(AUTH_RESULTS),
      dkim: z.enum(AUTH_RESULTS),
      fromDomain: z.string().max(255),
      checkedBy: z.string().max(255),
      dkimDomains: z.array(z.string().max(255)).max(20).optional(),
      policy: z.string().max(32).optional(),
    })
    .optional(),
  html: z.string().max(MAX_HTML).optional(),
  text: z.string().max(MAX_TEXT),
  thread: z
    .object({
      messageId: z.string().max(998).optional(),
      inReplyTo: z.string().max(998).optional(),
      references: z.array(z.string().max(998)).max(100).optional(),
      subject: z.string().max(998).optional(),
      caseReference: z.string().max(32).optional(),
      visibility: z.enum(['public', 'private']).optional(),
      copied: z.array(z.string().max(320)).max(50).optional(),
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
        inline: z.boolean().optional(),
        contentId: z.string().max(250).optional(),
      }),
    )
    .max(50)
    .optional(),
  receivedAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)), { message: 'must be an ISO timestamp' }),
  // What the sender's side claims is only shown: an unreadable or absurd one is dropped, never a reason to refuse the message.
  sentAt: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v) => (v !== undefined && plausibleTime(v) ? new Date(v).toISOString() : undefined)),
  raw: z.unknown().optional(),
  contacts: z
    .array(z.object({ channel: z.enum(CHANNELS), address: z.string().trim().min(1).max(320) }))
    .max(5)
    .optional(),
  /** The sender's system marked it automatic (email Auto-Submitted, out-of-office): noise, never a case. */
  autoReply: z.boolean().optional(),
  /** What the channels' publisher removed (kind and place, never the value). */
  redactions: z
    .array(
      z.object({
        kind: z.enum(['card_number', 'card_security_code', 'tax_file_number', 'password', 'custom']),
        label: z.string().max(40).optional(),
        where: z.enum(['text', 'subject', 'html', 'attachment_name', 'sender_name', 'provider_payload']),
        count: z.number().int().positive().max(100_000),
      }),
    )
    .max(50)
    .optional(),
});

/** Years 1970–9999: anything else is a broken clock or a crafted header, and PostgreSQL may not even parse it. */
function plausibleTime(value: string): boolean {
  const at = Date.parse(value);
  return !Number.isNaN(at) && at >= 0 && at < Date.UTC(10_000, 0, 1);
}

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


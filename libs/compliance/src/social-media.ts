/**
 * Social media complaints (RG 271.32(a)): a post is a complaint only when it
 * is about the firm, on an account the firm owns or controls, and its author
 * is identifiable and contactable. The three answers are recorded with the case.
 */
export const SOCIAL_CHANNELS = ['facebook', 'instagram', 'messenger'] as const;

export interface SocialMediaTests {
  aboutTheFirm: boolean;
  onOwnAccount: boolean;
  authorIdentifiable: boolean;
}

export function isSocialChannel(channel: string): boolean {
  return (SOCIAL_CHANNELS as readonly string[]).includes(channel);
}

/** All three tests pass: the post gets the full complaint process, with a clock. */
export function meetsSocialComplaintTests(tests: SocialMediaTests): boolean {
  return tests.aboutTheFirm && tests.onOwnAccount && tests.authorIdentifiable;
}

/** Channels where our reply is public: a comment under a post rather than a private message. */
export const PUBLIC_REPLY_CHANNELS = ['facebook'] as const;

export function isPublicReplyChannel(channel: string): boolean {
  return (PUBLIC_REPLY_CHANNELS as readonly string[]).includes(channel);
}

/**
 * Whether a reply is public: as its visibility says (chosen, or that of the
 * message it answers), else the channel's usual kind of answer.
 */
export function isPublicReply(channel: string, visibility?: 'public' | 'private' | null): boolean {
  return visibility ? visibility === 'public' : isPublicReplyChannel(channel);
}

const PERSONAL_DATA_PATTERNS: ReadonlyArray<{ kind: string; pattern: RegExp }> = [
  { kind: 'email address', pattern: /[^\s@]+@[^\s@]+\.[a-z]{2,}/i },
  { kind: 'phone number', pattern: /(?:\+?61|\b0)[\s-]?[2-478](?:[\s-]?\d){8}\b/ },
  { kind: 'card number', pattern: /\b(?:\d[ -]?){13,19}\b/ },
  { kind: 'account number', pattern: /\b(?:BSB|acc(?:ount)?(?:\s*(?:no|number|#))?)[\s:#.]*\d[\d -]{4,}/i },
  { kind: 'date of birth', pattern: /\b(?:DOB|date of birth|born)\b[\s:]*\d/i },
  { kind: 'street address', pattern: /\b\d{1,5}\s+\w+(?:\s\w+)?\s(?:street|st|road|rd|avenue|ave|drive|dr|court|ct|lane|ln|place|pl)\b/i },
  { kind: 'case reference', pattern: /\bC-\d{6,}\b/ },
];

/** Kinds of personal data a text contains, for the warning before a public reply (RG 271.32 Note 2, 271.169). */
export function personalDataIn(text: string): string[] {
  return PERSONAL_DATA_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ kind }) => kind);
}

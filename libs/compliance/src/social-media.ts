/**
 * Social media complaints (RG 271.32(a)): a post is a complaint when it meets
 * the definition (about the firm, RG 271.27) and three separate tests: it is
 * on a platform or account the firm owns or controls, and its author is both
 * identifiable and contactable. Each test is recorded on its own — by intake
 * where the facts show it, by an agent otherwise — and only a post that
 * passes all of them is reported (RG 271.32(a), 271.179).
 */
export const SOCIAL_CHANNELS = ['facebook', 'instagram', 'messenger'] as const;

export const SOCIAL_TESTS = ['aboutTheFirm', 'onChannelFirmControls', 'authorIdentifiable', 'authorContactable'] as const;
export type SocialTest = (typeof SOCIAL_TESTS)[number];

/** Each answer: true, false, or null while nobody has judged it yet. */
export type SocialMediaTests = Record<SocialTest, boolean | null>;

export type SocialTestsVerdict = 'meets' | 'fails' | 'pending';

export function isSocialChannel(channel: string): boolean {
  return (SOCIAL_CHANNELS as readonly string[]).includes(channel);
}

/**
 * `fails` as soon as one test fails (no clock, not reported); `meets` when
 * all pass; `pending` while one is unanswered — the clock runs (erring toward
 * the customer) but the post cannot be reported until an agent answers.
 */
export function socialTestsVerdict(tests: SocialMediaTests): SocialTestsVerdict {
  const answers = SOCIAL_TESTS.map((t) => tests[t]);
  if (answers.includes(false)) return 'fails';
  return answers.includes(null) ? 'pending' : 'meets';
}

export function meetsSocialComplaintTests(tests: SocialMediaTests): boolean {
  return socialTestsVerdict(tests) === 'meets';
}

/**
 * What intake can tell by itself: a post the classifier reads as a complaint
 * is about the firm; the account is ours only when it is one the firm listed
 * (else unknown); a named profile is identifiable (an unnamed one is left to
 * an agent); the author is contactable when we hold an address on a channel
 * that lets us write to them privately.
 */
export function socialTestsAtIntake(input: {
  channel: string;
  account: string | null;
  classifiedAsComplaint: boolean;
  ownedAccounts: readonly string[] | null;
  displayName: string | null;
  senderAddress: string | null;
}): SocialMediaTests {
  return {
    aboutTheFirm: input.classifiedAsComplaint ? true : null,
    onChannelFirmControls: input.ownedAccounts === null || input.account === null ? null : input.ownedAccounts.includes(input.account),
    authorIdentifiable: input.displayName?.trim() ? true : null,
    // Messenger and Instagram messages are private conversations; a Facebook comment can be answered with a private reply.
    authorContactable: input.senderAddress ? true : null,
  };
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

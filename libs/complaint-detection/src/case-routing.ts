import type { AttachmentRef, Channel, Classification, ClassificationKind } from '@inbox/contracts';

/** The kinds of case triage opens; compliments and noise never open one by themselves. */
export type CaseKind = 'complaint' | 'enquiry';

/**
 * What a message is for routing: noise (auto-replies, "thanks", spam, a
 * sticker alone) and compliments are kept on the customer but never open or
 * reopen a case; complaints and enquiries do.
 */
export function caseKindFor(kind: ClassificationKind): CaseKind | null {
  switch (kind) {
    case 'complaint':
    case 'enquiry':
      return kind;
    case 'compliment':
    case 'noise':
      return null;
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/**
 * The classification triage acts on. The classifier reads text; what only the
 * envelope tells is decided here: a sender's auto-reply flag is noise, a
 * sticker with no words is noise, and a call that has just rung (no words yet,
 * its transcription follows) is a contact that must not be dropped.
 */
export function effectiveClassification(
  model: Classification,
  message: { channel: Channel; text: string; attachments?: AttachmentRef[]; autoReply?: boolean },
): Classification {
  if (message.autoReply) return { ...model, kind: 'noise', confidence: 1, doubt: null };
  // A short follow-up that hands over a reference or an amount ("The deposit number is TD-88123") is
  // information for the case, not noise: it joins the case and moves it like any enquiry.
  if (model.kind === 'noise' && carriesInformation(message.text)) return { ...model, kind: 'enquiry' };
  if (message.text.trim() !== '') return model;
  const attachments = message.attachments ?? [];
  if (attachments.length > 0 && attachments.every(isSticker)) return { ...model, kind: 'noise', confidence: 1, doubt: null };
  // No words yet: a ringing call, a voice note, a photo of a receipt. Missing a complaint is the costly error;
  // nothing to check yet either (the words, when they come, are classified again).
  return { ...model, kind: 'complaint', confidence: 0, doubt: null };
}

/** Only the first characters are read: the patterns stay linear on any input. */
const INFORMATION_SCAN = 500;

/** A reference-like token (letters and at least four digits, e.g. TD-88123, 062-000 12345678) or an amount. */
export function carriesInformation(text: string): boolean {
  const head = text.slice(0, INFORMATION_SCAN);
  return /\$\s?\d/.test(head) || head.split(/[\s,;:()]+/).some((word) => word.length <= 40 && /^[A-Za-z0-9][A-Za-z0-9/-]*$/.test(word) && (word.match(/\d/g)?.length ?? 0) >= 4);
}

function isSticker(a: AttachmentRef): boolean {
  const type = (a.contentType ?? '').toLowerCase();
  return type.includes('sticker') || type === 'image/webp' || type === 'application/x-tgsticker' || /sticker/i.test(a.fileName ?? '');
}

export interface CaseCandidate {
  id: string;
  kind: string;
  open: boolean;
  /** When it was resolved or closed (null while open). */
  endedAt: Date | null;
}

export type CaseAction =
  | { action: 'join'; caseId: string; upgradeToComplaint: boolean }
  | { action: 'reopen'; caseId: string; upgradeToComplaint: boolean }
  | { action: 'open'; kind: CaseKind; linkedCaseId: string | null }
  | { action: 'store_without_case' };

/**
 * Where one inbound message goes, given the customer's cases:
 * - a case the message names by reference wins over the open case;
 * - otherwise the customer's open case, on whatever channel it started;
 * - with no open case, a complaint or enquiry reopens the case resolved most
 *   recently if that was within the reopen window, else opens a new case
 *   linked to it;
 * - noise and compliments join an open case (without changing it) but never
 *   open or reopen one: they are stored on the customer.
 */
export function decideCaseAction(input: {
  kind: ClassificationKind;
  receivedAt: Date;
  reopenWindowDays: number;
  named?: CaseCandidate;
  open?: CaseCandidate;
  lastEnded?: CaseCandidate;
}): CaseAction {
  const caseKind = caseKindFor(input.kind);
  const upgradeFrom = (c: CaseCandidate) => input.kind === 'complaint' && c.kind !== 'complaint';
  const target = input.named ?? input.open;
  if (target?.open) return { action: 'join', caseId: target.id, upgradeToComplaint: upgradeFrom(target) };
  if (!caseKind) return { action: 'store_without_case' };
  const ended = input.named ?? input.lastEnded;
  if (ended && ended.endedAt && withinDays(ended.endedAt, input.receivedAt, input.reopenWindowDays)) {
    return { action: 'reopen', caseId: ended.id, upgradeToComplaint: upgradeFrom(ended) };
  }
  return { action: 'open', kind: caseKind, linkedCaseId: ended?.id ?? null };
}

function withinDays(from: Date, to: Date, days: number): boolean {
  return to.getTime() - from.getTime() <= days * 86_400_000;
}

/** Queue priority (1 most urgent … 5) from what the message says: vulnerability and urgency come first. */
export function priorityFor(classification: Pick<Classification, 'urgency' | 'vulnerability'>): number {
  const base = classification.urgency === 'high' ? 2 : classification.urgency === 'low' ? 4 : 3;
  return classification.vulnerability.length > 0 ? Math.max(1, base - 1) : base;
}

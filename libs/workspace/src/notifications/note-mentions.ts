import type { NoteMention } from '@inbox/contracts';

/** A colleague a mention may name. */
export interface MentionableStaff {
  id: string;
  name: string;
  email: string;
}

/** `@` at the start or after a space or bracket (so an email address in a note is not a mention), then the name written. */
const MENTION = /(?<=^|[\s([{"'])@([\p{L}\p{N}][\p{L}\p{N}._-]*[\p{L}\p{N}]|[\p{L}\p{N}])/gu;

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en');

/** The ways one may write a colleague after `@`: email local part, full name run together or with dots, first name. */
function handles(staff: MentionableStaff): Set<string> {
  const words = fold(staff.name).split(/\s+/).filter(Boolean);
  const local = fold(staff.email.split('@')[0] ?? '');
  return new Set([local, words.join(''), words.join('.'), words.join('_'), words.join('-'), words[0] ?? ''].filter(Boolean));
}

/**
 * The colleagues a note names with `@name`: the name written is matched to
 * staff by email local part or name (case-insensitively). A name that fits
 * more than one colleague names nobody (the writer is not guessed at), and
 * each colleague is mentioned once, however often named.
 */
export function findMentions(text: string, staff: readonly MentionableStaff[]): NoteMention[] {
  const byHandle = new Map<string, MentionableStaff[]>();
  for (const s of staff) {
    for (const h of handles(s)) byHandle.set(h, [...(byHandle.get(h) ?? []), s]);
  }
  const mentions = new Map<string, NoteMention>();
  for (const match of text.matchAll(MENTION)) {
    const token = match[1].replace(/[._-]+$/, '');
    const found = byHandle.get(fold(token));
    if (found?.length !== 1 || mentions.has(found[0].id)) continue;
    mentions.set(found[0].id, { userId: found[0].id, name: found[0].name, token });
  }
  return [...mentions.values()];
}

import type { NoteMention } from '@inbox/contracts';

/** Splits a note into plain text and the `@name`s the server matched to colleagues (those only are highlighted). */
export function noteSegments(text: string, mentions: readonly NoteMention[] | undefined): Array<{ text: string; mention?: NoteMention }> {
  if (!mentions?.length) return [{ text }];
  const byToken = new Map(mentions.map((m) => [m.token.toLocaleLowerCase('en'), m]));
  const escaped = mentions.map((m) => m.token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<=^|[\\s([{"'])@(${escaped.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const segments: Array<{ text: string; mention?: NoteMention }> = [];
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const mention = byToken.get(match[1].toLocaleLowerCase('en'));
    if (!mention) continue;
    if (match.index > last) segments.push({ text: text.slice(last, match.index) });
    segments.push({ text: match[0], mention });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last) });
  return segments;
}

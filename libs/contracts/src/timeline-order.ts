/** Where an entry sits in a timeline: messages by the inbox's intake sequence, everything else (notes, answers, history) by its time. */
export type TimelinePosition = { intakeSeq: number; takenInAt: string } | { at: string };

/**
 * One timeline, as the server sends it and the web app shows it: messages in
 * the order the inbox took them in (`intakeSeq`, never a tie, whatever times
 * the senders' devices claimed), with notes, answers and history between them
 * by time, placed against each message's `takenInAt` (when it was stored).
 */
export function inTimelineOrder<T>(entries: readonly T[], position: (entry: T) => TimelinePosition): T[] {
  const messages: Array<{ entry: T; seq: number; at: number }> = [];
  const others: Array<{ entry: T; at: number; index: number }> = [];
  entries.forEach((entry, index) => {
    const p = position(entry);
    if ('intakeSeq' in p) messages.push({ entry, seq: p.intakeSeq, at: Date.parse(p.takenInAt) });
    else others.push({ entry, at: Date.parse(p.at), index });
  });
  messages.sort((a, b) => a.seq - b.seq);
  others.sort((a, b) => a.at - b.at || a.index - b.index);
  const ordered: T[] = [];
  let m = 0;
  let o = 0;
  while (m < messages.length || o < others.length) {
    // An entry recorded at the same instant as a message comes after it (the event that the message was stored, say).
    if (o < others.length && (m === messages.length || others[o].at < messages[m].at)) ordered.push(others[o++].entry);
    else ordered.push(messages[m++].entry);
  }
  return ordered;
}

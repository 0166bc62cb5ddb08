// Meta sends statuses concurrently and sometimes twice; a message only moves forward.
const RANK: ReadonlyMap<string, number> = new Map(
  Object.entries({
    queued: 0,
    accepted: 1,
    held_for_quality_assessment: 1,
    sent: 2,
    // Terminal: only "read" moves on from here.
    delivered: 3,
    failed: 3,
    deleted: 3,
    read: 4,
  }),
);

/** True when `next` is further along than `current`; an unknown status never overrides a known one. */
export function isMetaStatusAdvance(current: string | null | undefined, next: string): boolean {
  if (current === null || current === undefined) return true;
  return (RANK.get(next) ?? -1) > (RANK.get(current) ?? -1);
}

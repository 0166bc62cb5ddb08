import type { CaseSummary, CaseTag } from '@inbox/contracts';

/** The tags the queue's cases carry, by name: what the queue can be filtered by. */
export function queueTags(cases: readonly CaseSummary[]): CaseTag[] {
  const byId = new Map<string, CaseTag>();
  for (const c of cases) for (const tag of c.tags ?? []) byId.set(tag.id, tag);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

/** A case passes the tag filter when it carries every tag picked (no tag picked: every case passes). */
export function withTags(summary: CaseSummary, tagIds: ReadonlySet<string>): boolean {
  if (tagIds.size === 0) return true;
  const has = new Set((summary.tags ?? []).map((t) => t.id));
  return [...tagIds].every((id) => has.has(id));
}

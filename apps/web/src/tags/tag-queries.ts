import { useQuery } from '@tanstack/react-query';
import type { CaseTag } from '@inbox/contracts';
import type { ApiClient } from '../api-client';

/** A tag with how many cases carry it (GET /api/tags), most used first. */
export interface TagUsage extends CaseTag {
  cases: number;
}

export const tagKeys = { all: ['tags'] as const };

export function useTags(api: ApiClient) {
  return useQuery({ queryKey: tagKeys.all, queryFn: async () => (await api.get<{ items: TagUsage[] }>('/api/tags')).items, staleTime: 30_000 });
}

/**
 * The tags to suggest for what the agent has typed: names that start with it
 * first, then names that contain it, leaving out those already on the case.
 */
export function suggestTags(all: readonly CaseTag[], typed: string, exclude: readonly CaseTag[] = [], max = 8): CaseTag[] {
  const needle = typed.trim().toLowerCase();
  const taken = new Set(exclude.map((t) => t.id));
  const open = all.filter((t) => !taken.has(t.id));
  if (!needle) return open.slice(0, max);
  const starts = open.filter((t) => t.name.toLowerCase().startsWith(needle));
  const contains = open.filter((t) => !t.name.toLowerCase().startsWith(needle) && t.name.toLowerCase().includes(needle));
  return [...starts, ...contains].slice(0, max);
}

/** True when the typed name is a tag that exists (in any letter case): adding it reuses that tag. */
export function isExistingTag(all: readonly CaseTag[], typed: string): boolean {
  const name = typed.trim().replace(/\s+/g, ' ').toLowerCase();
  return all.some((t) => t.name.toLowerCase() === name);
}

/**
 * Which rows go back to the merged-away customer when a merge is undone.
 *
 * Recorded at merge time: the identities, cases and messages that moved from
 * the other customer to the survivor. Rows that appeared on the survivor after
 * the merge are attributed by provenance:
 * - a case opened after the merge belongs to the side of the identity whose
 *   message opened it (an identity that itself appeared after the merge counts
 *   as the survivor's);
 * - an identity that appeared after the merge belongs to the side of the case
 *   its first message joined (no case → the survivor's);
 * - a message follows its case, so a case's timeline is never split; a
 *   message without a case (noise) follows the identity that sent it.
 * Everything else stays with the survivor.
 */
export interface UnmergeInput {
  movedIdentityIds: readonly string[];
  movedCaseIds: readonly string[];
  /** Cases on the survivor opened after the merge, with the identity whose message opened them. */
  laterCases: ReadonlyArray<{ id: string; openerIdentityId: string | null }>;
  /** Identities on the survivor created after the merge, with the case their first message joined. */
  laterIdentities: ReadonlyArray<{ id: string; firstCaseId: string | null }>;
  /** Messages on the survivor that have no case, with the identity that sent them. */
  caselessMessages: ReadonlyArray<{ id: string; identityId: string | null }>;
}

export interface UnmergePlan {
  identityIds: string[];
  caseIds: string[];
  /** Messages to move that are not carried by a case move. */
  caselessMessageIds: string[];
}

export function planUnmerge(input: UnmergeInput): UnmergePlan {
  const movedIdentities = new Set(input.movedIdentityIds);
  const cases = new Set(input.movedCaseIds);
  for (const c of input.laterCases) if (c.openerIdentityId && movedIdentities.has(c.openerIdentityId)) cases.add(c.id);
  const identities = new Set(movedIdentities);
  for (const i of input.laterIdentities) if (i.firstCaseId && cases.has(i.firstCaseId)) identities.add(i.id);
  const caselessMessageIds = input.caselessMessages.filter((m) => m.identityId && identities.has(m.identityId)).map((m) => m.id);
  return { identityIds: [...identities], caseIds: [...cases], caselessMessageIds };
}

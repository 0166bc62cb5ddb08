import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, InvalidInputError, MAX_TAG_NAME_LENGTH, NotFoundError, TAG_COLOURS, type CaseTag, type StaffPrincipal } from '@inbox/contracts';
import { queryRows, visibleCaseSql } from '@inbox/cases';
import { CaseActionRunner, type CaseActor } from './case-action-runner';

const COLOUR = /^#[0-9a-f]{6}$/;

/** A tag as the tag list shows it: with how many cases carry it, so the most used are suggested first. */
export interface TagUsage extends CaseTag {
  cases: number;
}

/**
 * Tags: free labels on cases. Typing a name that no tag has makes the tag (in
 * the colour given, or the next of the palette); a name is compared without
 * case, so "Fees" and "fees" are one tag. Anyone who may see a case may tag it;
 * each tag put on or taken off is a case event, like the other actions.
 */
@Injectable()
export class CaseTagsService {
  constructor(
    private readonly runner: CaseActionRunner,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Every tag; the counts are of the cases the caller may see, so another team's work is not measured through them. */
  async list(principal: StaffPrincipal): Promise<TagUsage[]> {
    const params: unknown[] = [];
    const rows = (await this.db.query(
      `SELECT t.id, t.name, t.colour, count(c.id)::int AS cases
         FROM tags t LEFT JOIN case_tags ct ON ct.tag_id = t.id LEFT JOIN cases c ON c.id = ct.case_id AND ${visibleCaseSql(principal, 'c.team_id', params)}
        GROUP BY t.id ORDER BY count(c.id) DESC, lower(t.name)`,
      params,
    )) as TagUsage[];
    return rows.map((t) => ({ id: t.id, name: t.name, colour: t.colour, cases: Number(t.cases) }));
  }

  async tag(principal: CaseActor, caseId: string, input: { name: string; colour?: string }) {
    const { case: summary, event } = await this.tagWithEvent(principal, caseId, input);
    return { case: summary, tag: event.data!.tag };
  }

  /** Tags the case and gives the case event written (an automation rule keeps its sequence number). */
  async tagWithEvent(principal: CaseActor, caseId: string, input: { name: string; colour?: string }) {
    const name = tagName(input.name);
    const colour = input.colour?.toLowerCase();
    if (colour !== undefined && !COLOUR.test(colour)) throw new InvalidInputError('invalid_tag_colour', 'A tag colour is written #rrggbb');
    return this.runner.run(principal, caseId, async (em, locked) => {
      const { tag, created } = await findOrCreateTag(em, name, colour, principal?.userId ?? null);
      const inserted = await queryRows<{ tag_id: string }>(
        em,
        `INSERT INTO case_tags (case_id, tag_id, tagged_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING tag_id`,
        [locked.id, tag.id, principal?.userId ?? null],
      );
      if (inserted.length === 0) throw new ConflictError('already_tagged', `Case ${locked.reference} is already tagged “${tag.name}”`);
      return { type: 'case.tagged' as const, data: { tag, ...(created ? { created: true as const } : {}) } };
    });
  }

  async untag(principal: StaffPrincipal, caseId: string, tagId: string) {
    const { case: summary } = await this.runner.run(principal, caseId, async (em, locked) => {
      const [tag] = await queryRows<CaseTag>(
        em,
        `DELETE FROM case_tags ct USING tags t WHERE ct.case_id = $1 AND ct.tag_id = $2 AND t.id = ct.tag_id RETURNING t.id, t.name, t.colour`,
        [locked.id, tagId],
      );
      if (!tag) throw new NotFoundError('tag_not_on_case', `Case ${locked.reference} does not carry that tag`);
      return { type: 'case.untagged', data: { tag: { id: tag.id, name: tag.name, colour: tag.colour } } };
    });
    return { case: summary };
  }
}

function tagName(raw: string): string {
  // One line of words: inner runs of spaces collapse, so "late  fee" and "late fee" are one tag.
  const name = raw.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
  if (!name) throw new InvalidInputError('empty_tag', 'A tag needs a name');
  if (name.length > MAX_TAG_NAME_LENGTH) throw new InvalidInputError('tag_too_long', `A tag name may have at most ${MAX_TAG_NAME_LENGTH} characters`);
  return name;
}

/** The tag of that name (any case), made when none has it; two agents making it at once get the same row. */
async function findOrCreateTag(em: EntityManager, name: string, colour: string | undefined, userId: string | null): Promise<{ tag: CaseTag; created: boolean }> {
  const [existing] = (await em.query(`SELECT id, name, colour FROM tags WHERE lower(name) = lower($1)`, [name])) as CaseTag[];
  if (existing) return { tag: existing, created: false };
  const [{ n }] = (await em.query(`SELECT count(*)::int AS n FROM tags`)) as Array<{ n: number }>;
  const [made] = (await em.query(
    `INSERT INTO tags (name, colour, created_by) VALUES ($1, $2, $3) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id, name, colour`,
    [name, colour ?? TAG_COLOURS[Number(n) % TAG_COLOURS.length], userId],
  )) as CaseTag[];
  if (made) return { tag: made, created: true };
  const [raced] = (await em.query(`SELECT id, name, colour FROM tags WHERE lower(name) = lower($1)`, [name])) as CaseTag[];
  return { tag: raced, created: false };
}

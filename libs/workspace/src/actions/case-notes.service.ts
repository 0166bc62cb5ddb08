import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InvalidInputError, type StaffPrincipal } from '@inbox/contracts';
import { findMentions, type MentionableStaff } from '../notifications/note-mentions';
import { CaseActionRunner } from './case-action-runner';

const MAX_NOTE_LENGTH = 10_000;

/**
 * Internal notes: kept on the case for colleagues, never sent to the customer.
 * `@name` names a colleague who may see the case; the note keeps whom it
 * mentioned and its event carries them, so the notifications consumer tells them.
 */
@Injectable()
export class CaseNotesService {
  constructor(private readonly runner: CaseActionRunner) {}

  async add(principal: StaffPrincipal, caseId: string, input: { text: string }) {
    const text = input.text.replace(/\u0000/g, '').trim();
    if (!text) throw new InvalidInputError('empty_note', 'The note is empty');
    if (text.length > MAX_NOTE_LENGTH) throw new InvalidInputError('note_too_long', `A note may have at most ${MAX_NOTE_LENGTH} characters`);
    const { event } = await this.runner.run(principal, caseId, async (em, locked) => {
      const mentions = text.includes('@') ? findMentions(text, await colleaguesWhoSee(em, locked.team_id, principal.userId)) : [];
      const [note] = (await em.query(
        `INSERT INTO case_notes (case_id, author_user_id, text, mentions) VALUES ($1, $2, $3, $4) RETURNING id, created_at`,
        [locked.id, principal.userId, text, JSON.stringify(mentions)],
      )) as Array<{ id: string; created_at: Date }>;
      return {
        type: 'note.created',
        data: { note: { id: note.id, text, authorUserId: principal.userId, authorName: principal.name, createdAt: note.created_at.toISOString(), mentions } },
      };
    });
    return event.data!.note;
  }
}

/** Active colleagues (not the writer) who may see a case of this team: its members, supervisors and admins. */
async function colleaguesWhoSee(em: EntityManager, teamId: string | null, writerId: string): Promise<MentionableStaff[]> {
  return (await em.query(
    `SELECT u.id, u.name, u.email FROM users u
      WHERE u.active AND u.id <> $2
        AND (u.role IN ('supervisor', 'admin') OR EXISTS (SELECT 1 FROM user_teams ut WHERE ut.user_id = u.id AND ut.team_id = $1))`,
    [teamId, writerId],
  )) as MentionableStaff[];
}

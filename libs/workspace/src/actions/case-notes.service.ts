import { Injectable } from '@nestjs/common';
import { InvalidInputError, type StaffPrincipal } from '@inbox/contracts';
import { CaseActionRunner } from './case-action-runner';

const MAX_NOTE_LENGTH = 10_000;

/** Internal notes: kept on the case for colleagues, never sent to the customer. */
@Injectable()
export class CaseNotesService {
  constructor(private readonly runner: CaseActionRunner) {}

  async add(principal: StaffPrincipal, caseId: string, input: { text: string }) {
    const text = input.text.replace(/\u0000/g, '').trim();
    if (!text) throw new InvalidInputError('empty_note', 'The note is empty');
    if (text.length > MAX_NOTE_LENGTH) throw new InvalidInputError('note_too_long', `A note may have at most ${MAX_NOTE_LENGTH} characters`);
    const { event } = await this.runner.run(principal, caseId, async (em, locked) => {
      const [note] = (await em.query(
        `INSERT INTO case_notes (case_id, author_user_id, text) VALUES ($1, $2, $3) RETURNING id, created_at`,
        [locked.id, principal.userId, text],
      )) as Array<{ id: string; created_at: Date }>;
      return {
        type: 'note.created',
        data: { note: { id: note.id, text, authorUserId: principal.userId, authorName: principal.name, createdAt: note.created_at.toISOString() } },
      };
    });
    return event.data!.note;
  }
}

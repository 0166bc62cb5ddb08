import type { NoteMention } from '@inbox/contracts';
import { noteSegments } from './note-segments';

/** A note's text with the colleagues it mentioned highlighted. */
export function NoteText({ text, mentions }: { text: string; mentions?: NoteMention[] }) {
  return (
    <div className="note-text">
      {noteSegments(text, mentions).map((s, i) =>
        s.mention ? (
          <mark key={i} className="note-mention" title={`${s.mention.name} was notified`} data-testid="note-mention">
            {s.text}
          </mark>
        ) : (
          s.text
        ),
      )}
    </div>
  );
}

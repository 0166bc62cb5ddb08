import './tags.css';
import type { CSSProperties, ReactNode } from 'react';
import type { CaseTag } from '@inbox/contracts';

/** A tag as it is shown everywhere: its name on a tint of its colour, with a dot of the colour itself. */
export function TagChip({ tag, children }: { tag: CaseTag; children?: ReactNode }) {
  return (
    <span className="tag-chip" style={{ '--tag-colour': tag.colour } as CSSProperties} data-testid="tag-chip" data-tag={tag.name}>
      <span className="tag-dot" aria-hidden="true" />
      {tag.name}
      {children}
    </span>
  );
}

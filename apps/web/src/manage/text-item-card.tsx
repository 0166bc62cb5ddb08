import type { ReactNode } from 'react';

/**
 * A canned response or knowledge article as listed: its title, a line about it, its text, and (for those who
 * may change it) Edit and Remove.
 */
export function TextItemCard({ title, about, body, onEdit, onRemove }: { title: string; about: ReactNode; body: string; onEdit?: () => void; onRemove?: () => void }) {
  return (
    <>
      <div className="mg-item-head">
        <span className="mg-item-title">{title}</span>
        <span className="muted small">{about}</span>
      </div>
      <p className="mg-item-body">{body}</p>
      {onEdit && onRemove && (
        <div className="mg-form-actions">
          <button className="btn btn-small" onClick={onEdit}>Edit</button>
          <button className="btn btn-small" onClick={onRemove}>Remove</button>
        </div>
      )}
    </>
  );
}

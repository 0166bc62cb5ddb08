/**
 * The list inside a picker popover (canned responses, macros): the failure, "Loading…", what to do when there
 * is nothing yet or nothing matches the filter, else one button per item.
 */
export function PickerList<T extends { id: string }>({
  items,
  shown,
  error,
  noneYet,
  onPick,
  title,
  detail,
}: {
  /** Null while loading. */
  items: T[] | null;
  /** The items the filter keeps. */
  shown: T[];
  error: string | null;
  noneYet: string;
  onPick: (item: T) => void;
  title: (item: T) => string;
  detail: (item: T) => string;
}) {
  return (
    <div className="popover-list">
      {error ? (
        <p className="form-error small">{error}</p>
      ) : items === null ? (
        <p className="muted small">Loading…</p>
      ) : shown.length === 0 ? (
        <p className="muted small">{items.length === 0 ? noneYet : 'Nothing matches.'}</p>
      ) : (
        shown.map((item) => (
          <button type="button" key={item.id} className="popover-item" onClick={() => onPick(item)}>
            <strong>{title(item)}</strong>
            <span>{detail(item)}</span>
          </button>
        ))
      )}
    </div>
  );
}

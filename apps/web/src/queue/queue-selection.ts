/**
 * The rows picked in the queue for a bulk action. A click toggles one row and
 * makes it the anchor; a Shift+click picks every row from the anchor to it, in
 * the order the queue shows them. Rows that leave the queue leave the selection.
 */
export interface QueueSelection {
  ids: ReadonlySet<string>;
  anchor: string | null;
}

export const NO_SELECTION: QueueSelection = { ids: new Set(), anchor: null };

export function toggleRow(selection: QueueSelection, id: string): QueueSelection {
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/** Shift+click: the rows between the anchor and this one (both included) are picked; without an anchor, just this one. */
export function pickRange(selection: QueueSelection, id: string, order: readonly string[]): QueueSelection {
  const from = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return toggleRow(selection, id);
  const ids = new Set(selection.ids);
  for (const rowId of order.slice(Math.min(from, to), Math.max(from, to) + 1)) ids.add(rowId);
  return { ids, anchor: id };
}

/** Keeps only the rows still in the queue (a case closed or moved away by someone else drops out). */
export function keepPresent(selection: QueueSelection, present: ReadonlySet<string>): QueueSelection {
  if ([...selection.ids].every((id) => present.has(id))) return selection;
  return { ids: new Set([...selection.ids].filter((id) => present.has(id))), anchor: selection.anchor && present.has(selection.anchor) ? selection.anchor : null };
}

export function without(selection: QueueSelection, done: readonly string[]): QueueSelection {
  const ids = new Set(selection.ids);
  for (const id of done) ids.delete(id);
  return { ids, anchor: selection.anchor };
}

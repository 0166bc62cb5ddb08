import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { useWorkspace } from '../shell/workspace-context';

/**
 * A manage screen's list: `GET path` on mount and on `reload()` (after a save or a removal), the failure said
 * plainly and cleared by the next answer. `setItems` takes an answer a change returned (a new order).
 */
export function useManageList<T>(path: string) {
  const { api } = useWorkspace();
  const [items, setItems] = useState<T[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const reload = useCallback(() => {
    api
      .get<{ items: T[] }>(path)
      .then((answer) => {
        setItems(answer.items);
        setFailure(null);
      })
      .catch((error) => setFailure(errorMessage(error)));
  }, [api, path]);
  useEffect(reload, [reload]);
  return { items, setItems, failure, reload };
}

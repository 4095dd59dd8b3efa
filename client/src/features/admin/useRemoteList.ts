import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiReply } from '../../lib/api.js';
import { errorText } from '../../lib/errorText.js';

/**
 * A list the admin screen reads from the API (not from the realtime stores): the rows once loaded,
 * a way to replace one row, to load again, and the section's last refusal in words.
 */
export function useRemoteList<R extends { id: string }>(load: () => Promise<ApiReply<R[]>>) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<R[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void load().then((r) => {
      if (!live) return;
      if (r.ok) setRows(r.data);
      else setError(errorText(t, r.error));
    });
    return () => {
      live = false;
    };
  }, [t, load, round]);
  const replace = useCallback(
    (row: R) => setRows((l) => l?.map((x) => (x.id === row.id ? row : x)) ?? null),
    [],
  );
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { rows, replace, reload, error, setError };
}

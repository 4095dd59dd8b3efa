import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRetryable, type ApiReply } from '../../lib/api.js';
import { errorText } from '../../lib/errorText.js';

/** Waits before each new try of a load that got no answer or an unavailable server (then it gives up). */
export const LOAD_RETRY_MS = [1_000, 2_000, 4_000] as const;

/**
 * A list the admin screen reads from the API (not from the realtime stores): the rows once loaded,
 * a way to replace one row, to load again, and the section's last refusal in words. A load that got
 * no answer (or 502-504) is tried again a few times; one that still fails, or was refused, leaves
 * `failed` set (the table then says so and offers to load again) instead of loading for ever.
 */
export function useRemoteList<R extends { id: string }>(load: () => Promise<ApiReply<R[]>>) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<R[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const attempt = (tries: number) => {
      void load().then((r) => {
        if (!live) return;
        if (r.ok) {
          setRows(r.data);
          setFailed(false);
          setError(null);
        } else if (isRetryable(r) && tries < LOAD_RETRY_MS.length) {
          timer = setTimeout(() => attempt(tries + 1), LOAD_RETRY_MS[tries]);
        } else {
          setError(errorText(t, r.error));
          setFailed(true);
        }
      });
    };
    attempt(0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [t, load, round]);
  const replace = useCallback(
    (row: R) => setRows((l) => l?.map((x) => (x.id === row.id ? row : x)) ?? null),
    [],
  );
  const reload = useCallback(() => {
    setFailed(false);
    setRound((n) => n + 1);
  }, []);
  return { rows, replace, reload, error, setError, failed };
}

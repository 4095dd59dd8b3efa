import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiReply } from '../../lib/api.js';
import { errorText } from '../../lib/errorText.js';

/**
 * One versioned write of a record the store holds: the reply goes into the store, and on a 409 so
 * does the server's current copy (the user sees what won), with the refusal in words.
 */
export function useVersionedWrite<T>(upsert: (record: T) => void) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (send: () => Promise<ApiReply<T>>) => {
    setBusy(true);
    setError(null);
    const reply = await send();
    setBusy(false);
    if (reply.ok) upsert(reply.data);
    else {
      if (reply.status === 409 && reply.error.current) upsert(reply.error.current as T);
      setError(errorText(t, reply.error));
    }
  };
  return { run, error, busy };
}

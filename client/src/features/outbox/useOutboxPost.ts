import { useState } from 'react';
import { newIdempotencyKey } from '../../lib/api.js';
import type { Notice } from '../../lib/forms/FormError.js';
import type { OutboxEntry } from './outbox.js';
import { useOutboxStore, type SubmitResult } from './outboxStore.js';

/** What a form hands the outbox: the write without its key, which each post gets afresh. */
export type OutboxPost = Omit<OutboxEntry, 'key' | 'queuedAt' | 'attempts' | 'state'>;

/**
 * A form's write through the outbox, with its busy flag and result line: `post` clears the line,
 * sends (or keeps) the write under a new idempotency key, and drops a refused one from the outbox,
 * so the form only says what happened.
 */
export function useOutboxPost() {
  const submit = useOutboxStore((s) => s.submit);
  const dismiss = useOutboxStore((s) => s.dismiss);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const post = async (entry: OutboxPost): Promise<SubmitResult> => {
    setBusy(true);
    setNotice(null);
    const key = newIdempotencyKey();
    const r = await submit({ key, ...entry });
    setBusy(false);
    if (r.kind === 'refused') dismiss(key);
    return r;
  };

  return { busy, notice, setNotice, post };
}

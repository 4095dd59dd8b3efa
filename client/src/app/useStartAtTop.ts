import { useEffect, useRef } from 'react';

/**
 * A ref for a detail panel that brings it back to its top whenever one of `keys` changes: a newly
 * opened record starts at its name, because the side column keeps its scroll otherwise and on a
 * phone the panel sits below the fold.
 */
export function useStartAtTop(...keys: (string | boolean | null)[]) {
  const ref = useRef<HTMLElement>(null);
  // One string stands for the keys so the effect's dependency list stays a fixed, literal array.
  const key = JSON.stringify(keys);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const column = el.closest('.layout__detail');
    if (column) column.scrollTop = 0;
    const top = el.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight) window.scrollTo({ top: Math.max(0, top + window.scrollY - 8) });
  }, [key]);
  return ref;
}

import { useEffect, useRef } from 'react';

/**
 * The browser's back (a phone's back gesture) closes what the detail column shows instead of leaving
 * the app: opening a record or form adds one history entry, going back pops it and calls `close`.
 * Closing from the page (close button, back to the list) takes that entry off again, so a later back
 * leaves as before. Switching from one open record to another keeps the one entry.
 */
export function useBackCloses(open: boolean, close: () => void): void {
  const pushed = useRef(false);
  // Pops we caused ourselves by taking our entry off; they must not close what opened since.
  const ownPops = useRef(0);
  const closeRef = useRef(close);
  useEffect(() => {
    closeRef.current = close;
  }, [close]);

  useEffect(() => {
    const onPop = () => {
      if (ownPops.current > 0) {
        ownPops.current--;
        return;
      }
      if (!pushed.current) return;
      pushed.current = false;
      closeRef.current();
    };
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    if (open && !pushed.current) {
      window.history.pushState({ shrDetail: true }, '');
      pushed.current = true;
    } else if (!open && pushed.current) {
      pushed.current = false;
      if ((window.history.state as { shrDetail?: boolean } | null)?.shrDetail) {
        ownPops.current++;
        window.history.back();
      }
    }
  }, [open]);
}

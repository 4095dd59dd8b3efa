import { create } from 'zustand';
import type { Change } from '../../../../shared/events.js';
import type { SheltersById } from '../shelters/reconcile.js';
import { addActivity, toActivity, type ActivityItem } from './activity.js';

interface ActivityState {
  items: ActivityItem[];
  /** Add visible changes to the feed; `before` holds shelters as they were before these changes. */
  applyEvent: (changes: readonly Change[], before?: SheltersById) => void;
  reset: () => void;
}

export const useActivityStore = create<ActivityState>()((set, get) => ({
  items: [],
  applyEvent: (changes, before) => {
    const incoming: ActivityItem[] = [];
    for (const c of changes) {
      if (c.type === 'hidden') continue;
      incoming.push(toActivity(c, c.type === 'shelter:updated' ? before?.[c.data.id] : undefined));
    }
    if (incoming.length) set({ items: addActivity(get().items, incoming) });
  },
  reset: () => set({ items: [] }),
}));

import { create } from 'zustand';
import type { AdminArea } from '../../../../shared/schemas/areas.js';
import { api } from '../../lib/api.js';

interface AreaState {
  provinces: readonly AdminArea[];
  byCode: Readonly<Record<string, AdminArea>>;
  load: () => Promise<void>;
}

/** Province names, for filters and labels. They change once a decade, so they load once. */
export const useAreaStore = create<AreaState>()((set, get) => ({
  provinces: [],
  byCode: {},
  load: async () => {
    if (get().provinces.length) return;
    const reply = await api.get<AdminArea[]>('/api/areas?level=province');
    if (!reply.ok) return;
    set({ provinces: reply.data, byCode: Object.fromEntries(reply.data.map((a) => [a.code, a])) });
  },
}));

/** A province's name in the interface language. */
export function areaName(area: AdminArea | undefined, lng: string, fallback: string): string {
  if (!area) return fallback;
  return lng.startsWith('en') ? area.nameEn : area.nameVi;
}

import type { Shelter, ShelterHistoryEntry } from '../../../../shared/schemas/shelters.js';
import { api, recordUrl } from '../../lib/api.js';

/** Where shelter writes go; the outbox keeps these paths to send a write again later. */
export const shelterPaths = {
  create: '/api/shelters',
  one: recordUrl('/api/shelters'),
};

/** Reads and writes of the shelters API. Writes go through the outbox, which takes `shelterPaths`. */
export const shelterApi = {
  history: (id: string) => api.get<ShelterHistoryEntry[]>(shelterPaths.one(id, '/history')),
};

/** The record in a write's reply, when it is one. */
export function asShelter(v: unknown): Shelter | null {
  return typeof v === 'object' && v !== null && 'id' in v && 'version' in v ? (v as Shelter) : null;
}

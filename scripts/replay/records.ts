import { SCENARIO_ENTITIES, type ScenarioStep } from '../../shared/schemas/scenario.js';
import { describeRefusal, type Session } from './api.js';
import { ReplayError } from './errors.js';

const COLLECTIONS: Record<string, string> = { ...SCENARIO_ENTITIES, organisation: '/api/organisations' };
/** Places are found again by name on a later pass; alerts and requests are new each storm. */
const REUSED = new Set(['shelter', 'service']);
/** Fields a place keeps from its listing: a change may not name them. */
const FIXED = new Set(['provinceCode', 'providerOrgId', 'managingOrgId']);

/** What the replay knows of the records it names by key: their ids and collections. */
export class RecordKeys {
  private ids = new Map<string, { id: string; collection: string }>();

  constructor(private readonly run: string) {}

  /** The id behind a key: a record created earlier in this run, or a seeded one found by name. */
  async resolve(key: string, as: Session): Promise<{ id: string; collection: string }> {
    const known = this.ids.get(key);
    if (known) return known;
    const m = /^seed:([a-z]+):(.+)$/.exec(key);
    if (!m) throw new ReplayError(`No record with the key ${key} yet`, 1);
    const collection = COLLECTIONS[m[1]!]!;
    const a = await as.request('GET', collection);
    const list = (a.ok ? a.data : []) as { id: string; name?: string; acronym?: string; title?: string }[];
    const hit = list.find((r) => r.name === m[2] || r.acronym === m[2] || r.title === m[2]);
    if (!hit)
      throw new ReplayError(
        `The seeded record ${key} is not there (${as.username} sees ${list.length}); run npm run demo:reset`,
        1,
      );
    const found = { id: hit.id, collection };
    this.ids.set(key, found);
    return found;
  }

  /** Replace `"$id:<key>"` with ids and `"$now+<h>h"` with real times, anywhere in a body. */
  async fill(value: unknown, as: Session): Promise<unknown> {
    if (typeof value === 'string') {
      if (value.startsWith('$id:')) return (await this.resolve(value.slice(4), as)).id;
      const now = /^\$now([+-]\d+(?:\.\d+)?)h$/.exec(value);
      if (now) return new Date(Date.now() + Number(now[1]) * 3_600_000).toISOString();
      return value;
    }
    if (Array.isArray(value)) return Promise.all(value.map((v) => this.fill(v, as)));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = await this.fill(v, as);
      return out;
    }
    return value;
  }

  /** Play one step through the API, with an Idempotency-Key per step and run. */
  async apply(step: ScenarioStep, index: number, as: Session): Promise<void> {
    const body = (await this.fill(step.body, as)) as Record<string, unknown>;
    const idem = `replay.${this.run}.${index}`;
    if (step.action === 'create') {
      const collection = SCENARIO_ENTITIES[step.entity];
      // A place an earlier pass (a --loop, or an earlier replay) listed is the same place: it is
      // brought back to the step's state instead of listed again beside itself.
      const again = REUSED.has(step.entity) ? await this.byName(collection, body.name, as) : null;
      if (again) {
        this.ids.set(step.key, { id: again, collection });
        const patch = Object.fromEntries(Object.entries(body).filter(([k]) => !FIXED.has(k)));
        return this.update(
          step,
          'PATCH',
          `${collection}/${again}`,
          `${collection}/${again}`,
          patch,
          idem,
          as,
        );
      }
      const a = await as.request('POST', collection, body, idem);
      if (!a.ok) throw refused(step, as, a);
      this.ids.set(step.key, { id: (a.data as { id: string }).id, collection });
      return;
    }
    const { id, collection } = await this.resolve(step.key, as);
    const [method, path] =
      step.action === 'availability'
        ? ['POST', `${collection}/${id}/availability`]
        : ['PATCH', `${collection}/${id}`];
    return this.update(step, method, path, `${collection}/${id}`, body, idem, as);
  }

  /** The id of the record of a collection with this name, if the actor sees one. */
  private async byName(collection: string, name: unknown, as: Session): Promise<string | null> {
    if (typeof name !== 'string') return null;
    const a = await as.request('GET', collection);
    const list = (a.ok ? a.data : []) as { id: string; name?: string }[];
    return list.find((r) => r.name === name)?.id ?? null;
  }

  /** Send a change based on the version the actor reads now; another user may have moved the record since. */
  private async update(
    step: ScenarioStep,
    method: string,
    path: string,
    record: string,
    body: Record<string, unknown>,
    idem: string,
    as: Session,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const current = await as.request('GET', record);
      if (!current.ok) throw refused(step, as, current);
      const version = (current.data as { version: number }).version;
      const a = await as.request(method, path, { ...body, version }, `${idem}.${attempt}`);
      if (a.ok) return;
      if (a.status !== 409 || attempt >= 2) throw refused(step, as, a);
    }
  }
}

function refused(step: ScenarioStep, as: Session, a: Parameters<typeof describeRefusal>[0]): ReplayError {
  return new ReplayError(
    `Step ${step.offset} (${as.username} ${step.action} ${step.entity} ${step.key}) was refused: ${describeRefusal(a)}`,
    1,
  );
}

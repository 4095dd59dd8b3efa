import type { Db } from './db/db.js';
import type { Bus } from './bus/bus.js';
import type { Writer } from './events/writer.js';
import type { AreaIndex } from './features/areas/areas.data.js';
import type { AppConfig } from './env.js';
import type { Logger } from './logger.js';
import type { Revocations } from './auth/revocation.js';

/** What services need, built once by createApp. */
export interface Ctx {
  config: AppConfig;
  db: Db;
  bus: Bus;
  writer: Writer;
  areas: AreaIndex;
  log: Logger;
  /** Ends sessions and closes their sockets on every process. */
  revocations: Revocations;
}

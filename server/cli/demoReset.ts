/**
 * Restore the demo's seeded state (SPEC 9): drop every table of the demo database, migrate and seed
 * again. Only when the server's settings run the demo (DEMO on); stop the servers first (the embedded
 * database is one process's, and running servers would keep positions in the old event log).
 *   npm run demo:reset
 */
import { parseEnv } from '../env.js';
import { createLogger } from '../logger.js';
import { openDb } from '../db/db.js';
import { migrate } from '../db/migrations.js';
import { memoryBus } from '../bus/bus.js';
import { Writer } from '../events/writer.js';
import { loadAreas } from '../features/areas/areas.data.js';
import { createRevocations } from '../auth/revocation.js';
import { seedDemo } from '../demo/seed.js';

const env = parseEnv(process.env);
if (!env.ok) {
  console.error(env.problems.join('\n'));
  process.exit(2);
}
const { config } = env.settings;
if (!config.demo) {
  console.error(
    'demo:reset: this server does not run the demo (DEMO is off): refusing to drop its database.',
  );
  process.exit(2);
}
const log = createLogger('warn');
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, log);
try {
  await db.query('DROP SCHEMA public CASCADE');
  await db.query('CREATE SCHEMA public');
  await migrate(db, log);
  const bus = memoryBus();
  const ctx = {
    config,
    db,
    bus,
    writer: new Writer(db, bus, log),
    areas: loadAreas(),
    log,
    revocations: createRevocations(),
  };
  const { created } = await seedDemo(ctx);
  console.log(`Demo restored: ${created} shelters seeded with their services, alerts and requests.`);
} catch (err) {
  console.error(`demo:reset failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await db.close();
}

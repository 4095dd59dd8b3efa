import { parseEnv } from './env.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { DEMO_USERS } from './demo/seed.js';

const parsed = parseEnv(process.env);
if (!parsed.ok) {
  console.error(
    'Configuration problems (see .env.example):\n' + parsed.problems.map((p) => `  - ${p}`).join('\n'),
  );
  process.exit(2);
}
const { port, host, config } = parsed.settings;
const log = createLogger(config.logLevel);

process.on('unhandledRejection', (err) =>
  log.error({ err: err instanceof Error ? err.message : String(err) }, 'unhandled rejection'),
);

let app;
try {
  app = await createApp(config, { log });
} catch (err) {
  log.fatal({ err: err instanceof Error ? err.message : String(err) }, 'start failed');
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
const running = app;
running.http.listen(port, host, () => {
  const addr = running.http.address();
  const actualPort = typeof addr === 'object' && addr ? addr.port : port;
  log.info(
    { port: actualPort, db: running.ctx.db.kind, bus: running.ctx.bus.kind, demo: config.demo },
    'listening',
  );
  if (config.demo) {
    console.log(
      `\nSafe Haven Ops demo (simulated data) at http://127.0.0.1:${actualPort}\n` +
        `Sign in as ${DEMO_USERS.map((u) => u.username).join(', ')} with the password "demo".\n`,
    );
  }
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5000);
    timer.unref();
    running
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  });
}

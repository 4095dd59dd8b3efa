import { randomUUID } from 'node:crypto';
import { parseOptions } from './replay/args.js';
import { checkDemo } from './replay/api.js';
import { ReplayError } from './replay/errors.js';
import { loadScenario } from './replay/scenario.js';
import { PausableClock, playOnce } from './replay/player.js';

/**
 * npm run demo:replay: plays a scenario file against a running demo server through the users' API
 * (SPEC 9). Exits 2 when it cannot run, 1 when the server refused a step.
 */
async function main(): Promise<void> {
  const opts = parseOptions(process.argv.slice(2));
  const scenario = loadScenario(opts.scenario);
  await checkDemo(opts.url);
  const clock = new PausableClock(Date.parse(scenario.start), opts.speed);
  const log = (line: string) => process.stdout.write(`${line}\n`);
  if (process.stdin.isTTY) {
    process.stdin.setRawMode(true);
    process.stdin.on('data', (b: Buffer) => {
      const k = b.toString();
      if (k === ' ' || k === 'p') log(clock.toggle() ? '-- paused (space or p resumes)' : '-- resumed');
      if (k === 'q' || k === '\u0003') process.exit(130);
    });
  }
  log(`Replaying "${scenario.name}" at x${opts.speed} against ${opts.url}`);
  for (let pass = 1; ; pass++) {
    const played = await playOnce(scenario, opts, clock, log, `${randomUUID().slice(0, 8)}.${pass}`);
    log(`Done: ${played} steps.`);
    if (!opts.loop) break;
  }
  if (process.stdin.isTTY) process.stdin.setRawMode(false);
  process.exit(0);
}

main().catch((err: unknown) => {
  if (err instanceof ReplayError) {
    process.stderr.write(`demo:replay: ${err.message}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`demo:replay: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

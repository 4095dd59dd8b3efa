import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** The repository root, where the npm scripts run. */
export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A script started by `startScript`, with its output so far. */
export interface RunningScript {
  proc: ChildProcess;
  out: string;
  err: string;
}

/**
 * Start `node --import tsx <script> ...args` in the repository root, as its npm script does, and
 * collect its output as it comes. `env`, when given, replaces the environment.
 */
export function startScript(script: string, args: string[] = [], env?: NodeJS.ProcessEnv): RunningScript {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    ...(env ? { env } : {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: RunningScript = { proc, out: '', err: '' };
  proc.stdout.on('data', (d: Buffer) => (run.out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (run.err += d.toString()));
  return run;
}

/** Run a script as `startScript` does and wait for its exit code and whole output. */
export function runScript(
  script: string,
  args: string[] = [],
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const run = startScript(script, args, env);
    run.proc.on('exit', (code) => resolve({ code, out: run.out, err: run.err }));
  });
}

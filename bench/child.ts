import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './lib.js';

/** A bench child process (a load generator) and a request/reply helper over its IPC channel. */
export interface BenchChild<Req, Rep extends { op: string }> {
  proc: ChildProcess;
  ask<Op extends Rep['op']>(m: Req, op: Op): Promise<Extract<Rep, { op: Op }>>;
  /** Kill it (if it still runs) and wait for its exit. */
  stop(): Promise<void>;
}

/**
 * Start `script` (run through tsx) with an IPC channel; it says `{ op: 'ready' }` first, answers each
 * request with the reply op asked for or `{ op: 'error', message }`.
 */
export async function startChild<Req, Rep extends { op: string }>(
  script: string,
  name: string,
): Promise<BenchChild<Req, Rep>> {
  // BENCH_CPU_PROF=dir: a V8 CPU profile of each load generator too, written when it is stopped.
  const prof = process.env.BENCH_CPU_PROF;
  const profArgs = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
  const proc = spawn(process.execPath, [...profArgs, '--import', 'tsx', script], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  await new Promise<void>((resolve, reject) => {
    proc.once('message', () => resolve());
    proc.once('exit', (code) => reject(new Error(`${name} exited (${code})`)));
  });
  return {
    proc,
    ask: (m, op) =>
      new Promise((resolve, reject) => {
        const onMessage = (r: Rep) => {
          if (r.op !== op && r.op !== 'error') return;
          proc.off('message', onMessage);
          proc.off('exit', onExit);
          if (r.op === 'error')
            reject(new Error(`${name}: ${(r as unknown as { message: string }).message}`));
          else resolve(r as never);
        };
        const onExit = (code: number | null) => reject(new Error(`${name} exited (${code})`));
        proc.on('message', onMessage);
        proc.once('exit', onExit);
        proc.send(m as object);
      }),
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      // A profiled child exits on SIGTERM (its own handler), which writes its profile.
      proc.kill(prof ? 'SIGTERM' : 'SIGKILL');
      await exited;
    },
  };
}

import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { fmt, ROOT } from '../lib.js';

/** The bench's parameters for this run (quick or full). */
export interface BenchParams {
  mode: 'quick' | 'full';
  clients: number;
  rate: number;
  fanoutSeconds: number;
  rounds: number;
  writeSeconds: number;
  writeLanes: number;
  awaySeconds: number;
  stormClients: number;
  mapSeconds: number;
  historyReaders: number;
  historySeconds: number;
}

/** The report's lines, printed as they are written and saved to docs/BENCHMARKS.md at the end. */
export const out: string[] = [];
/** Print one line of the report and keep it. */
export const say = (s = '') => {
  console.log(s);
  out.push(s);
};
/** Bytes as KB with one decimal. */
export const KB = (b: number) => fmt(b / 1024, 1);
const CORES = os.cpus().length;
/** The one-minute load average, read before and after each segment. */
export const load = () => os.loadavg()[0]!;
/** A segment's load line: noisy when the machine's load rose above its core count during it. */
export const loadLine = (before: number) => {
  const after = load();
  const noisy = Math.max(before, after) > CORES;
  return `Load average before/after this segment: ${fmt(before, 2)} / ${fmt(after, 2)} on ${CORES} cores${noisy ? ' (**noisy**: above the core count; read its verdicts with care)' : ''}.`;
};
/** Honest verdicts: a target is met only when every reading of it (per round and pooled) meets it. */
export const metAll = (ok: (x: number) => boolean, ...readings: number[]) =>
  readings.every((x) => Number.isFinite(x) && ok(x)) ? 'met' : 'NOT met';
/** One verdict. */
export const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** A git answer, or `unknown` outside a checkout. */
export const git = (...a: string[]) => {
  try {
    return execFileSync('git', a, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

import { pino, type Logger } from 'pino';

/** Structured logger. Call sites pass ids and event names only, never user free text. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { pid: process.pid },
    redact: { paths: ['password', '*.password', 'req.headers.cookie', 'headers.cookie'], remove: true },
  });
}
export type { Logger };

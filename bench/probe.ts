/**
 * Loaded with `--import` into a benchmarked server process (never in production): answers an IPC
 * message with the process's memory after a full GC. Needs `--expose-gc` and an IPC channel.
 */
const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (msg) => {
  if (msg !== 'memory' || !process.send) return;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  process.send({ heapUsed: m.heapUsed, rss: m.rss });
});
// The IPC channel must not keep a server alive on its own.
process.channel?.unref();

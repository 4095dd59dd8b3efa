/**
 * Loaded with `--import` into a benchmarked server process (never in production): answers an IPC
 * message with the process's memory after a full GC and the CPU time it has used (user + system). Needs `--expose-gc` and an IPC channel.
 */
const gc = (globalThis as { gc?: () => void }).gc;
process.on('message', (msg) => {
  if (msg !== 'memory' || !process.send) return;
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  const cpu = process.cpuUsage();
  process.send({ heapUsed: m.heapUsed, rss: m.rss, cpuMicros: cpu.user + cpu.system });
});
// The IPC channel must not keep a server alive on its own.
process.channel?.unref();

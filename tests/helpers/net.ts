import net from 'node:net';

/** A TCP port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Poll until `check` is true or the time runs out. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  everyMs = 50,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Wait (up to a minute) until a spawned process answers `url` with a 2xx; throw with its last
 * output as soon as it exits instead.
 */
export async function waitForProcessUrl(
  proc: { exitCode: number | null },
  url: string,
  output: () => string,
  name = 'server',
): Promise<void> {
  await waitFor(
    async () => {
      if (proc.exitCode !== null) throw new Error(`${name} exited (${proc.exitCode}): ${output()}`);
      try {
        return (await fetch(url)).ok;
      } catch {
        return false;
      }
    },
    60_000,
    100,
  );
}

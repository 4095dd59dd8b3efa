import net from 'node:net';
import { randomBytes } from 'node:crypto';

/** One WebSocket frame from the client (clients must mask). */
function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  if (payload.length > 125) throw new Error('short frames only');
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

/**
 * A Socket.IO client written by hand on a raw TCP socket: it upgrades, joins, asks for the whole
 * log several times over and then never reads a byte, so everything sent to it piles up.
 */
export async function stalledClient(
  url: string,
  cookie: string,
  syncs: number,
  /** Time between syncs; with a gap each one is answered (one sync at a time per socket). */
  gapMs = 0,
): Promise<net.Socket> {
  const { hostname, port } = new URL(url);
  const sock = net.connect(Number(port), hostname);
  sock.on('error', () => undefined);
  let seen = '';
  const until = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => seen.includes(text) && (sock.off('data', onData), resolve());
      const onData = (d: Buffer) => {
        seen += d.toString('latin1');
        check();
      };
      sock.on('data', onData);
      check();
      setTimeout(() => reject(new Error(`no ${text} in ${seen}`)), 5000).unref();
    });
  sock.write(
    `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\nCookie: ${cookie}\r\n\r\n`,
  );
  await until('"pingTimeout"');
  sock.write(frame('40'));
  await until('"hello"');
  sock.pause();
  for (let i = 0; i < syncs; i++) {
    if (sock.destroyed) break;
    sock.write(frame(`42${i}["sync",{"afterSeq":0}]`));
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
  }
  return sock;
}

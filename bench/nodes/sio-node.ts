import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';

/** Baseline (b): bare Socket.IO with the Redis adapter. POST /send emits the body to every socket on every node. */
const [portArg, redisUrl, key] = process.argv.slice(2);
const pub = createClient({ url: redisUrl, RESP: 2 });
const sub = pub.duplicate();
await Promise.all([pub.connect(), sub.connect()]);
const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/send') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      io.emit('change', JSON.parse(Buffer.concat(chunks).toString()) as unknown);
      res.end('{"ok":true}');
    });
    return;
  }
  res.end('{"ok":true}');
});
const io = new Server(http, { serveClient: false, pingInterval: 10_000, pingTimeout: 8_000 });
io.adapter(createAdapter(pub, sub, { key }));
http.listen(Number(portArg), '127.0.0.1');

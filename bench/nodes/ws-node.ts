import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';

/** Baseline (a): a raw `ws` broadcast on one node. POST /send broadcasts the body as is. */
const port = Number(process.argv[2] ?? 0);
const clients = new Set<WebSocket>();
const http = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/send') {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      for (const ws of clients) ws.send(text);
      res.end('{"ok":true}');
    });
    return;
  }
  res.end('{"ok":true}');
});
const wss = new WebSocketServer({ server: http });
wss.on('connection', (ws) => {
  clients.add(ws);
  ws.on('close', () => clients.delete(ws));
});
http.listen(port, '127.0.0.1');

// `npm run dev`: the server under `tsx watch` (restarts on change) and the Vite dev server (hot reload,
// proxies /api and /socket.io to the server on 127.0.0.1:3000). When either stops, the other is stopped.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) =>
  path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const commands = [
  { name: 'server', cmd: bin('tsx'), args: ['watch', '--clear-screen=false', 'server/index.ts'] },
  { name: 'client', cmd: bin('vite'), args: ['--config', 'client/vite.config.ts', '--clearScreen', 'false'] },
];

let stopping = false;
let exitCode = 0;

const children = commands.map(({ name, cmd, args }) => {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('error', (err) => {
    console.error(`[dev] ${name} could not start: ${err.message}`);
    stopAll(1);
  });
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`[dev] ${name} exited (${signal ?? `code ${code}`}); stopping the rest`);
    stopAll(code ?? 1);
  });
  return child;
});

function stopAll(code) {
  if (!stopping) {
    stopping = true;
    exitCode = code;
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    // Whatever does not stop within 5 s is killed.
    setTimeout(() => {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 5000).unref();
  }
  if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stopAll(0));
process.on('exit', () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

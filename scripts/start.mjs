// `npm start`: build when dist/ is missing or older than the sources, then run the built server.
// The server runs as a child process; SIGTERM/SIGINT/SIGHUP are passed on to it and its exit code
// (or signal) becomes ours, so a process manager sees the server itself.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SERVER_ENTRY = path.join(ROOT, 'dist', 'server', 'index.js');
const CLIENT_ENTRY = path.join(ROOT, 'dist', 'client', 'index.html');
const SOURCE_DIRS = ['server', 'shared', 'client'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.server.json'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.tmp']);

/** Latest modification time (ms) of any file under `dir`, or 0 when there is none. */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) newest = Math.max(newest, newestMtime(full));
    } else if (entry.isFile()) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

function mtimeOrZero(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Why a build is needed, or null when dist/ is current. */
function buildReason() {
  const built = Math.min(mtimeOrZero(SERVER_ENTRY), mtimeOrZero(CLIENT_ENTRY));
  if (built === 0) return 'dist/ has no complete build';
  const sources = Math.max(
    ...SOURCE_DIRS.map((d) => newestMtime(path.join(ROOT, d))),
    ...SOURCE_FILES.map((f) => mtimeOrZero(path.join(ROOT, f))),
  );
  return sources > built ? 'sources changed since the last build' : null;
}

const reason = buildReason();
if (reason) {
  console.log(`[start] building (${reason}): npm run build`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    console.error(
      `[start] build failed (${build.error?.message ?? `exit code ${build.status ?? build.signal}`})`,
    );
    process.exit(build.status || 1);
  }
}

const server = spawn(process.execPath, [SERVER_ENTRY, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});

// A Ctrl-C reaches this process more than once (from the terminal and again from npm), and the server's
// second SIGINT would cut its graceful shutdown short, so each signal is passed on once.
const forwarded = new Set();
const forward = (signal) => {
  if (forwarded.has(signal)) return;
  forwarded.add(signal);
  server.kill(signal);
};
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, forward);

server.on('error', (err) => {
  console.error(`[start] could not run ${path.relative(ROOT, SERVER_ENTRY)}: ${err.message}`);
  process.exit(1);
});
server.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so that our parent sees what happened to the server.
    for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  } else {
    process.exit(code ?? 1);
  }
});

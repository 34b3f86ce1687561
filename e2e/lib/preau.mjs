// Starting and stopping one Préau instance for one journey: a free port, a fresh temporary
// directory (the data directory lives inside it, so does the outbox), and the
// first-administrator setup link read from the server's standard output.

import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

/** The Préau binary: $PREAU_BIN, else $CARGO_TARGET_DIR/release/preau, else target/release/preau. */
export function preauBinary() {
  if (process.env.PREAU_BIN) return path.resolve(process.env.PREAU_BIN);
  if (process.env.CARGO_TARGET_DIR) {
    return path.resolve(process.env.CARGO_TARGET_DIR, 'release', 'preau');
  }
  return path.join(repo, 'target', 'release', 'preau');
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Instances still running when the runner exits (a crash, Ctrl-C) are killed and their
// directories removed: no orphan server keeps a port and a data directory.
const live = new Map();
process.on('exit', () => {
  for (const [child, dir] of live) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => process.exit(130));
}

/**
 * Starts `preau serve` in a fresh temporary directory and waits until it answers.
 * Returns { url, setupLink, dataDir, dir, output(), stop() }.
 */
export async function startPreau({ bin = preauBinary(), timeoutMs = 30_000 } = {}) {
  if (!existsSync(bin)) {
    throw new Error(
      `Préau binary not found at ${bin}: build it (cargo build --release -p preau) ` +
        'or point PREAU_BIN at it',
    );
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'preau-e2e-'));
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  const listen = `127.0.0.1:${port}`;
  const url = `http://${listen}`;

  // The instance is configured by these variables only: inherited PREAU_* settings (a
  // developer's database URL, SMTP server, mode…) would make the journeys test something else.
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('PREAU_') || k === 'PREAU_LOG') env[k] = v;
  }
  Object.assign(env, {
    PREAU_LISTEN: listen,
    PREAU_DATA_DIR: dataDir,
    PREAU_PUBLIC_URL: url,
    NO_COLOR: '1',
  });

  const child = spawn(bin, ['serve'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  live.set(child, dir);
  let log = '';
  let exited = null;
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d) => (log += d));
  child.stderr.on('data', (d) => (log += d));
  const exitPromise = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      live.delete(child);
      resolve(exited);
    }),
  );

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        if (!exited) child.kill('SIGKILL');
      }, 5_000);
      await exitPromise;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + timeoutMs;
  let setupLink = null;
  let healthy = false;
  try {
    while (Date.now() < deadline) {
      if (exited) {
        throw new Error(`Préau exited (${JSON.stringify(exited)}) before answering:\n${log}`);
      }
      const m = log.match(/(https?:\/\/\S+\/installation\/[A-Za-z0-9_-]+)/);
      if (m) setupLink = m[1];
      if (!healthy) {
        try {
          const res = await fetch(`${url}/api/v1/health`);
          healthy = res.status === 200;
        } catch {
          // not listening yet
        }
      }
      if (healthy && setupLink) break;
      await sleep(100);
    }
    if (!healthy) throw new Error(`Préau did not answer ${url}/api/v1/health in time:\n${log}`);
    if (!setupLink) throw new Error(`Préau printed no setup link:\n${log}`);
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    url,
    setupLink,
    dataDir,
    dir,
    output: () => log,
    stop,
  };
}

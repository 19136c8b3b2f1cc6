'use strict';
/** The processes the benchmark runs: the built Manager API, the calibration server, and an RSS sampler. */
const { spawn } = require('node:child_process');
const { createServer } = require('node:net');
const { openSync, readFileSync, closeSync } = require('node:fs');
const { join } = require('node:path');
const { DIST } = require('./database');

const MAIN = join(DIST, 'main.js');

/** A port that was free a moment ago on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `url` until it answers 200; throws after `timeoutMs` or when `isDead()` says the process is gone. */
async function waitFor200(url, timeoutMs, isDead) {
  const until = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < until) {
    if (isDead()) throw new Error(`the process exited before ${url} answered`);
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = error.cause?.code ?? error.message;
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (${last})`);
}

/** A child process whose output goes to a log file; `exited` tells whether it is gone. */
function spawnLogged(args, env, logPath) {
  const fd = openSync(logPath, 'a');
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const state = { child, exited: false, code: null, signal: null, logPath };
  child.on('exit', (code, signal) => Object.assign(state, { exited: true, code, signal }));
  state.stop = async () => {
    if (state.exited) return;
    child.kill('SIGTERM');
    const until = Date.now() + 5000;
    while (!state.exited && Date.now() < until) await sleep(50);
    if (!state.exited) child.kill('SIGKILL');
  };
  state.logTail = (lines = 30) => {
    try {
      return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  return state;
}

/** Starts the built Manager API on a free port of 127.0.0.1 and waits until it is ready. */
async function startManager({ databaseUrl, adminToken, dataDir, logPath }) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_TOKENS: adminToken,
    LOG_LEVEL: 'warn',
    // The benchmark measures throughput of one connection: no per-connection or admin rate limit.
    RATE_LIMIT_SCIM_PER_MINUTE: '0',
    RATE_LIMIT_ADMIN_PER_MINUTE: '10000000',
    DATA_DIR: dataDir,
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  };
  const server = spawnLogged([MAIN], env, logPath);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${base}/health/ready`, 60_000, () => server.exited);
  } catch (error) {
    await server.stop();
    throw new Error(`${error.message}\n--- server log (${logPath}) ---\n${server.logTail()}`);
  }
  return Object.assign(server, { base, port, pid: server.child.pid });
}

/** The calibration server: a bare node:http server answering a fixed JSON (see calibration-server.js). */
async function startCalibration(logPath) {
  const port = await freePort();
  const server = spawnLogged([join(__dirname, '..', 'calibration-server.js'), String(port)], { PATH: process.env.PATH }, logPath);
  const base = `http://127.0.0.1:${port}`;
  await waitFor200(base, 10_000, () => server.exited);
  return Object.assign(server, { base, port, pid: server.child.pid });
}

/** The resident set of a process in bytes (Linux /proc), or null where it cannot be read. */
function rssOf(pid) {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** Samples the RSS of `pid` every 200 ms; `stop()` returns the peak seen (bytes, or null). */
function sampleRss(pid) {
  if (pid === undefined || pid === null) return { stop: () => null };
  let peak = rssOf(pid);
  const timer = setInterval(() => {
    const rss = rssOf(pid);
    if (rss !== null && (peak === null || rss > peak)) peak = rss;
  }, 200);
  return {
    stop: () => {
      clearInterval(timer);
      const rss = rssOf(pid);
      if (rss !== null && (peak === null || rss > peak)) peak = rss;
      return peak;
    },
  };
}

module.exports = { freePort, startManager, startCalibration, sampleRss, rssOf, sleep };

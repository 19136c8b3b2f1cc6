import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * The BUILT Manager API (main.js from `nest build manager-api`) as a real child process, for tests about processes: two
 * instances on one database, a SIGKILL in the middle of a load. Requests go through Node's global fetch.
 */
export const ROOT = join(__dirname, '..', '..');
/** The admin token every spawned server accepts (40 characters). */
export const PROCESS_ADMIN_TOKEN = 'process-test-admin-token-0123456789abcde';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let built: string | undefined;
const builds = new Set<string>();

/**
 * Builds the app with `nest build manager-api` into a build of this test file's own, under
 * dist/process-tests/ (the same compiler options, only another outDir): other suites and the benchmark
 * build into dist/apps/manager-api, and their build deletes that directory first, which would pull
 * main.js from under a server this file starts or restarts. Once per test file (about 10 s); the
 * build is removed when the test process exits. Returns the path of main.js.
 */
export function ensureBuilt(): string {
  if (built !== undefined) return built;
  const dir = join(ROOT, 'dist', 'process-tests', `${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { recursive: true });
  builds.add(dir);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../../apps/manager-api/tsconfig.app.json', compilerOptions: { outDir: './out', incremental: false } }),
  );
  const nest = require.resolve('@nestjs/cli/bin/nest.js', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [nest, 'build', 'manager-api', '-p', relative(ROOT, join(dir, 'tsconfig.json'))], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const main = join(dir, 'out', 'apps', 'manager-api', 'src', 'main.js');
  if (result.status !== 0 || !existsSync(main)) {
    throw new Error(`nest build manager-api failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}\n${result.error?.message ?? ''}`);
  }
  built = main;
  return main;
}

/** Removes this file's build (call in afterAll, after the servers stopped). */
export function removeBuild(): void {
  for (const dir of builds) rmSync(dir, { recursive: true, force: true });
  builds.clear();
  built = undefined;
  try {
    rmdirSync(join(ROOT, 'dist', 'process-tests')); // only when no other file's build is left in it
  } catch {
    /* not empty, or gone */
  }
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<ChildProcess>();
// A test run that ends without afterAll (a crash of the worker) still takes its servers along.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of builds) rmSync(dir, { recursive: true, force: true });
});

export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Whether the process has exited (and how). */
  readonly exited: boolean;
  readonly exit: { code: number | null; signal: NodeJS.Signals | null } | null;
  /** Sends `signal` and waits (up to 15 s) until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGTERM, then waits up to 10 s for a graceful exit; SIGKILL after that. Safe to call twice. */
  stop(): Promise<void>;
  /** The process's stdout and stderr (the last 256 KB), for diagnostics. */
  output(): string;
}

export interface StartOptions {
  /** `postgres://…` or `sqlite:<path>`. */
  databaseUrl: string;
  /** Extra or overriding environment variables. */
  env?: Record<string, string>;
  /** The built main.js (default: ensureBuilt()). */
  main?: string;
  /** How long to wait for /health/ready (default 60 s). */
  readyTimeoutMs?: number;
}

const OUTPUT_LIMIT = 256 * 1024;

/** Starts the built server on a free port of 127.0.0.1 and waits until /health/ready answers 200. */
export async function startServer(options: StartOptions): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'manager-process-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? dataDir,
    NODE_ENV: 'production',
    DATABASE_URL: options.databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_TOKENS: PROCESS_ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    DATA_DIR: dataDir,
    PUBLIC_BASE_URL: url,
    RATE_LIMIT_SCIM_PER_MINUTE: '0',
    RATE_LIMIT_ADMIN_PER_MINUTE: '1000000',
    ...options.env,
  };
  const child = spawn(process.execPath, [options.main ?? ensureBuilt()], { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const append = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (output.length > OUTPUT_LIMIT) output = output.slice(-OUTPUT_LIMIT);
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      running.delete(child);
      rmSync(dataDir, { recursive: true, force: true });
      resolve();
    });
  });
  child.once('error', (error) => append(Buffer.from(`spawn error: ${error.message}\n`)));

  const waitExit = async (ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
    clearTimeout(timer);
    return exit !== null;
  };
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (exit !== null) return;
    child.kill(signal);
    if (!(await waitExit(15_000))) throw new Error(`pid ${child.pid} still runs 15 s after ${signal}`);
  };
  const server: ServerProcess = {
    url,
    port,
    pid: child.pid ?? -1,
    get exited() {
      return exit !== null;
    },
    get exit() {
      return exit;
    },
    kill,
    stop: async () => {
      if (exit !== null) return;
      child.kill('SIGTERM');
      if (!(await waitExit(10_000))) await kill('SIGKILL');
    },
    output: () => output,
  };

  const until = Date.now() + (options.readyTimeoutMs ?? 60_000);
  let last = 'no answer';
  while (Date.now() < until) {
    if (exit !== null) {
      throw new Error(`the server exited (${JSON.stringify(exit)}) before it was ready:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return server;
      last = `status ${res.status}`;
    } catch (error) {
      last = String((error as { cause?: { code?: string } }).cause?.code ?? error);
    }
    await sleep(100);
  }
  await server.stop();
  throw new Error(`${url}/health/ready did not answer 200 in time (${last}):\n${output}`);
}

/** A fetch answer read completely: status and parsed JSON body (undefined when empty or not JSON). */
export interface Answer {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly text: string;
  readonly headers: Headers;
}

/** One request with a JSON body; rejects on a network error or after `timeoutMs` (default 30 s). */
export async function call(method: string, url: string, token: string, body?: unknown, timeoutMs = 30_000): Promise<Answer> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers['Content-Type'] = url.includes('/scim/v2') ? 'application/scim+json; charset=utf-8' : 'application/json';
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text, headers: res.headers };
}

/** A customer with SCIM switched on through the admin API of `server`: its id and SCIM token. */
export async function enableScimCustomer(server: ServerProcess, provider: 'entra' | 'okta' = 'entra'): Promise<{ customerId: string; token: string }> {
  const customer = await call('POST', `${server.url}/api/customers`, PROCESS_ADMIN_TOKEN, { name: `Process Customer ${Date.now()}` });
  if (customer.status !== 201) throw new Error(`POST /api/customers: ${customer.status} ${customer.text}`);
  const scim = await call('PUT', `${server.url}/api/customers/${customer.body.id}/scim`, PROCESS_ADMIN_TOKEN, { provider });
  if (scim.status !== 201) throw new Error(`PUT /api/customers/:id/scim: ${scim.status} ${scim.text}`);
  return { customerId: customer.body.id as string, token: scim.body.token as string };
}

/** Runs `tasks` with at most `concurrency` at once; `shouldStop()` stops starting new ones. */
export async function runPool<T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
  shouldStop: () => boolean = () => false,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count && !shouldStop()) {
      const index = next++;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

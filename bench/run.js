#!/usr/bin/env node
'use strict';
/**
 * The SCIM benchmark (DESIGN §7). `npm run bench` builds the app and runs this file:
 *   node bench/run.js [--db sqlite|postgres] [--quick] [--json FILE] [--base URL ...]
 * It starts the BUILT server (dist/) on a free port of 127.0.0.1 with a fresh database, seeds the fixtures
 * straight into the database, runs each workload with autocannon, and prints one table. All traffic goes
 * to 127.0.0.1 (or to --base). See docs/performance.md.
 */
const { parseArgs } = require('node:util');
const { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } = require('node:fs');
const { tmpdir, cpus, loadavg, totalmem } = require('node:os');
const { join, dirname, resolve } = require('node:path');
const { randomBytes } = require('node:crypto');
const { execFileSync } = require('node:child_process');
const autocannon = require('autocannon');
const { createBenchDatabase, configFromUrl, Seeder, DIST, DEFAULT_PG_URL } = require('./lib/database');
const { startManager, startCalibration, sampleRss } = require('./lib/processes');
const workloads = require('./lib/workloads');
const report = require('./lib/report');

const HELP = `Usage: node bench/run.js [options]   (npm run bench -- [options] builds first)

  --db sqlite|postgres   engine of the fresh database (default sqlite)
  --quick                ~2 s per workload, 1k/10k users instead of 1k/100k/1M (a smoke run, not a measurement)
  --json FILE            also write the raw results as JSON
  --pg-url URL           PostgreSQL server to create/drop the bench database on
                         (default $BENCH_PG_URL, else ${DEFAULT_PG_URL})
  --duration S           seconds per workload (default 10, --quick 2)
  --connections N        concurrent connections (default 16)
  --only a,b             run only these workloads: create, lookup, sync, list, group, mix
  --entra-patch D        Entra's PATCH dialect: unflagged (default, what Entra sends unless the tenant URL
                         carries ?aadOptscim062020: Replace/Add/Remove, members + [{value}] removal) or
                         flagged (?aadOptscim062020 on every request, lower-case ops, path-less replace,
                         members[value eq] removal); see bench/lib/workloads.js
  --base URL             target an already running Manager API instead of starting one; needs
                         --admin-token T and --database-url URL (seeding writes there directly);
                         --server-pid PID lets RSS be sampled
  -h, --help             this text
Exit status: 0 = every workload answered 2xx only (targets missed or not), 1 = unexpected non-2xx,
connection errors or the server died, 2 = the benchmark could not run.`;

const KINDS = ['create', 'lookup', 'sync', 'list', 'group', 'mix'];
const log = (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function options() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      quick: { type: 'boolean', default: false },
      json: { type: 'string' },
      'pg-url': { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string', default: '16' },
      only: { type: 'string' },
      'entra-patch': { type: 'string', default: 'unflagged' },
      base: { type: 'string' },
      'admin-token': { type: 'string' },
      'database-url': { type: 'string' },
      'server-pid': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    process.exit(0);
  }
  if (!['sqlite', 'postgres'].includes(values.db)) throw new Error(`--db must be sqlite or postgres, not ${values.db}`);
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : KINDS;
  const unknown = only.filter((k) => !KINDS.includes(k));
  if (unknown.length > 0) throw new Error(`--only: unknown workload(s) ${unknown.join(', ')} (known: ${KINDS.join(', ')})`);
  if (!['unflagged', 'flagged'].includes(values['entra-patch'])) throw new Error(`--entra-patch must be unflagged or flagged, not ${values['entra-patch']}`);
  if (values.base && (!values['admin-token'] || !values['database-url'])) {
    throw new Error('--base needs --admin-token and --database-url (the fixtures are seeded straight into the database)');
  }
  const quick = values.quick;
  return {
    engine: values.db,
    quick,
    json: values.json,
    pgUrl: values['pg-url'] ?? process.env.BENCH_PG_URL ?? DEFAULT_PG_URL,
    duration: values.duration ? Number(values.duration) : quick ? 2 : 10,
    warmup: quick ? 0 : 1,
    connections: Number(values.connections),
    only: new Set(only),
    dialect: values['entra-patch'],
    base: values.base?.replace(/\/+$/, ''),
    adminToken: values['admin-token'],
    databaseUrl: values['database-url'],
    serverPid: values['server-pid'] ? Number(values['server-pid']) : undefined,
    sizes: quick ? { small: 1_000, main: 10_000, huge: null, group: 10_000 } : { small: 1_000, main: 100_000, huge: 1_000_000, group: 10_000 },
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** One autocannon run; every response's status and latency are collected here (autocannon has no p95). */
function cannon(url, connections, duration, spec) {
  return new Promise((resolvePromise, reject) => {
    const latencies = [];
    const statuses = {};
    const opts = { url, connections, duration, timeout: 10, requests: spec.requests };
    if (spec.setupClient) opts.setupClient = spec.setupClient;
    const instance = autocannon(opts, (error, result) => (error ? reject(error) : resolvePromise({ result, latencies, statuses })));
    instance.on('response', (_client, status, _bytes, time) => {
      latencies.push(time);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

/** Warm-up (discarded), then the measured run with the server's RSS sampled. */
async function measure(run, spec, pid) {
  if (run.warmup > 0) await cannon(run.url, run.connections, run.warmup, spec);
  if (spec.cleanup) await spec.cleanup(run.url);
  const rss = sampleRss(pid);
  const { result, latencies, statuses } = await cannon(run.url, run.connections, run.duration, spec);
  const peakRssBytes = rss.stop();
  if (spec.cleanup) await spec.cleanup(run.url);
  latencies.sort((a, b) => a - b);
  const responses = latencies.length;
  const seconds = result.duration;
  const non2xx = Object.entries(statuses).reduce((sum, [status, n]) => (status >= 200 && status < 300 ? sum : sum + n), 0);
  return {
    durationSec: seconds,
    responses,
    reqPerSec: responses / seconds,
    latencyMs: {
      p50: percentile(latencies, 0.5),
      p95: percentile(latencies, 0.95),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? null,
      mean: responses > 0 ? latencies.reduce((a, b) => a + b, 0) / responses : null,
    },
    statusCounts: statuses,
    non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    peakRssBytes,
  };
}

class AdminApi {
  constructor(base, token, dialect) {
    this.base = base;
    this.dialect = dialect;
    this.headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  }

  async call(method, path, body, expected) {
    const send = () => fetch(`${this.base}${path}`, { method, headers: this.headers, body: body === undefined ? undefined : JSON.stringify(body) });
    // A pooled keep-alive socket the server closed while this process was busy seeding fails once: retry.
    const res = await send().catch(() => send());
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${method} ${path} answered ${res.status}, expected ${expected}: ${text.slice(0, 300)}`);
    return text === '' ? null : JSON.parse(text);
  }

  /** A customer with SCIM switched on (Entra), and its SCIM bearer token. */
  async scimCustomer(name) {
    const customer = await this.call('POST', '/api/customers', { name }, 201);
    const { token } = await this.call('PUT', `/api/customers/${customer.id}/scim`, { provider: 'entra' }, 201);
    return { customerId: customer.id, token, dialect: this.dialect };
  }
}

function machine(engineVersion, engine, loadAverageAtStart) {
  const cpu = cpus();
  let nproc = cpu.length;
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim());
  } catch {
    /* nproc missing: os.cpus() it is */
  }
  return {
    nproc,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    autocannon: require('autocannon/package.json').version,
    engine,
    engineVersion,
    loadAverageAtStart: loadAverageAtStart.map((n) => Number(n.toFixed(2))),
    loadAverageAtEnd: loadavg().map((n) => Number(n.toFixed(2))),
  };
}

async function engineVersion(seeder) {
  if (seeder.engine === 'sqlite') return `SQLite ${(await seeder.ds.query('SELECT sqlite_version() AS v'))[0].v}`;
  return `PostgreSQL ${(await seeder.ds.query('SHOW server_version'))[0].server_version}`;
}

async function main() {
  let opts;
  try {
    opts = options();
  } catch (error) {
    process.stderr.write(`${error.message}\n\n${HELP}\n`);
    return 2;
  }
  if (!existsSync(join(DIST, 'main.js'))) {
    process.stderr.write(`The built app is missing (${join(DIST, 'main.js')}): run \`npm run build\` or use \`npm run bench\`.\n`);
    return 2;
  }

  const work = mkdtempSync(join(tmpdir(), 'manager-bench-run-'));
  const cleanups = [];
  const cleanUp = async () => {
    while (cleanups.length > 0) {
      try {
        await cleanups.pop()();
      } catch (error) {
        log(`clean-up: ${error.message}`);
      }
    }
  };
  let interrupted = false;
  const onSignal = (signal) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: cleaning up`);
    cleanUp().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const state = {};
  try {
    return await runAll(opts, work, cleanups, state);
  } catch (error) {
    process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
    const server = state.server;
    if (server && server.logTail) {
      process.stderr.write(`--- server ${server.exited ? `exited (code ${server.code}, signal ${server.signal})` : 'still running'}; its log ---\n${server.logTail(40)}\n`);
    }
    return server && server.exited ? 1 : 2;
  } finally {
    await cleanUp();
    rmSync(work, { recursive: true, force: true });
  }
}

async function runAll(opts, work, cleanups, state) {
  const loadAtStart = loadavg();
  const failures = [];
  const run = { connections: opts.connections, duration: opts.duration, warmup: opts.warmup };
  log(`${opts.quick ? 'QUICK (smoke) run' : 'full run'}: ${opts.engine}, ${opts.connections} connections, ${opts.duration} s per workload`);

  // 1. Calibration: a bare node:http server under the same load generator and settings.
  const calServer = await startCalibration(join(work, 'calibration.log'));
  cleanups.push(() => calServer.stop());
  log(`calibration server on ${calServer.base}`);
  const calibration = await measure({ ...run, url: calServer.base }, { requests: [{ method: 'GET', path: '/' }] }, calServer.pid);
  await calServer.stop();
  log(`calibration: ${report.fmtInt(calibration.reqPerSec)} req/s`);

  // 2. The database and the server.
  let databaseUrl = opts.databaseUrl;
  let dbConfig;
  let server;
  let adminToken = opts.adminToken;
  if (opts.base) {
    dbConfig = configFromUrl(databaseUrl);
    server = { base: opts.base, pid: opts.serverPid, exited: false, external: true };
  } else {
    const db = await createBenchDatabase(opts.engine, opts.pgUrl);
    cleanups.push(() => db.drop());
    databaseUrl = db.url;
    dbConfig = db.config;
    adminToken = randomBytes(30).toString('base64url'); // 40 characters
    const dataDir = join(work, 'data');
    mkdirSync(dataDir, { recursive: true });
    const t0 = Date.now();
    server = await startManager({ databaseUrl, adminToken, dataDir, logPath: join(work, 'server.log') });
    cleanups.push(() => server.stop());
    state.server = server;
    log(`server pid ${server.pid} ready on ${server.base} in ${Date.now() - t0} ms (${opts.engine === 'sqlite' ? dbConfig.path : db.name})`);
  }
  const serverDied = () => server.exited === true;
  const admin = new AdminApi(server.base, adminToken, opts.dialect);

  // 3. Fixtures: customers with SCIM on, users and the group straight into the database.
  const seeder = await Seeder.open(dbConfig);
  cleanups.push(() => seeder.close());
  const versionText = await engineVersion(seeder);
  const seedStarted = Date.now();
  const seeded = async (label, count, domain) => {
    const tenant = await admin.scimCustomer(`bench ${label}`);
    const t0 = Date.now();
    let shown = 0;
    const ids = await seeder.seedUsers(tenant.customerId, count, domain, (done) => {
      if (done - shown >= 250_000) {
        shown = done;
        log(`  ${label}: ${report.fmtInt(done)} / ${report.fmtInt(count)} users`);
      }
    });
    log(`seeded ${report.fmtInt(count)} users (${label}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { ...tenant, ids, count, domain };
  };
  const need = (...kinds) => kinds.some((k) => opts.only.has(k));
  const tenants = {};
  tenants.create = need('create') ? await admin.scimCustomer('bench create') : null;
  if (need('lookup')) tenants.small = await seeded('small', opts.sizes.small, 'small.bench.example');
  if (need('lookup', 'sync', 'list', 'mix')) tenants.main = await seeded('main', opts.sizes.main, 'main.bench.example');
  if (need('lookup') && opts.sizes.huge) tenants.huge = await seeded('huge', opts.sizes.huge, 'huge.bench.example');
  if (need('group')) {
    const batches = opts.connections;
    const g = await seeded('group', opts.sizes.group + batches * 100, 'group.bench.example');
    const group = await fetch(`${server.base}${workloads.scimPath(g, '/Groups')}`, {
      method: 'POST',
      headers: workloads.scimHeaders(g.token, true),
      body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'All staff', externalId: 'all-staff' }),
    });
    if (group.status !== 201) throw new Error(`creating the group answered ${group.status}: ${await group.text()}`);
    g.groupId = (await group.json()).id;
    await seeder.seedMembers(g.groupId, g.ids.slice(0, opts.sizes.group));
    g.batches = Array.from({ length: batches }, (_, i) => g.ids.slice(opts.sizes.group + i * 100, opts.sizes.group + (i + 1) * 100));
    tenants.group = g;
    log(`group ${g.groupId} has ${report.fmtInt(opts.sizes.group)} members`);
  }
  await seeder.settle();
  await seeder.close();
  log(`fixtures ready in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  // 4. The workloads, in the issue's order.
  const plan = [];
  if (tenants.create) plan.push({ id: 'create', kind: 'create', label: 'create user (POST)', tenant: tenants.create, storedUsers: 0, spec: () => workloads.createUsers(tenants.create) });
  for (const key of ['small', 'main', 'huge']) {
    const t = tenants[key];
    if (t && opts.only.has('lookup')) {
      plan.push({ id: `lookup-${report.fmtSize(t.count).toLowerCase()}`, kind: 'lookup', label: 'lookup userName eq', storedUsers: t.count, spec: () => workloads.lookups(t) });
    }
  }
  const main = tenants.main;
  if (main && opts.only.has('sync')) plan.push({ id: 'sync', kind: 'sync', label: 'Entra sync (lookup + PATCH)', storedUsers: main.count, spec: () => workloads.steadySync(main) });
  if (main && opts.only.has('list')) plan.push({ id: 'list', kind: 'list', label: 'list page count=100', storedUsers: main.count, spec: () => workloads.listPages(main) });
  if (tenants.group) {
    const g = tenants.group;
    plan.push({ id: 'group', kind: 'group', label: `group PATCH ±100 (${report.fmtSize(opts.sizes.group)} members)`, storedUsers: g.count, spec: () => workloads.groupMembers(g, g.batches) });
  }
  if (main && opts.only.has('mix')) plan.push({ id: 'mix', kind: 'mix', label: 'mix 80/10/5/5', storedUsers: main.count, spec: () => workloads.mix(main) });

  // A fresh server is cold (JIT, caches): one unrecorded pass of the mix before the first measured workload.
  if (opts.warmup > 0 && main) {
    log('warming the server up (3 s of the mix, not recorded) …');
    await cannon(server.base, opts.connections, 3, workloads.mix(main));
  }

  const results = [];
  for (const item of plan) {
    if (serverDied()) break;
    log(`workload ${item.id} …`);
    const spec = item.spec();
    let m;
    try {
      m = await measure({ ...run, url: server.base }, spec, server.pid);
    } catch (error) {
      if (!serverDied()) throw error;
      break;
    }
    const w = { id: item.id, kind: item.kind, label: item.label, storedUsers: item.storedUsers, ...m };
    w.ratioToCalibration = calibration.reqPerSec > 0 ? w.reqPerSec / calibration.reqPerSec : null;
    w.unexpectedNon2xx = w.non2xx; // no workload sends a request meant to fail
    if (item.kind === 'group') {
      w.membersPerSec = ((w.statusCounts[200] ?? 0) + (w.statusCounts[204] ?? 0)) * spec.membersPerRequest / w.durationSec;
      w.also = `${report.fmtInt(w.membersPerSec)} members/s`;
    } else if (item.kind === 'sync') {
      w.syncsPerSec = w.reqPerSec / 2;
      w.also = `${report.fmtInt(w.syncsPerSec)} syncs/s`;
    } else if (item.kind === 'create') {
      w.also = `${report.fmtInt(w.statusCounts[201] ?? 0)} created`;
    }
    w.target = report.targetFor(item.kind, opts.engine);
    w.verdict = report.verdictFor(w, w.target);
    results.push(w);
    log(`  ${report.fmtInt(w.reqPerSec)} req/s, p99 ${report.fmtMs(w.latencyMs.p99)} ms, non-2xx ${w.non2xx}, errors ${w.errors}, peak RSS ${report.fmtMb(w.peakRssBytes)} MB`);
    if (w.unexpectedNon2xx > 0 || w.errors > 0) {
      failures.push(`${w.id}: ${w.unexpectedNon2xx} unexpected non-2xx (${JSON.stringify(w.statusCounts)}), ${w.errors} errors (${w.timeouts} timeouts)`);
    }
  }
  if (serverDied()) {
    failures.push(`the server died (exit code ${server.code}, signal ${server.signal})`);
    process.stderr.write(`--- server log ---\n${server.logTail(40)}\n`);
  }

  // 5. Summary: RSS over everything, lookup flatness, the table.
  const rssValues = results.map((w) => w.peakRssBytes).filter((v) => v !== null && v !== undefined);
  const peakRssBytes = rssValues.length > 0 ? Math.max(...rssValues) : null;
  const lookupsRun = results.filter((w) => w.kind === 'lookup');
  let flatness = null;
  if (lookupsRun.length >= 2) {
    const [first, last] = [lookupsRun[0], lookupsRun[lookupsRun.length - 1]];
    const ratio = last.reqPerSec / first.reqPerSec;
    flatness = { from: first.storedUsers, to: last.storedUsers, reqPerSecRatio: ratio, p99From: first.latencyMs.p99, p99To: last.latencyMs.p99, pass: ratio >= report.MIN_FLATNESS };
  }
  const summary = {
    peakRssBytes,
    peakRssMB: peakRssBytes === null ? null : peakRssBytes / 1048576,
    rssPass: peakRssBytes === null ? null : peakRssBytes / 1048576 <= report.MAX_RSS_MB,
    lookupFlatness: flatness,
    failures,
    targetsMissed: results.filter((w) => w.verdict.pass === false).map((w) => w.id),
  };
  const out = {
    meta: {
      date: new Date().toISOString(),
      quick: opts.quick,
      connections: opts.connections,
      durationSec: opts.duration,
      warmupSec: opts.warmup,
      entraPatchDialect: opts.dialect,
      base: opts.base ?? null,
      sizes: opts.sizes,
      machine: machine(versionText, opts.engine, loadAtStart),
    },
    calibration: { ...calibration, label: 'bare node:http, fixed 200-byte JSON' },
    workloads: results,
    summary,
  };

  const m = out.meta.machine;
  process.stdout.write(
    `\n${opts.quick ? 'QUICK smoke run (short, small seeds: not a measurement)' : 'Benchmark'} — ${versionText}, ${m.nproc} cores (${m.cpuModel}), Node ${m.node}, ` +
      `autocannon ${m.autocannon}, ${opts.connections} connections, ${opts.duration} s per workload, Entra PATCH dialect ${opts.dialect}, load average at start ${m.loadAverageAtStart.join(' ')}, at end ${m.loadAverageAtEnd.join(' ')}\n\n`,
  );
  process.stdout.write(`${report.resultsTable({ calibration, workloads: results })}\n\n`);
  const lines = [];
  lines.push(`server peak RSS over all workloads: ${report.fmtMb(peakRssBytes)} MB (target ≤ ${report.MAX_RSS_MB} MB): ${summary.rssPass === null ? 'n/a' : summary.rssPass ? 'PASS' : 'MISS'}`);
  if (flatness) {
    lines.push(
      `lookup flatness ${report.fmtSize(flatness.from)} → ${report.fmtSize(flatness.to)} users: req/s ×${flatness.reqPerSecRatio.toFixed(2)}, ` +
        `p99 ${report.fmtMs(flatness.p99From)} → ${report.fmtMs(flatness.p99To)} ms (PASS when ≥ ×${report.MIN_FLATNESS}): ${flatness.pass ? 'PASS' : 'MISS'}`,
    );
  }
  if (opts.engine === 'postgres') lines.push('PostgreSQL targets are DESIGN §7 relaxed by 2× (half the rate, twice the p99).');
  lines.push(failures.length === 0 ? 'no unexpected non-2xx responses, no connection errors' : `FAILURES:\n  ${failures.join('\n  ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);

  if (opts.json) {
    const file = resolve(opts.json);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
    log(`raw results in ${file}`);
  }
  return failures.length === 0 ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
});

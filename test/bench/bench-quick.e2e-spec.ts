import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testEngines } from '../support/test-databases';

/**
 * The benchmark (bench/run.js, `npm run bench`) must keep running: a `--quick` smoke run builds the app,
 * starts it, seeds, and drives every workload. This suite checks that every workload ran and got 2xx
 * answers only. It never looks at how fast anything was (DESIGN §7 targets are for `npm run bench`).
 */
const ROOT = join(__dirname, '..', '..');
const KINDS = ['create', 'lookup', 'sync', 'list', 'group', 'mix'];

interface WorkloadJson {
  id: string;
  kind: string;
  responses: number;
  non2xx: number;
  unexpectedNon2xx: number;
  errors: number;
  statusCounts: Record<string, number>;
}

function run(args: string[], timeoutMs: number): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout ?? ''}\n${result.stderr ?? ''}\n${result.error?.message ?? ''}` };
}

describe('bench/run.js --quick', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bench-quick-'));
    const build = run([require.resolve('@nestjs/cli/bin/nest.js'), 'build', 'manager-api'], 180_000);
    if (build.status !== 0) throw new Error(`nest build failed:\n${build.output}`);
  }, 200_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(testEngines())('runs every workload on %s with 2xx answers only', (engine) => {
    const file = join(dir, `${engine}.json`);
    const args = ['bench/run.js', '--quick', '--db', engine, '--json', file];
    if (engine === 'postgres') args.push('--pg-url', process.env.TEST_DATABASE_URL!);
    const bench = run(args, 200_000);
    if (bench.status !== 0) throw new Error(`bench exited with ${bench.status}:\n${bench.output}`);

    const results = JSON.parse(readFileSync(file, 'utf8')) as { calibration: { responses: number }; workloads: WorkloadJson[] };
    expect(results.calibration.responses).toBeGreaterThan(0);
    expect([...new Set(results.workloads.map((w) => w.kind))].sort()).toEqual([...KINDS].sort());
    expect(results.workloads.filter((w) => w.kind === 'lookup').length).toBeGreaterThanOrEqual(2);
    for (const w of results.workloads) {
      expect({ id: w.id, unexpectedNon2xx: w.unexpectedNon2xx, errors: w.errors }).toEqual({ id: w.id, unexpectedNon2xx: 0, errors: 0 });
      expect(w.responses).toBeGreaterThan(0);
    }
  }, 240_000);
});

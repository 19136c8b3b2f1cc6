import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario, ScenarioStep } from './scenario';

/** `test/fixtures` of this repository: the fixtures ship beside the library. */
export const DEFAULT_FIXTURES_DIR = join(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures');

const IDP_FOLDERS = ['entra', 'okta'] as const;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads every scenario: the `*.json` files of `dir/entra/` and `dir/okta/` (and of `dir` itself), sorted
 * by name. Synchronous, so a jest file can declare one test per scenario.
 * @throws Error naming the file when a scenario is malformed or two share a name
 */
export function loadScenarios(dir: string = DEFAULT_FIXTURES_DIR): Scenario[] {
  const files = [dir, ...IDP_FOLDERS.map((idp) => join(dir, idp))].filter(isDirectory).flatMap(jsonFiles);
  const scenarios = files.map((file) => parseScenario(JSON.parse(readFileSync(file, 'utf8')) as unknown, file));
  const names = new Set<string>();
  for (const s of scenarios) {
    if (names.has(s.name)) throw new Error(`Two scenarios are named "${s.name}"`);
    names.add(s.name);
  }
  return scenarios.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Checks the shape of one parsed scenario file.
 * @throws Error naming `source` and the first problem
 */
export function parseScenario(json: unknown, source: string): Scenario {
  const fail = (problem: string): never => {
    throw new Error(`${source}: ${problem}`);
  };
  if (!isObject(json)) return fail('not a JSON object');
  for (const key of ['name', 'description'] as const) if (typeof json[key] !== 'string') fail(`"${key}" must be a string`);
  if (json.idp !== 'entra' && json.idp !== 'okta') fail('"idp" must be "entra" or "okta"');
  if (typeof json.nonStandard !== 'boolean') fail('"nonStandard" must be a boolean');
  if (!Array.isArray(json.steps) || json.steps.length === 0) return fail('"steps" must be a non-empty array');
  json.steps.forEach((step: unknown, i: number) => checkStep(step, (problem) => fail(`step ${i + 1}: ${problem}`)));
  return json as unknown as Scenario;
}

function checkStep(step: unknown, fail: (problem: string) => never): asserts step is ScenarioStep {
  if (!isObject(step) || typeof step.name !== 'string') fail('needs a "name"');
  const { request, expect } = step as Record<string, unknown>;
  if (!isObject(request) || !METHODS.has(String(request.method))) fail('"request.method" must be GET, POST, PUT, PATCH or DELETE');
  if (typeof (request as Record<string, unknown>).path !== 'string' || !String((request as Record<string, unknown>).path).startsWith('/')) {
    fail('"request.path" must start with "/"');
  }
  if (!isObject(expect) || typeof expect.status !== 'number') fail('"expect.status" must be a number');
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

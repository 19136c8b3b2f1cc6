import { partialMatch } from './partial-match';
import type { ReplayClient, ReplayRequest, ReplayResponse } from './replay-client';
import type { Scenario, ScenarioStep } from './scenario';
import { ReplayVars, substitute, valueAt } from './template';

/** The first step whose answer differed from the scenario (the runner stops there). */
export interface ReplayFailure {
  /** 1-based position of the step. */
  readonly index: number;
  readonly step: string;
  readonly request?: ReplayRequest;
  /** Absent when the request could not be built or sent. */
  readonly response?: ReplayResponse;
  /** One line per difference: `status: expected 200, got 400`, `body.active: expected false, got true`. */
  readonly problems: readonly string[];
}

export interface ReplayResult {
  readonly scenario: string;
  readonly passed: boolean;
  /** Steps that matched, before the failure (all of them when passed). */
  readonly stepsPassed: number;
  readonly vars: ReplayVars;
  readonly failure?: ReplayFailure;
  /** A readable report: scenario, step, request, differences and the response body. Empty when passed. */
  readonly message: string;
}

/**
 * Sends the scenario's steps in order through `client`, substituting `{{vars}}`, comparing status, headers
 * and partial bodies, and saving variables. Never throws for a host's wrong answer or a transport error:
 * the result reports the first failing step, so a test can assert that a broken host fails.
 */
export async function replayScenario(scenario: Scenario, client: ReplayClient): Promise<ReplayResult> {
  const vars: ReplayVars = {};
  for (const [i, step] of scenario.steps.entries()) {
    const failure = await replayStep(scenario, step, i + 1, client, vars);
    if (failure !== undefined) return { scenario: scenario.name, passed: false, stepsPassed: i, vars, failure, message: describeFailure(scenario, failure) };
  }
  return { scenario: scenario.name, passed: true, stepsPassed: scenario.steps.length, vars, message: '' };
}

async function replayStep(scenario: Scenario, step: ScenarioStep, index: number, client: ReplayClient, vars: ReplayVars): Promise<ReplayFailure | undefined> {
  const failed = (problems: string[], request?: ReplayRequest, response?: ReplayResponse): ReplayFailure => ({
    index,
    step: step.name,
    problems,
    ...(request === undefined ? {} : { request }),
    ...(response === undefined ? {} : { response }),
  });
  let request: ReplayRequest;
  try {
    request = substitute({ ...step.request, headers: { ...scenario.headers, ...step.request.headers } }, vars) as ReplayRequest;
  } catch (error) {
    return failed([`request: ${(error as Error).message}`]);
  }
  let response: ReplayResponse;
  try {
    response = await client.send(request);
  } catch (error) {
    return failed([`transport: ${(error as Error).message}`], request);
  }
  let problems: string[];
  try {
    problems = compare(step, response, vars);
  } catch (error) {
    problems = [`expect: ${(error as Error).message}`];
  }
  for (const [name, path] of problems.length === 0 ? Object.entries(step.save ?? {}) : []) {
    const value = valueAt(response.body, path);
    if (value === undefined) problems.push(`save ${name}: nothing at ${path}`);
    else vars[name] = value;
  }
  return problems.length === 0 ? undefined : failed(problems, request, response);
}

function compare(step: ScenarioStep, response: ReplayResponse, vars: ReplayVars): string[] {
  const problems: string[] = [];
  if (response.status !== step.expect.status) problems.push(`status: expected ${step.expect.status}, got ${response.status}`);
  for (const [name, wanted] of Object.entries(step.expect.headers ?? {})) {
    const actual = response.headers[name.toLowerCase()];
    const text = Array.isArray(actual) ? actual.join(', ') : actual;
    if (text === undefined || !text.toLowerCase().includes(String(substitute(wanted, vars)).toLowerCase())) {
      problems.push(`header ${name}: expected to contain ${JSON.stringify(wanted)}, got ${JSON.stringify(text)}`);
    }
  }
  if (step.expect.body !== undefined && problems.length === 0) problems.push(...partialMatch(substitute(step.expect.body, vars), response.body));
  return problems;
}

function describeFailure(scenario: Scenario, failure: ReplayFailure): string {
  const lines = [`Scenario "${scenario.name}" failed at step ${failure.index} "${failure.step}"`];
  if (failure.request !== undefined) {
    lines.push(`  request: ${failure.request.method} ${failure.request.path}`);
    if (failure.request.body !== undefined) lines.push(`  request body: ${JSON.stringify(failure.request.body)}`);
  }
  lines.push(...failure.problems.map((p) => `  - ${p}`));
  if (failure.response !== undefined) lines.push(`  response ${failure.response.status}: ${truncate(JSON.stringify(failure.response.body))}`);
  return lines.join('\n');
}

function truncate(text: string | undefined): string {
  if (text === undefined) return '(no body)';
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

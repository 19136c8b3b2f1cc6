/** Expectation marker: the key is present, with any value. */
export const ANY = '<any>';
/** Expectation marker: the key is missing (or undefined). */
export const ABSENT = '<absent>';

/**
 * Differences between `actual` and the partial `expected` (see StepExpectation), one readable line per
 * mismatch, each starting with its path (`body.name.givenName`). Empty when it matches.
 */
export function partialMatch(expected: unknown, actual: unknown, path = 'body'): string[] {
  if (expected === ANY) return actual === undefined ? [`${path}: expected a value, got nothing`] : [];
  if (expected === ABSENT) return actual === undefined ? [] : [`${path}: expected no value, got ${show(actual)}`];
  if (Array.isArray(expected)) return matchArray(expected, actual, path);
  if (typeof expected === 'object' && expected !== null) return matchObject(expected as Record<string, unknown>, actual, path);
  return Object.is(expected, actual) ? [] : [`${path}: expected ${show(expected)}, got ${show(actual)}`];
}

function matchObject(expected: Record<string, unknown>, actual: unknown, path: string): string[] {
  if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
    return [`${path}: expected an object, got ${show(actual)}`];
  }
  const record = actual as Record<string, unknown>;
  return Object.entries(expected).flatMap(([key, value]) => partialMatch(value, record[key], `${path}.${key}`));
}

/** Same length; each expected element matches a distinct actual element (in order when possible). */
function matchArray(expected: readonly unknown[], actual: unknown, path: string): string[] {
  if (!Array.isArray(actual)) return [`${path}: expected an array of ${expected.length}, got ${show(actual)}`];
  if (actual.length !== expected.length) {
    return [`${path}: expected ${expected.length} element(s), got ${actual.length}: ${show(actual)}`];
  }
  const inOrder = expected.flatMap((e, i) => partialMatch(e, actual[i], `${path}[${i}]`));
  if (inOrder.length === 0) return [];
  const unused = new Set(actual.map((_a, i) => i));
  for (const [i, e] of expected.entries()) {
    const hit = [...unused].find((j) => partialMatch(e, actual[j]).length === 0);
    if (hit === undefined) return [`${path}[${i}]: no element matches ${show(e)} in ${show(actual)}`];
    unused.delete(hit);
  }
  return [];
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

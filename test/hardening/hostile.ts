import fc from 'fast-check';
import type { Response } from 'supertest';
import { ERROR } from '../support/scim';
import { TestApp } from '../support/test-app';

/** Runs per property: bounded so one property takes a few seconds per engine. */
export const RUNS = 150;

/** Jest timeout of a test running a property (the default 5 s is too short for a few hundred requests). */
export const PROPERTY_TIMEOUT = 120_000;

/** Every request must be answered within this (no hang); a timeout fails the property. */
export const REQUEST_TIMEOUT = { response: 5_000, deadline: 8_000 };

/** Anything supertest builds: sent with the per-request timeout. */
export interface Sendable extends PromiseLike<Response> {
  timeout(ms: { response: number; deadline: number }): Sendable;
}

export function send(req: Sendable): Promise<Response> {
  return Promise.resolve(req.timeout(REQUEST_TIMEOUT));
}

/** Characters that broke parsers, SQL or storage somewhere: quotes, escapes, LIKE wildcards, NUL, odd Unicode. */
export const NASTY_PIECES = [
  '\u0000',
  "'",
  '"',
  '\\',
  '%',
  '_',
  '\\%',
  "'; DROP TABLE users; --",
  "' OR '1'='1",
  '" or "1" eq "1',
  '/*',
  '*/',
  ':f0',
  '$1',
  '?',
  '\ud83d\ude00',
  '\u{1d54f}',
  '\u202e',
  '\u200f',
  '\u0301',
  'e\u0301',
  '\ud800',
  '\udc00',
  'İ',
  'ß',
  '\ufeff',
  '\ufe0f',
  '\u2028',
  '\n',
  '\t',
  '\u007f',
  'a',
  'Z',
  '0',
  ' ',
];

/** Short text mixing the nasty pieces with arbitrary code points. */
export const nastyText = (maxParts = 8): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.constantFrom(...NASTY_PIECES), fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })), { maxLength: maxParts })
    .map((parts) => parts.join(''));

/** Long values around the column limits (100, 200, 254, 255) and far beyond, in ASCII and in lengthening Unicode. */
export const longText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(35, 36, 64, 65, 100, 101, 200, 201, 254, 255, 256, 300, 5_000, 100_000), fc.constantFrom('x', 'İ', '\ud83d\ude00', 'e\u0301'))
  .map(([length, unit]) => unit.repeat(length));

/** Objects with own `__proto__` / `constructor` keys, as JSON.parse builds them (an object literal would not). */
export const PROTO_VALUES: readonly unknown[] = [
  '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"__proto__":{"__proto__":{"polluted":"yes"}},"value":"x"}',
  '[{"__proto__":{"polluted":"yes"},"value":"a@b.io"}]',
  '{"givenName":"x","__proto__":{"polluted":"yes"}}',
  '{"prototype":{"polluted":"yes"}}',
].map((text) => JSON.parse(text) as unknown);

/** JSON values of every type, including hostile strings and prototype keys. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyText() },
  { weight: 1, arbitrary: longText },
  { weight: 1, arbitrary: fc.constantFrom(...PROTO_VALUES) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, 'True', 'false', [], {}, [null], [[]]) },
);

/** Deeply nested JSON text (arrays or objects), for bodies and values. */
export function nestedJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** The 4xx answer of a SCIM endpoint: SCIM error schema, string status matching the HTTP status. */
export function expectScimClientError(res: Response, scimTypes?: readonly string[]): void {
  const where = `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect({ status: res.status >= 400 && res.status < 500, where }).toEqual({ status: true, where });
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas).toEqual([ERROR]);
  expect(res.body.status).toBe(String(res.status));
  if (scimTypes !== undefined && res.status === 400) expect(scimTypes).toContain(res.body.scimType);
}

/** Either a success status in `ok`, or a SCIM 4xx (of `scimTypes` when 400). Never a 5xx. */
export function expectScimOutcome(res: Response, ok: readonly number[], scimTypes?: readonly string[]): boolean {
  if (ok.includes(res.status)) return true;
  expectScimClientError(res, scimTypes);
  return false;
}

/** Row count of a table, straight from the database. */
export async function countRows(t: TestApp, table: 'users' | 'user_groups' | 'group_members' | 'customers'): Promise<number> {
  const rows: { n: string | number }[] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(rows[0]!.n);
}

/** Snapshot of Object.prototype's own keys, to prove no request polluted the test process. */
export function prototypeKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}

export function expectNoPollution(before: readonly string[]): void {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(prototypeKeys()).toEqual(before);
  expect(Object.getOwnPropertyNames(Array.prototype)).not.toContain('polluted');
}

/**
 * Percent-encodes `text` for a URL. Lone surrogates, which encodeURIComponent refuses, become their
 * (invalid) WTF-8 bytes, so the server gets malformed UTF-8 as a hostile client would send it.
 */
export function percentEncode(text: string): string {
  return text.replace(/\p{Cs}|[^\p{Cs}]+/gu, (part) => {
    if (!/^\p{Cs}$/u.test(part)) return encodeURIComponent(part);
    const unit = part.charCodeAt(0);
    return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
  });
}

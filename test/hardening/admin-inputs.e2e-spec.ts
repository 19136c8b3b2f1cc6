import fc from 'fast-check';
import type { Response } from 'supertest';
import { createCustomer, createGroup, createUser } from '../support/factories';
import { xlsxOf } from '../support/import-files';
import { describeEachEngine, TestApp } from '../support/test-app';
import { anyJson, countRows, expectNoPollution, longText, nastyText, percentEncode, PROPERTY_TIMEOUT, PROTO_VALUES, prototypeKeys, RUNS, send } from './hostile';

jest.setTimeout(PROPERTY_TIMEOUT);

/**
 * The admin API's error: a 4xx JSON body naming the status. Never a 5xx. (Body-parser errors come without
 * `code`: they happen before the admin controllers' filter.)
 */
function expectAdminOutcome(res: Response, ok: readonly number[]): boolean {
  if (ok.includes(res.status)) return true;
  const where = `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  expect({ clientError: res.status >= 400 && res.status < 500, where }).toEqual({ clientError: true, where });
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.body.statusCode).toBe(res.status);
  return false;
}

const text = fc.oneof({ weight: 3, arbitrary: nastyText() }, { weight: 1, arbitrary: longText });
const field = fc.oneof({ weight: 4, arbitrary: text }, { weight: 2, arbitrary: anyJson }, { weight: 1, arbitrary: fc.constantFrom(...PROTO_VALUES) });

/** A valid create body with hostile fields, extra keys and wrong types mixed in. */
const userInput = fc
  .tuple(
    fc.nat(),
    fc.record(
      {
        email: fc.oneof(field, nastyText(4).map((s) => `${s}@example.com`)),
        firstName: field,
        lastName: field,
        gender: fc.oneof(field, fc.constantFrom('female', 'm', 'w', 'robot')),
        academicTitle: field,
        language: field,
        department: field,
        active: fc.oneof(fc.boolean(), anyJson),
        id: field,
        customerId: field,
        source: fc.constantFrom('scim', 'import', 'x'),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([n, fields]) => ({ email: `admin${n}@example.com`, firstName: 'First', lastName: 'Last', ...fields }));

const CELLS = ['\u0000', 'a\u0000b', '"', '""', '"x,y"', ',', ';', '\n', '\r\n', '\ufeff', 'İ'.repeat(100), 'x'.repeat(5000), 'e\u0301', '\ud83d\ude00', '=cmd|" /C calc"!A0', '@SUM(1)', "'; DROP TABLE users; --", 'f', 'Dr.', 'G1;G2', ' '];
const cell = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CELLS) }, { weight: 2, arbitrary: nastyText(4) }, { weight: 1, arbitrary: fc.constant('') });
const HEADERS = ['email', 'firstName', 'lastName', 'gender', 'academicTitle', 'groups', 'E-Mail', 'Vorname', 'constructor', 'toString', '__proto__', 'hasOwnProperty', 'x'];

/** A CSV file: a header (usually the usual one) and rows of hostile cells, quoted or not. */
const csvFile = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constant(['email', 'firstName', 'lastName', 'gender', 'academicTitle', 'groups']) }, { weight: 1, arbitrary: fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 7 }) }),
    fc.array(fc.tuple(fc.nat(), fc.array(fc.option(cell, { nil: undefined, freq: 2 }), { maxLength: 7 }), fc.boolean()), { maxLength: 6 }),
  )
  .map(([header, rows]) => ({
    header,
    rows: rows.map(([n, cells, quoted]) => {
      // Each cell replaces the usual value of its column, or keeps it (undefined).
      const usual = [`csv${n}@example.com`, 'First', 'Last', '', '', ''];
      const row = Array.from({ length: Math.max(usual.length, cells.length) }, (_, i) => cells[i] ?? usual[i] ?? '');
      return quoted ? row.map((c) => `"${c.replace(/"/g, '""')}"`) : row;
    }),
  }));

describeEachEngine('Hardening: hostile admin API input', (ctx) => {
  let t: TestApp;
  let customerId: string;
  let userId: string;
  let protoBefore: string[];

  beforeAll(async () => {
    t = ctx();
    protoBefore = prototypeKeys();
    customerId = (await createCustomer(t)).id;
    userId = (await createUser(t, customerId)).id;
    await createGroup(t, customerId, 'Existing');
  });

  const api = (path: string) => `/api/customers/${customerId}${path}`;

  it('answers POST users with hostile bodies with 201 or a 4xx that wrote nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 5, arbitrary: userInput }, { weight: 1, arbitrary: anyJson }), async (body) => {
        const before = await countRows(t, 'users');
        const res = await send(t.admin(t.http().post(api('/users'))).set('Content-Type', 'application/json').send(JSON.stringify(body)));
        if (expectAdminOutcome(res, [201])) {
          const stored = await send(t.admin(t.http().get(api(`/users/${res.body.id}`))));
          expect(stored.body).toEqual(res.body);
        } else {
          expect(await countRows(t, 'users')).toBe(before);
        }
        expectNoPollution(protoBefore);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers PATCH users with hostile bodies with 200 or a 4xx that changed nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 5, arbitrary: userInput.map(({ email: _email, ...rest }) => rest) }, { weight: 1, arbitrary: anyJson }), async (body) => {
        const before = await send(t.admin(t.http().get(api(`/users/${userId}`))));
        const res = await send(t.admin(t.http().patch(api(`/users/${userId}`))).set('Content-Type', 'application/json').send(JSON.stringify(body)));
        const after = await send(t.admin(t.http().get(api(`/users/${userId}`))));
        if (expectAdminOutcome(res, [200])) expect(after.body).toEqual(res.body);
        else expect(after.text).toBe(before.text);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers customer and group names that are hostile with 201 or a 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), field, async (group, name) => {
        const path = group ? api('/groups') : '/api/customers';
        const table = group ? 'user_groups' : 'customers';
        const before = await countRows(t, table);
        const res = await send(t.admin(t.http().post(path)).set('Content-Type', 'application/json').send(JSON.stringify({ name })));
        if (expectAdminOutcome(res, [201])) expect(res.body.name).toBe(typeof name === 'string' ? name.trim() : name);
        else expect(await countRows(t, table)).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers list queries with hostile search and paging parameters with 200 or 400', async () => {
    const param = fc.tuple(fc.constantFrom('search', 'page', 'pageSize', 'search', 'unknown', '__proto__'), fc.oneof(nastyText(6), fc.constantFrom('1', '0', '-1', '1e20', '99999999999999999999', 'NaN', '201', '')));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/users', '/groups', ''), fc.array(param, { maxLength: 4 }), async (resource, params) => {
        const query = params.map(([k, v]) => `${k}=${percentEncode(v)}`).join('&');
        const path = resource === '' ? `/api/customers?${query}` : `${api(resource)}?${query}`;
        expectAdminOutcome(await send(t.admin(t.http().get(path))), [200]);
      }),
      { numRuns: RUNS },
    );
  });

  it('imports CSV files with hostile cells: a report with the bad rows, or a 4xx; never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, fc.boolean(), async ({ header, rows }, dryRun) => {
        const csv = [header.join(','), ...rows.map((r) => r.join(','))].join('\n');
        const before = await countRows(t, 'users');
        const res = await send(t.admin(t.http().post(api(`/imports?dryRun=${dryRun}`))).attach('file', Buffer.from(csv, 'utf8'), 'users.csv'));
        const after = await countRows(t, 'users');
        if (expectAdminOutcome(res, [200])) expect(after).toBe(dryRun ? before : before + res.body.created);
        else expect(after).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it('imports an .xlsx with hostile cells: a report with the bad rows, or a 4xx; never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async ({ header, rows }) => {
        const file = await xlsxOf([header, ...rows]);
        const before = await countRows(t, 'users');
        const res = await send(t.admin(t.http().post(api('/imports'))).attach('file', file, 'users.xlsx'));
        const after = await countRows(t, 'users');
        if (expectAdminOutcome(res, [200])) expect(after).toBe(before + res.body.created);
        else expect(after).toBe(before);
      }),
      { numRuns: 40 },
    );
  });

  describe('values the database cannot hold are a 400, never a 500 (regressions)', () => {
    it.each([
      ['a NUL in firstName', { firstName: 'a\u0000b' }],
      ['a NUL in the department', { department: '\u0000' }],
      ['a lone surrogate in lastName', { lastName: 'x\ud800' }],
      ['a lone surrogate in the email (validator.js throws on it)', { email: '\ud800@example.com' }],
      ['a lone surrogate in the email domain', { email: 'a@\udc00.example.com' }],
      ['names whose lower-cased key outgrows name_key', { firstName: 'İ'.repeat(100), lastName: 'İ'.repeat(100) }],
      ['a 101-character firstName', { firstName: 'f'.repeat(101) }],
      ['a 65-character academic title', { academicTitle: 't'.repeat(65) }],
    ])('POST and PATCH users refuse %s', async (_what, fields) => {
      const before = await countRows(t, 'users');
      const created = await send(t.admin(t.http().post(api('/users'))).send({ email: 'refused@example.com', firstName: 'F', lastName: 'L', ...fields }));
      expect(created.status).toBe(400);
      expect(created.body.code).toBe('VALIDATION');
      const stored = await send(t.admin(t.http().get(api(`/users/${userId}`))));
      const patched = await send(t.admin(t.http().patch(api(`/users/${userId}`))).send(fields));
      expect(patched.status).toBe(400);
      expect((await send(t.admin(t.http().get(api(`/users/${userId}`))))).text).toBe(stored.text);
      expect(await countRows(t, 'users')).toBe(before);
    });

    it.each([
      ['customer', { name: 'a\u0000b' }, '/api/customers'],
      ['group', { name: 'a\u0000b' }, '/groups'],
      ['group', { name: 'İ'.repeat(101) }, '/groups'],
      ['group', { name: '\udc00' }, '/groups'],
    ])('POST %s refuses the name of %j', async (_what, body, path) => {
      const res = await send(t.admin(t.http().post(path.startsWith('/api') ? path : api(path))).send(body));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION');
    });

    it.each(['a%00b', '%00', '%ED%A0%80'])('answers the search %s with 200 or 400', async (search) => {
      for (const path of [api(`/users?search=${search}`), api(`/groups?search=${search}`)]) {
        expectAdminOutcome(await send(t.admin(t.http().get(path))), [200]);
      }
    });

    it('reports import rows with a NUL or an outgrowing key as failed and imports the others', async () => {
      const csv = [
        'email,firstName,lastName,groups',
        'nul1@example.com,a\u0000b,Last,',
        'nul2@example.com,First,Last,G\u0000',
        `long@example.com,${'İ'.repeat(100)},${'İ'.repeat(100)},`,
        `group@example.com,First,Last,${'İ'.repeat(101)}`,
        'fine@example.com,First,Last,Imported',
      ].join('\n');
      const before = await countRows(t, 'users');
      const res = await send(t.admin(t.http().post(api('/imports'))).attach('file', Buffer.from(csv, 'utf8'), 'users.csv'));
      expect(res.status).toBe(200);
      expect(res.body.created).toBe(1);
      expect(res.body.failed.map((f: { row: number }) => f.row)).toEqual([2, 3, 4, 5]);
      expect(await countRows(t, 'users')).toBe(before + 1);
    });
  });
});

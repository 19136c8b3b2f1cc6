import { Client } from 'pg';
import { ENTERPRISE, MANAGER, USER_SCHEMA } from '../support/scim';
import { Answer, call, enableScimCustomer, ensureBuilt, removeBuild, runPool, ServerProcess, startServer } from '../support/server-process';
import { createTestDatabase, TestDatabase, testEngines } from '../support/test-databases';

jest.setTimeout(120_000);

const TOTAL = 300;
const CONCURRENCY = 8;
const KILL_AFTER = 100;

/** What the test reads of a user row, the same on both engines. */
interface UserRow {
  id: string;
  email: string;
  email_key: string;
  first_name: string;
  last_name: string;
  name_key: string;
  gender: string | null;
  academic_title: string | null;
  language: string | null;
  department: string | null;
  active: boolean | number;
  source: string;
  external_id: string | null;
  scim_user_name: string | null;
  scim_user_name_key: string | null;
  created_at: unknown;
  updated_at: unknown;
  deactivated_at: unknown;
  version: number;
  create_events: number;
}

/** The attributes of create request `i`: mixed case and non-ASCII, so the `*_key` columns differ from them. */
function body(i: number) {
  return {
    schemas: [USER_SCHEMA, ENTERPRISE, MANAGER],
    userName: `crash-${i}@contoso.example`,
    externalId: `crash-ext-${i}`,
    active: true,
    name: { givenName: `Jürgen${i}`, familyName: `ÖZTÜRK-${i}` },
    emails: [{ primary: true, type: 'work', value: `Crash.User${i}@Contoso.Example` }],
    preferredLanguage: 'de-DE',
    [ENTERPRISE]: { department: `Abteilung ${i}` },
    [MANAGER]: { gender: i % 2 === 0 ? 'female' : 'male', academicTitle: `Dr. ${i}` },
  };
}

/** The row request `i` must leave, complete (every column of it), when it left one. */
function expectedRow(i: number) {
  const b = body(i);
  const key = (text: string) => text.normalize('NFC').toLowerCase();
  return {
    email: b.emails[0]!.value,
    email_key: key(b.emails[0]!.value),
    first_name: b.name.givenName,
    last_name: b.name.familyName,
    name_key: key(`${b.name.givenName} ${b.name.familyName}`),
    gender: b[MANAGER].gender,
    academic_title: b[MANAGER].academicTitle,
    language: 'de-DE',
    department: b[ENTERPRISE].department,
    active: true,
    source: 'scim',
    external_id: b.externalId,
    scim_user_name: b.userName,
    scim_user_name_key: key(b.userName),
    deactivated_at: null,
    version: 1,
    create_events: 1,
  };
}

const SELECT_USERS = `SELECT u.*, (SELECT count(*) FROM provisioning_events e WHERE e.resource_id = u.id AND e.action = 'create' AND e.status = 201) AS create_events
  FROM users u WHERE u.customer_id = $customer ORDER BY u.scim_user_name`;

/** The users of a customer, read straight from the database (not through the app). */
async function readUsers(database: TestDatabase, customerId: string): Promise<UserRow[]> {
  if (database.config.engine === 'postgres') {
    const client = new Client({ connectionString: database.config.url });
    await client.connect();
    try {
      const { rows } = await client.query(SELECT_USERS.replace('$customer', '$1'), [customerId]);
      return rows.map((r) => ({ ...r, create_events: Number(r.create_events) }));
    } finally {
      await client.end();
    }
  }
  // better-sqlite3 has no type package here; only this much of it is used.
  const Sqlite = require('better-sqlite3') as new (path: string, options: { readonly: boolean; fileMustExist: boolean }) => {
    prepare(sql: string): { all(params: Record<string, unknown>): Record<string, unknown>[] };
    close(): void;
  };
  const sqlite = new Sqlite(database.config.path, { readonly: true, fileMustExist: true });
  try {
    return sqlite.prepare(SELECT_USERS.replace('$customer', '@customer')).all({ customer: customerId }) as unknown as UserRow[];
  } finally {
    sqlite.close();
  }
}

/** The columns of expectedRow taken from `row`, in that order (booleans are 0/1 on SQLite, counts strings on PostgreSQL). */
function comparable(row: UserRow, expected: Record<string, unknown>) {
  const fields: Record<string, unknown> = Object.fromEntries(Object.keys(expected).map((k) => [k, row[k as keyof UserRow]]));
  return { ...fields, active: row.active === true || row.active === 1, timestamps: row.created_at !== null && row.updated_at !== null };
}

interface Outcome {
  readonly i: number;
  readonly answer?: Answer;
  readonly error?: string;
}

/**
 * The server process killed (SIGKILL) in the middle of a create load, then started again on the same
 * database: every create answered 201 is stored, and no user is half-written (a create's row is complete
 * with its keys and its provisioning event, or absent).
 */
afterAll(() => removeBuild());

for (const engine of testEngines()) {
  describe(`Crash in the middle of a load, then restart [${engine}]`, () => {
    let database: TestDatabase;
    let first: ServerProcess | undefined;
    let second: ServerProcess | undefined;
    let customerId: string;
    let token: string;
    const outcomes: Outcome[] = [];
    let unsent = 0;
    const timings: Record<string, number> = {};

    beforeAll(async () => {
      ensureBuilt();
      database = await createTestDatabase(engine);
    }, 300_000);

    afterAll(async () => {
      await Promise.allSettled([first?.kill('SIGKILL'), second?.stop()]);
      await database?.drop();
    });

    const databaseUrl = () => (database.config.engine === 'postgres' ? database.config.url : `sqlite:${database.config.path}`);
    const users = (server: ServerProcess) => `${server.url}/scim/v2/Users`;

    it(`SIGKILL after ${KILL_AFTER} of ${TOTAL} creates (${CONCURRENCY} at once): the answers before the kill are 201`, async () => {
      let started = Date.now();
      first = await startServer({ databaseUrl: databaseUrl() });
      ({ customerId, token } = await enableScimCustomer(first));
      timings.start = Date.now() - started;

      started = Date.now();
      let answered = 0;
      let killed: Promise<void> | undefined;
      await runPool(
        TOTAL,
        CONCURRENCY,
        async (i) => {
          try {
            const answer = await call('POST', users(first!), token, body(i));
            outcomes.push({ i, answer });
            if (++answered === KILL_AFTER) killed = first!.kill('SIGKILL');
          } catch (error) {
            outcomes.push({ i, error: String((error as { cause?: unknown }).cause ?? error) });
          }
        },
        () => killed !== undefined,
      );
      await killed;
      timings.load = Date.now() - started;
      unsent = TOTAL - outcomes.length;

      expect(first.exit).toEqual({ code: null, signal: 'SIGKILL' });
      const answers = outcomes.filter((o) => o.answer !== undefined);
      expect(answers.length).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(answers.filter((o) => o.answer!.status !== 201).map((o) => `#${o.i}: ${o.answer!.status} ${o.answer!.text.slice(0, 300)}`)).toEqual([]);
      // The kill cut requests off: some got no answer, the rest of the load was never sent.
      expect(unsent).toBeGreaterThan(0);
    });

    it('restarts on the same database: ready, and every 201 user readable with the attributes sent', async () => {
      const started = Date.now();
      second = await startServer({ databaseUrl: databaseUrl() });
      timings.restart = Date.now() - started;
      const ready = await fetch(`${second.url}/health/ready`);
      expect(ready.status).toBe(200);

      const created = outcomes.filter((o) => o.answer?.status === 201);
      const mismatches: string[] = [];
      await runPool(created.length, CONCURRENCY, async (n) => {
        const { i, answer } = created[n]!;
        const read = await call('GET', `${users(second!)}/${answer!.body.id}`, token);
        const b = body(i);
        const got = read.body ?? {};
        const want = {
          status: 200,
          id: answer!.body.id,
          userName: b.userName,
          externalId: b.externalId,
          name: { givenName: b.name.givenName, familyName: b.name.familyName },
          email: b.emails[0]!.value,
          active: true,
          preferredLanguage: b.preferredLanguage,
          department: b[ENTERPRISE].department,
          manager: { gender: b[MANAGER].gender, academicTitle: b[MANAGER].academicTitle },
        };
        const have = {
          status: read.status,
          id: got.id,
          userName: got.userName,
          externalId: got.externalId,
          name: { givenName: got.name?.givenName, familyName: got.name?.familyName },
          email: got.emails?.[0]?.value,
          active: got.active,
          preferredLanguage: got.preferredLanguage,
          department: got[ENTERPRISE]?.department,
          manager: { gender: got[MANAGER]?.gender, academicTitle: got[MANAGER]?.academicTitle },
        };
        if (JSON.stringify(have) !== JSON.stringify(want)) mismatches.push(`#${i}: ${JSON.stringify(have)} ≠ ${JSON.stringify(want)}`);
      });
      expect(mismatches).toEqual([]);
    });

    it('has no half-written user: every row complete (keys, columns, its create event); only requests that were sent left one', async () => {
      const rows = await readUsers(database, customerId);
      const indexOf = (row: UserRow) => Number(/^crash-(\d+)@contoso\.example$/.exec(String(row.scim_user_name))?.[1] ?? NaN);
      const incomplete = rows
        .filter((row) => {
          if (!Number.isInteger(indexOf(row))) return true;
          const expected = { ...expectedRow(indexOf(row)), timestamps: true };
          return JSON.stringify(comparable(row, expected)) !== JSON.stringify(expected);
        })
        .map((row) => JSON.stringify(row));
      expect(incomplete).toEqual([]);

      const byIndex = new Map(rows.map((row) => [indexOf(row), row]));
      expect(byIndex.size).toBe(rows.length);
      const created = outcomes.filter((o) => o.answer?.status === 201);
      // Every 201 stored once, under the id it was answered with.
      expect(created.filter((o) => byIndex.get(o.i)?.id !== o.answer!.body.id).map((o) => o.i)).toEqual([]);
      // No row for a request never sent; a request cut off by the kill may have left one (complete, above).
      const sentIndexes = new Set(outcomes.map((o) => o.i));
      expect([...byIndex.keys()].filter((i) => !sentIndexes.has(i))).toEqual([]);
      const cutOff = outcomes.filter((o) => o.answer === undefined);
      // eslint-disable-next-line no-console
      console.log(
        `[${engine}] ${created.length}×201 before the kill, ${cutOff.length} cut off (${cutOff.filter((o) => byIndex.has(o.i)).length} of them stored), ` +
          `${unsent} never sent; start ${timings.start} ms, load until kill ${timings.load} ms, restart ${timings.restart} ms`,
      );
    });

    it('creates users again after the restart, and an IdP retry of a cut-off create gets one user', async () => {
      const fresh = await call('POST', users(second!), token, body(TOTAL));
      expect(fresh.status).toBe(201);
      const retried = outcomes.filter((o) => o.answer === undefined).map((o) => o.i);
      for (const i of retried) {
        const res = await call('POST', users(second!), token, body(i));
        expect({ i, status: res.status, userName: res.body?.userName }).toEqual({ i, status: 201, userName: body(i).userName });
      }
      const rows = await readUsers(database, customerId);
      const names = rows.map((r) => r.scim_user_name);
      expect(new Set(names).size).toBe(names.length);
      for (const i of [TOTAL, ...retried]) expect(names.filter((n) => n === body(i).userName)).toHaveLength(1);
    });
  });
}

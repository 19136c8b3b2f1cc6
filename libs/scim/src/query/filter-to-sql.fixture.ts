import { randomBytes } from 'node:crypto';
import { DataSource, EntitySchema } from 'typeorm';
import type { AttrPath } from './filter-ast';
import type { ColumnTarget, FilterTargetResolver, SqlDialect } from './filter-to-sql';
import { scimCaseKey } from './sql-values';

/** Test-only: a users table and a membership table on a real engine, and the resolver a host would write. */
export interface UserRow {
  id: string;
  user_name: string;
  user_name_key: string;
  email: string | null;
  email_key: string | null;
  given_name: string | null;
  title: string | null;
  active: boolean;
  updated_at: Date;
  external_id: string | null;
  login_count: number | null;
  department: string | null;
}

interface MembershipRow {
  user_id: string;
  group_id: string;
}

export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const TEST_EXTENSION = 'urn:example:scim:test:2.0:User';
const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';

type Text = string | null;
type Seed = [string, string, Text, Text, Text, boolean, string, Text, number | null, Text, string[]];

// id, userName, email, givenName, title, active, lastModified, externalId, loginCount, department, groups
const SEEDS: Seed[] = [
  ['u01', 'alice', 'alice@example.com', 'Alice', 'Engineer', true, '2025-01-01T10:00:00.000Z', 'EXT-1', 5, 'Sales', ['g1']],
  ['u02', 'ÄLICE', 'Älice@Beispiel.de', 'Älice', 'Manager', true, '2025-03-01T00:00:00.000Z', 'ext-2', 12, 'sales', ['g2']],
  ['u03', 'bob', null, null, null, false, '2025-06-15T12:30:00.500Z', null, null, null, []],
  ['u04', 'carol', 'carol+50%@example.com', 'Carol', '50% off', true, '2024-12-31T23:30:00.000Z', 'ext-4', 0, 'Marketing', ['g1']],
  ['u05', 'dave_b', 'dave_b@example.com', 'Dave', 'a_b', true, '2025-02-01T00:00:00.000Z', 'ext-5', 3, 'Sales', []],
  ['u06', 'daveXb', 'davexb@example.com', 'David', 'aXb', false, '2025-02-01T00:00:00.001Z', 'ext-6', 7, null, ['g3']],
  ['u07', 'back\\slash', null, null, 'C:\\temp', true, '2023-05-05T05:05:05.000Z', null, null, null, []],
  ['u08', "o'brien", 'obrien@example.com', 'Conan', "'; DROP TABLE filter_test_user; --", true, '2025-01-01T09:00:00.000Z', "x' OR '1'='1", 1, 'Sales', []],
  ['u09', 'eve', 'EVE@EXAMPLE.COM', 'Eve', '', true, '2025-01-01T09:30:00.000Z', 'ext-1', 2, 'R&D', ['g2']],
  ['u10', 'frank', 'frank@example.org', 'Frank', 'Engineer', false, '2025-04-01T00:00:00.000Z', 'Ext-10', 100, null, []],
  ['u11', 'grace', 'grace@example.com', 'Grace', null, true, '2025-05-01T00:00:00.000Z', null, null, 'Sales', []],
  ['u12', 'heidi', 'heidi@example.com', 'Heidi', 'Director', true, '2025-05-02T00:00:00.000Z', 'ext-12', 50, 'Support', ['g1', 'g2']],
];

export const ALL_IDS = SEEDS.map(([id]) => id);

function userSchema(dialect: SqlDialect): EntitySchema<UserRow> {
  const optional = { type: String, nullable: true } as const;
  return new EntitySchema<UserRow>({
    name: 'FilterTestUser',
    tableName: 'filter_test_user',
    columns: {
      id: { type: String, primary: true },
      user_name: { type: String },
      user_name_key: { type: String },
      email: optional,
      email_key: optional,
      given_name: optional,
      title: optional,
      active: { type: Boolean },
      updated_at: { type: dialect === 'sqlite' ? 'datetime' : 'timestamptz' },
      external_id: optional,
      login_count: { type: 'integer', nullable: true },
      department: optional,
    },
  });
}

const membershipSchema = new EntitySchema<MembershipRow>({
  name: 'FilterTestMembership',
  tableName: 'filter_test_membership',
  columns: { user_id: { type: String, primary: true }, group_id: { type: String, primary: true } },
});

export interface TestStore {
  readonly dialect: SqlDialect;
  readonly resolver: FilterTargetResolver;
  /** Ids of the users matching `sql`, sorted. */
  select(sql: string, params: Record<string, unknown>): Promise<string[]>;
  close(): Promise<void>;
}

/** Opens an in-memory SQLite store, or a PostgreSQL store in a fresh schema dropped by `close()`. */
export async function openTestStore(dialect: SqlDialect, postgresUrl?: string): Promise<TestStore> {
  const users = userSchema(dialect);
  const schema = `filter_sql_${randomBytes(6).toString('hex')}`;
  const dataSource = new DataSource(
    dialect === 'sqlite'
      ? { type: 'better-sqlite3', database: ':memory:', entities: [users, membershipSchema], synchronize: true }
      : { type: 'postgres', url: postgresUrl, schema, entities: [users, membershipSchema], synchronize: false },
  );
  await dataSource.initialize();
  if (dialect === 'postgres') {
    await dataSource.query(`CREATE SCHEMA "${schema}"`);
    await dataSource.synchronize();
  }
  await seed(dataSource, users);
  const membershipTable = dataSource.getMetadata(membershipSchema).tablePath;
  return {
    dialect,
    resolver: testResolver(membershipTable),
    select: async (sql, params) => {
      const query = dataSource.createQueryBuilder().select('u.id', 'id').from(users, 'u').where(sql, params);
      const rows = await query.orderBy('u.id').getRawMany<{ id: string }>();
      return rows.map((row) => row.id);
    },
    close: async () => {
      if (dialect === 'postgres') await dataSource.query(`DROP SCHEMA "${schema}" CASCADE`);
      await dataSource.destroy();
    },
  };
}

async function seed(dataSource: DataSource, users: EntitySchema<UserRow>): Promise<void> {
  await dataSource.getRepository(users).insert(
    SEEDS.map(([id, userName, email, givenName, title, active, updated, externalId, logins, department]) => ({
      id,
      user_name: userName,
      user_name_key: scimCaseKey(userName),
      email,
      email_key: email === null ? null : scimCaseKey(email),
      given_name: givenName,
      title,
      active,
      updated_at: new Date(updated),
      external_id: externalId,
      login_count: logins,
      department,
    })),
  );
  const memberships = SEEDS.flatMap((row) => row[10].map((group) => ({ user_id: row[0], group_id: group })));
  await dataSource.getRepository(membershipSchema).insert(memberships);
}

const text = (expr: string, caseExact: boolean, keyExpr?: string): ColumnTarget => ({
  kind: 'column',
  expr,
  type: 'string',
  caseExact,
  keyExpr,
});

/** The mapping a host adapter would write: names case-insensitive, the core URN optional. */
function testResolver(membershipTable: string): FilterTargetResolver {
  const email = text('u.email', false, 'u.email_key');
  const targets: Record<string, ColumnTarget> = {
    id: text('u.id', true),
    username: text('u.user_name', false, 'u.user_name_key'),
    emails: email,
    'emails.value': email,
    'emails.type': { kind: 'constant', value: 'work', caseExact: false, presentIf: 'u.email IS NOT NULL' },
    'emails.primary': { kind: 'constant', value: true, caseExact: false, presentIf: 'u.email IS NOT NULL' },
    'name.givenname': text('u.given_name', false),
    title: text('u.title', false),
    externalid: text('u.external_id', true),
    active: { kind: 'column', expr: 'u.active', type: 'boolean', caseExact: false },
    'meta.lastmodified': { kind: 'column', expr: 'u.updated_at', type: 'dateTime', caseExact: false },
    [`${ENTERPRISE}:department`.toLowerCase()]: text('u.department', false),
    [`${TEST_EXTENSION}:loginCount`.toLowerCase()]: {
      kind: 'column',
      expr: 'u.login_count',
      type: 'integer',
      caseExact: false,
    },
    groups: {
      kind: 'exists',
      from: `${membershipTable} m WHERE m.user_id = u.id`,
      resolveSub: (sub) =>
        sub.toLowerCase() === 'value' ? { kind: 'column', expr: 'm.group_id', type: 'string', caseExact: true } : undefined,
    },
  };
  return { resolve: (path: AttrPath) => targets[keyOf(path)] };
}

function keyOf(path: AttrPath): string {
  const uri = path.uri === undefined || path.uri.toLowerCase() === CORE.toLowerCase() ? '' : `${path.uri}:`;
  const sub = path.sub === undefined ? '' : `.${path.sub}`;
  return `${uri}${path.attr}${sub}`.toLowerCase();
}

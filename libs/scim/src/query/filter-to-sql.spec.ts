import { ScimError } from '../errors/scim-error';
import { parseFilter } from './filter-parser';
import { ALL_IDS, ENTERPRISE, TEST_EXTENSION, openTestStore, type TestStore } from './filter-to-sql.fixture';
import { compileFilter, type FilterTargetResolver, type SqlDialect } from './filter-to-sql';

const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const engines: SqlDialect[] = POSTGRES_URL.startsWith('postgres') ? ['sqlite', 'postgres'] : ['sqlite'];

const except = (...ids: string[]) => ALL_IDS.filter((id) => !ids.includes(id));
const WITH_EMAIL = except('u03', 'u07');
const WITH_EXTERNAL_ID = except('u03', 'u07', 'u11');
const LOGINS = `${TEST_EXTENSION}:loginCount`;

const CASES: [string, string[]][] = [
  ['userName eq "alice"', ['u01']],
  ['userName eq "ALICE"', ['u01']],
  ['userName eq "älice"', ['u02']],
  ['userName eq "ÄLICE"', ['u02']],
  ['userName eq "a\\u0308lice"', ['u02']],
  ['userName sw "Äl"', ['u02']],
  ['userName co "LIC"', ['u01', 'u02']],
  ['userName co "e_b"', ['u05']],
  ['userName co "\\\\"', ['u07']],
  ['USERNAME EQ "Frank"', ['u10']],
  ['urn:ietf:params:scim:schemas:core:2.0:User:userName eq "frank"', ['u10']],
  ['userName gt "grace"', ['u02', 'u08', 'u12']],
  ['userName lt "b"', ['u01']],
  ['id eq "u07"', ['u07']],
  ['emails.value co "50%"', ['u04']],
  ['emails co "%"', ['u04']],
  ['title co "a_b"', ['u05']],
  ['title co "C:\\\\temp"', ['u07']],
  ['title co "50%"', ['u04']],
  ['title co "%"', ['u04']],
  ['title ew "--"', ['u08']],
  ['title sw "ENG"', ['u01', 'u10']],
  ['externalId eq "ext-1"', ['u09']],
  ['externalId co "EXT"', ['u01']],
  ['externalId sw "Ext"', ['u10']],
  ['externalId ew "-1"', ['u01', 'u09']],
  ['externalId ew "t-1"', ['u09']],
  ['externalId co ""', WITH_EXTERNAL_ID],
  ['externalId ne null', WITH_EXTERNAL_ID],
  [`externalId eq "x' OR '1'='1"`, ['u08']],
  [`title eq "'; DROP TABLE filter_test_user; --"`, ['u08']],
  ['userName eq "\\" OR 1=1 --"', []],
  ['title pr', except('u03', 'u09', 'u11')],
  ['not (title pr)', ['u03', 'u09', 'u11']],
  ['title eq null', ['u03', 'u09', 'u11']],
  ['title ne "Engineer"', except('u01', 'u10')],
  ['not (title eq "Engineer")', except('u01', 'u10')],
  ['not (title co "e")', ['u03', 'u04', 'u05', 'u06', 'u09', 'u11']],
  ['active eq true', except('u03', 'u06', 'u10')],
  ['active eq false', ['u03', 'u06', 'u10']],
  ['active ne true', ['u03', 'u06', 'u10']],
  ['userName eq "bob" or userName eq "eve" and active eq false', ['u03']],
  ['(userName eq "bob" or userName eq "eve") and active eq true', ['u09']],
  ['not (active eq true or title pr)', ['u03']],
  ['not (not (userName eq "alice"))', ['u01']],
  ['meta.lastModified gt "2025-01-01T09:30:00+01:00"', except('u04', 'u07')],
  ['meta.lastModified lt "2025-01-01T10:00:00+01:00"', ['u04', 'u07']],
  ['meta.lastModified le "2025-01-01T10:00:00+01:00"', ['u04', 'u07', 'u08']],
  ['meta.lastModified eq "2025-01-01T09:00:00Z"', ['u08']],
  ['meta.lastModified eq "2025-01-01T04:00:00-05:00"', ['u08']],
  ['meta.lastModified ge "2025-02-01T00:00:00.001Z"', ['u02', 'u03', 'u06', 'u10', 'u11', 'u12']],
  ['meta.lastModified gt "2025-06-15T12:30:00.499Z"', ['u03']],
  ['meta.lastModified gt "2025-06-15T12:30:00.500Z"', []],
  ['emails[type eq "work" and value co "@example.com"]', ['u01', 'u04', 'u05', 'u06', 'u08', 'u09', 'u11', 'u12']],
  ['emails[type eq "work"].value eq "EVE@example.com"', ['u09']],
  ['emails[type eq "work"].value pr', WITH_EMAIL],
  ['emails[type eq "home"]', []],
  ['emails[not (type eq "home")]', WITH_EMAIL],
  ['emails[primary eq true]', WITH_EMAIL],
  ['emails.type eq "WORK"', WITH_EMAIL],
  ['not (emails.type eq "work")', ['u03', 'u07']],
  ['emails.type ne "work"', ['u03', 'u07']],
  ['emails.value eq null', ['u03', 'u07']],
  ['groups.value eq "g1"', ['u01', 'u04', 'u12']],
  ['groups eq "g2"', ['u02', 'u09', 'u12']],
  ['groups[value eq "g1" or value eq "g3"]', ['u01', 'u04', 'u06', 'u12']],
  ['groups pr', ['u01', 'u02', 'u04', 'u06', 'u09', 'u12']],
  ['not (groups pr)', ['u03', 'u05', 'u07', 'u08', 'u10', 'u11']],
  ['groups[value eq "g1"] and groups[value eq "g2"]', ['u12']],
  ['not (groups.value eq "g1")', except('u01', 'u04', 'u12')],
  ['userName sw "" and not (emails[value ew ".org"] or groups pr)', ['u03', 'u05', 'u07', 'u08', 'u11']],
  ['name.givenName eq "dave"', ['u05']],
  ['name.givenName sw "D"', ['u05', 'u06']],
  [`${ENTERPRISE}:department eq "sales"`, ['u01', 'u02', 'u05', 'u08', 'u11']],
  [`${LOGINS} gt 5`, ['u02', 'u06', 'u10', 'u12']],
  [`${LOGINS} le 1.5`, ['u04', 'u08']],
  [`${LOGINS} eq 0`, ['u04']],
];

const INVALID: [string, RegExp][] = [
  ['nickName eq "x"', /Unknown attribute "nickName"/],
  ['groups.display eq "x"', /Unknown attribute "groups.display"/],
  ['emails[nick eq "x"]', /Unknown attribute "emails.nick"/],
  ['active gt true', /"gt" is not allowed on the boolean attribute "active"/],
  ['active co "t"', /not a boolean/],
  ['active eq "true"', /not a boolean/],
  [`${LOGINS} eq "5"`, /not a number/],
  [`${LOGINS} co 5`, /applies to strings only/],
  ['userName eq 5', /not a string/],
  ['userName gt null', /cannot compare "userName" with null/],
  ['meta.lastModified gt "yesterday"', /xsd:dateTime/],
  ['meta.lastModified gt "2025-02-30T00:00:00Z"', /xsd:dateTime/],
  ['meta.lastModified co "2025"', /xsd:dateTime|applies to strings only/],
  ['emails.type gt 1', /not a string/],
  ['emails.primary co "t"', /not a boolean/],
  ['emails.primary gt true', /not allowed on the boolean/],
];

describe(compileFilter.name, () => {
  describe.each(engines)('on %s', (dialect) => {
    let store: TestStore;
    beforeAll(async () => {
      store = await openTestStore(dialect, POSTGRES_URL);
    });
    afterAll(async () => {
      await store?.close();
    });

    it.each(CASES)('%s', async (filter, expected) => {
      const { sql, params } = compileFilter(parseFilter(filter), store.resolver, dialect);
      await expect(store.select(sql, params)).resolves.toEqual(expected);
    });

    it.each(INVALID)('rejects %s', (filter, detail) => {
      const error = captureError(() => compileFilter(parseFilter(filter), store.resolver, dialect));
      expect(error).toBeInstanceOf(ScimError);
      expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter', message: expect.stringMatching(detail) });
    });

    it('keeps a 300-clause or-chain flat and runs it', async () => {
      const chain = Array.from({ length: 300 }, (_, i) => `id eq "v${i}"`).join(' or ');
      const { sql, params } = compileFilter(parseFilter(chain, { maxLength: 10_000 }), store.resolver, dialect);
      expect(sql.startsWith('((')).toBe(false);
      await expect(store.select(sql, params)).resolves.toEqual([]);
    });
  });

  describe('sub-query limit', () => {
    const resolver: FilterTargetResolver = {
      resolve: (path) =>
        path.attr === 'groups'
          ? { kind: 'exists', from: 'gm WHERE gm.u = t.id', resolveSub: () => ({ kind: 'column', expr: 'gm.g', type: 'string', caseExact: true }) }
          : undefined,
    };
    const chain = (term: string, n: number, joiner: string) => Array.from({ length: n }, () => term).join(joiner);

    it.each(['groups pr', 'groups.value eq "g"', 'groups[value eq "g"]', 'not (groups pr)', 'groups eq null'])(
      'accepts %s ten times and refuses it eleven times (PostgreSQL plans ANDed EXISTS in steeply growing time)',
      (term) => {
        for (const joiner of [' and ', ' or ']) {
          expect(() => compileFilter(parseFilter(chain(term, 10, joiner)), resolver, 'postgres')).not.toThrow();
          expect(captureError(() => compileFilter(parseFilter(chain(term, 11, joiner)), resolver, 'postgres'))).toMatchObject({
            scimType: 'invalidFilter',
            message: expect.stringMatching(/more than 10 times.*groups\[value eq "a" or value eq "b"\]/),
          });
        }
      },
    );

    it('counts one value filter with many clauses as one sub-query', () => {
      const inner = Array.from({ length: 50 }, (_, i) => `value eq "g${i}"`).join(' or ');
      expect(compileFilter(parseFilter(`groups[${inner}]`), resolver, 'postgres').sql.match(/EXISTS/g)).toHaveLength(1);
    });
  });

  describe('parameters', () => {
    const resolver: FilterTargetResolver = {
      resolve: () => ({ kind: 'column', expr: 't.c', type: 'string', caseExact: true }),
    };

    it('names parameters uniquely with the given prefix', () => {
      const { sql, params } = compileFilter(parseFilter('a eq "x" or b eq "y"'), resolver, 'postgres', 'q_');
      expect(sql).toBe('(t.c = :q_0 OR t.c = :q_1)');
      expect(params).toEqual({ q_0: 'x', q_1: 'y' });
    });

    it('never inlines values into SQL', () => {
      const { sql } = compileFilter(parseFilter(`a co "'); DROP TABLE t; --"`), resolver, 'postgres');
      expect(sql).toBe("t.c LIKE :f0 ESCAPE '\\'");
    });

    it.each(['', '1x', 'a-b', 'a:b'])('refuses the parameter prefix %j', (prefix) => {
      expect(() => compileFilter(parseFilter('a pr'), resolver, 'sqlite', prefix)).toThrow(/prefix/);
    });
  });
});

function captureError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

import { ScimError } from '../errors/scim-error';
import type { AttrPath, CompareOp, FilterNode, FilterValue, PatchPath } from './filter-ast';
import { parseFilter, parsePatchPath } from './filter-parser';

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** `'name.givenName'` → `{attr:'name', sub:'givenName'}`; pass an object for URN-qualified paths. */
const p = (path: string | AttrPath): AttrPath => {
  if (typeof path !== 'string') return path;
  const [attr, sub] = path.split('.');
  return sub === undefined ? { attr } : { attr, sub };
};
const cmp = (op: CompareOp, path: string | AttrPath, value: FilterValue): FilterNode => ({
  kind: 'compare',
  op,
  path: p(path),
  value,
});
const eq = (path: string | AttrPath, value: FilterValue) => cmp('eq', path, value);
const pr = (path: string | AttrPath): FilterNode => ({ kind: 'present', path: p(path) });
const and = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'and', left, right });
const or = (left: FilterNode, right: FilterNode): FilterNode => ({ kind: 'or', left, right });
const not = (operand: FilterNode): FilterNode => ({ kind: 'not', operand });
const vp = (path: string | AttrPath, filter: FilterNode): FilterNode => ({ kind: 'valuePath', path: p(path), filter });

const ISO = '2011-05-13T04:42:34Z';

describe(parseFilter.name, () => {
  it.each<[string, FilterNode]>([
    ['userName eq "bjensen"', eq('userName', 'bjensen')],
    [`name.familyName co "O'Malley"`, cmp('co', 'name.familyName', "O'Malley")],
    ['userName sw "J"', cmp('sw', 'userName', 'J')],
    ['userName ew "n"', cmp('ew', 'userName', 'n')],
    [`${CORE}:userName sw "J"`, cmp('sw', { uri: CORE, attr: 'userName' }, 'J')],
    [`${CORE}:name.givenName eq "x"`, eq({ uri: CORE, attr: 'name', sub: 'givenName' }, 'x')],
    ['title pr', pr('title')],
    [`meta.lastModified gt "${ISO}"`, cmp('gt', 'meta.lastModified', ISO)],
    [`meta.lastModified ge "${ISO}"`, cmp('ge', 'meta.lastModified', ISO)],
    [`meta.lastModified lt "${ISO}"`, cmp('lt', 'meta.lastModified', ISO)],
    [`meta.lastModified le "${ISO}"`, cmp('le', 'meta.lastModified', ISO)],
    ['userName ne "x"', cmp('ne', 'userName', 'x')],
    ['title pr and userType eq "Employee"', and(pr('title'), eq('userType', 'Employee'))],
    ['title pr or userType eq "Intern"', or(pr('title'), eq('userType', 'Intern'))],
    [`schemas eq "${ENTERPRISE}"`, eq('schemas', ENTERPRISE)],
    [
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      and(eq('userType', 'Employee'), or(cmp('co', 'emails', 'example.com'), cmp('co', 'emails.value', 'example.org'))),
    ],
    [
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      and(
        cmp('ne', 'userType', 'Employee'),
        not(or(cmp('co', 'emails', 'example.com'), cmp('co', 'emails.value', 'example.org'))),
      ),
    ],
    ['userType eq "Employee" and (emails.type eq "work")', and(eq('userType', 'Employee'), eq('emails.type', 'work'))],
    [
      'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      and(eq('userType', 'Employee'), vp('emails', and(eq('type', 'work'), cmp('co', 'value', '@example.com')))),
    ],
    [
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      or(
        vp('emails', and(eq('type', 'work'), cmp('co', 'value', '@example.com'))),
        vp('ims', and(eq('type', 'xmpp'), cmp('co', 'value', '@foo.com'))),
      ),
    ],
    [`${ENTERPRISE}:department eq "Sales"`, eq({ uri: ENTERPRISE, attr: 'department' }, 'Sales')],
    [`${ENTERPRISE}:manager.value eq "m1"`, eq({ uri: ENTERPRISE, attr: 'manager', sub: 'value' }, 'm1')],
    [`${CORE}:emails[type eq "work"]`, vp({ uri: CORE, attr: 'emails' }, eq('type', 'work'))],
    ['members.$ref eq "https://h/Users/1"', eq('members.$ref', 'https://h/Users/1')],
    ['members[$ref eq "x"]', vp('members', eq('$ref', 'x'))],
    ['members[value eq "id1"]', vp('members', eq('value', 'id1'))],
    ['userName EQ "x"', eq('userName', 'x')],
    ['title Pr', pr('title')],
    ['a pr And b pr', and(pr('a'), pr('b'))],
    ['a pr OR b pr', or(pr('a'), pr('b'))],
    ['NOT (a pr)', not(pr('a'))],
    ['not(a pr)', not(pr('a'))],
    ['displayName eq "say \\"hi\\""', eq('displayName', 'say "hi"')],
    ['displayName eq "C:\\\\temp"', eq('displayName', 'C:\\temp')],
    ['displayName eq "\\u00e9t\\u00e9"', eq('displayName', 'été')],
    ['name.givenName eq "Bärbel"', eq('name.givenName', 'Bärbel')],
    ['title eq null', eq('title', null)],
    ['title eq NULL', eq('title', null)],
    ['active eq true', eq('active', true)],
    ['active eq False', eq('active', false)],
    ['age gt 10', cmp('gt', 'age', 10)],
    ['x eq -1.5', eq('x', -1.5)],
    ['x eq 1e3', eq('x', 1000)],
    ['x eq 2.5E-2', eq('x', 0.025)],
    ['x eq 0', eq('x', 0)],
    ['title eq "and"', eq('title', 'and')],
    ['userName eq ""', eq('userName', '')],
    ['userName eq "x y (z) [w] or"', eq('userName', 'x y (z) [w] or')],
    ['  userName \t eq\n"x"  ', eq('userName', 'x')],
    ['x-custom_1 eq "y"', eq('x-custom_1', 'y')],
    ['((userName eq "a"))', eq('userName', 'a')],
    ['(a eq 1 or (b eq 2 and (c eq 3)))', or(eq('a', 1), and(eq('b', 2), eq('c', 3)))],
    ['emails[type eq "work"].value eq "x"', vp('emails', and(eq('type', 'work'), eq('value', 'x')))],
    ['emails[type eq "work"].value pr', vp('emails', and(eq('type', 'work'), pr('value')))],
    [
      'emails[type eq "work"].value co "@x.com" and active eq true',
      and(vp('emails', and(eq('type', 'work'), cmp('co', 'value', '@x.com'))), eq('active', true)),
    ],
    ['not (emails[type eq "work"])', not(vp('emails', eq('type', 'work')))],
    ['emails[not (type eq "home")]', vp('emails', not(eq('type', 'home')))],
    [
      'emails[(type eq "a" or type eq "b") and primary eq true]',
      vp('emails', and(or(eq('type', 'a'), eq('type', 'b')), eq('primary', true))),
    ],
  ])('parses %s', (text, tree) => {
    expect(parseFilter(text)).toEqual(tree);
  });

  describe('precedence', () => {
    it.each<[string, FilterNode]>([
      ['a pr or b pr and c pr', or(pr('a'), and(pr('b'), pr('c')))],
      ['a pr and b pr or c pr', or(and(pr('a'), pr('b')), pr('c'))],
      ['(a pr or b pr) and c pr', and(or(pr('a'), pr('b')), pr('c'))],
      ['a pr or b pr or c pr', or(or(pr('a'), pr('b')), pr('c'))],
      ['a pr and b pr and c pr', and(and(pr('a'), pr('b')), pr('c'))],
      ['not (a pr) and b pr', and(not(pr('a')), pr('b'))],
      ['not (a pr) or b pr and c pr', or(not(pr('a')), and(pr('b'), pr('c')))],
      ['a pr and not (b pr or c pr)', and(pr('a'), not(or(pr('b'), pr('c'))))],
      ['a pr or b pr and c pr or d pr', or(or(pr('a'), and(pr('b'), pr('c'))), pr('d'))],
      ['emails[type pr or primary pr] and a pr', and(vp('emails', or(pr('type'), pr('primary'))), pr('a'))],
    ])('parses %s', (text, tree) => {
      expect(parseFilter(text)).toEqual(tree);
    });
  });

  describe('invalid input', () => {
    it.each([
      ['', /empty/],
      ['   ', /empty/],
      ['userName eq', /Expected a value after "eq" but found end of input/],
      ['userName eq "a" and', /end of input/],
      ['userName eq "a" or', /end of input/],
      ['userName zz "x"', /Unknown operator "zz" at position 10/],
      ['userName eq abc', /Unquoted value "abc" at position 13/],
      ['userName eq 01', /Unquoted value/],
      ['title pr "x"', /Unexpected string "x" at position 10/],
      ['userName eq "abc', /Unterminated string starting at position 13/],
      ['userName eq "bad \\q escape"', /Invalid string literal .* position 13/],
      ['userName eq 1e999', /out of range/],
      ['(userName eq "a"', /Expected "\)" to close "\(" at position 1/],
      ['userName eq "a")', /Unexpected "\)" at position 16/],
      ['()', /position 2/],
      ['emails[type eq "work"].', /sub-attribute name after "\]\." at position 23/],
      ['emails[type eq "work"].value', /operator after/],
      ['emails[type eq "work"] .value eq "x"', /Unexpected ".value" at position 24/],
      ['emails[type eq "work"', /Expected "\]" to close "\[" at position 7/],
      ['emails[type eq "work" and roles[value eq "x"]]', /Nested "\["/],
      ['name.givenName[value eq "x"]', /multi-valued/],
      [`emails[${ENTERPRISE}:x eq "a"]`, /only a sub-attribute name/],
      ['emails[value.x eq "a"]', /only a sub-attribute name/],
      ['and', /attribute path/],
      ['userName eq "a" and or b pr', /attribute path but found "or" at position 21/],
      ['userName', /operator after "userName"/],
      ['userName eq "a" userName eq "b"', /Unexpected "userName" at position 17/],
      ['not userName eq "a"', /Expected "\(" after "not" at position 1/],
      ['name.givenName.x eq "a"', /Invalid attribute path/],
      ['1abc eq "x"', /Invalid attribute path/],
      ['foo:bar eq "x"', /Invalid attribute path/],
      ['userName # "x"', /Unexpected character "#" at position 10/],
      ["userName eq 'single'", /Unexpected character "'"/],
      ['userName eq "a" [', /Unexpected "\[" at position 17/],
      ['userName eq "a\\u0000b"', /position 13 contains a NUL character or a lone surrogate/],
      ['userName co "\\ud800"', /lone surrogate/],
      ['userName co "x\\udc00"', /lone surrogate/],
    ])('rejects %j', (text, detail) => {
      const error = captureError(() => parseFilter(text));
      expect(error).toBeInstanceOf(ScimError);
      expect(error).toMatchObject({ status: 400, scimType: 'invalidFilter' });
      expect((error as ScimError).detail).toMatch(detail);
    });
  });

  it('accepts an escaped surrogate pair, which is one astral character', () => {
    expect(parseFilter('userName eq "\\ud83d\\ude00"')).toMatchObject({ kind: 'compare', value: '\u{1f600}' });
  });

  describe('limits', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}a pr${')'.repeat(depth)}`;
    const notNested = (depth: number) => `${'not ('.repeat(depth)}a pr${')'.repeat(depth)}`;

    it.each([
      ['a 5,000-character filter', `userName eq "${'x'.repeat(4986)}"`, /longer than 4096/, {}],
      ['60 nested parentheses', nested(60), /deeper than 50 levels at position 51/, {}],
      ['60 nested not', notNested(60), /deeper than 50/, {}],
      ['10,000 nested parentheses (length cap)', nested(10_000), /longer than 4096/, {}],
      ['10,000 nested parentheses (depth cap)', nested(10_000), /deeper than 50/, { maxLength: 1e6 }],
      ['a custom length', 'userName eq "abc"', /longer than 10/, { maxLength: 10 }],
      ['a custom depth', nested(3), /deeper than 2/, { maxDepth: 2 }],
    ])('rejects %s quickly', (_label, text, detail, limits) => {
      const started = performance.now();
      expect(() => parseFilter(text, limits)).toThrow(detail);
      expect(performance.now() - started).toBeLessThan(100);
    });

    it('turns stack exhaustion into invalidFilter when a caller lifts both caps', () => {
      const error = captureError(() => parseFilter(nested(200_000), { maxLength: 1e7, maxDepth: 1e7 }));
      expect(error).toMatchObject({ scimType: 'invalidFilter' });
    });

    it('accepts 50 nested parentheses and a long flat chain in linear time', () => {
      expect(parseFilter(nested(50))).toEqual(pr('a'));
      const chain = Array.from({ length: 300 }, (_, i) => `a${i} pr`).join(' or ');
      const started = performance.now();
      expect(parseFilter(chain).kind).toBe('or');
      expect(performance.now() - started).toBeLessThan(100);
    });
  });
});

describe(parsePatchPath.name, () => {
  it.each<[string, PatchPath]>([
    ['userName', { path: p('userName') }],
    ['name.givenName', { path: p('name.givenName') }],
    [`${ENTERPRISE}:department`, { path: { uri: ENTERPRISE, attr: 'department' } }],
    [`${ENTERPRISE}:manager`, { path: { uri: ENTERPRISE, attr: 'manager' } }],
    [`${ENTERPRISE}:manager.value`, { path: { uri: ENTERPRISE, attr: 'manager', sub: 'value' } }],
    ['members[value eq "2819c223"]', { path: p('members'), filter: eq('value', '2819c223') }],
    ['members[value eq "a\\"b"]', { path: p('members'), filter: eq('value', 'a"b') }],
    ['emails[type eq "work"].value', { path: p('emails'), filter: eq('type', 'work'), subAfterFilter: 'value' }],
    [
      'addresses[type eq "work" and primary eq true].streetAddress',
      { path: p('addresses'), filter: and(eq('type', 'work'), eq('primary', true)), subAfterFilter: 'streetAddress' },
    ],
  ])('parses %s', (text, expected) => {
    expect(parsePatchPath(text)).toEqual(expected);
  });

  it.each([
    '',
    'emails[type eq "work"].',
    'emails[type eq',
    'emails[type zz "work"]',
    'name..givenName',
    'emails[type eq "work"] x',
    'emails[type eq "work"].value.x',
    'members[value eq "x"][0]',
    'emails.value eq "x"',
    '__proto__.x',
    'constructor.prototype.x',
    '"userName"',
    'members[value eq "\\u0000"]',
  ])('rejects %j with invalidPath', (text) => {
    expect(captureError(() => parsePatchPath(text))).toMatchObject({ status: 400, scimType: 'invalidPath' });
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

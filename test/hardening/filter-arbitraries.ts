import fc from 'fast-check';
import { ENTERPRISE, MANAGER, USER_SCHEMA } from '../support/scim';
import { nastyText } from './hostile';

/** Filter generators for filters.e2e-spec.ts: grammar-shaped, garbage, deep and long. */

export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const MAX_LENGTH = 4096;
export const MAX_DEPTH = 50;

const USER_PATHS = [
  'userName', 'USERNAME', 'name.givenName', 'Name.FamilyName', 'name.formatted', 'displayName', 'emails', 'emails.value',
  'emails.type', 'emails.primary', 'active', 'externalId', 'id', 'preferredLanguage', 'locale', 'meta.created',
  'meta.lastModified', 'meta.resourceType', 'groups', 'groups.value', 'groups.display', `${ENTERPRISE}:department`,
  `${MANAGER}:gender`, `${USER_SCHEMA}:userName`, `${USER_SCHEMA}:name.givenName`, 'nickName', 'title', '__proto__',
  'constructor', 'toString', 'hasOwnProperty', 'constructor.prototype', 'name.__proto__', 'urn:x:y:z', 'a.b.c', '1',
];
const GROUP_PATHS = [
  'displayName', 'members', 'members.value', 'members.display', 'members.type', 'externalId', 'id', 'meta.created',
  `${GROUP_SCHEMA}:displayName`, 'nope', '__proto__', 'constructor.prototype',
];
const OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Co', 'sW', 'zz', '=', 'like'];
const LITERALS = ['true', 'false', 'null', 'True', '0', '-1', '1.5', '1e400', '-1e-400', '1E5', '"2000-01-01T00:00:00Z"', '"2024-02-30T00:00:00Z"', '"9999-12-31T23:59:59+14:00"', "'x'", 'x', '""'];

const value = fc.oneof(
  { weight: 4, arbitrary: nastyText().map((s) => JSON.stringify(s)) },
  { weight: 2, arbitrary: fc.constantFrom(...LITERALS) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: nastyText().map((s) => `"${s}"`) },
);

interface Vocabulary {
  /** Any paths, valid or not. */
  readonly paths: readonly string[];
  /** String attributes of the resource: with a string operand and a string operator the leaf is valid. */
  readonly strings: readonly string[];
  /** A multi-valued attribute and its string sub-attributes, for valid `attr[...]` terms. */
  readonly multi: readonly [string, readonly string[]];
}

export const USERS: Vocabulary = {
  paths: USER_PATHS,
  strings: ['userName', 'name.givenName', 'name.familyName', 'displayName', 'emails.value', 'emails.type', 'externalId', 'id', 'preferredLanguage', `${ENTERPRISE}:department`, `${MANAGER}:gender`, 'groups.display', 'groups.value'],
  multi: ['emails', ['value', 'type']],
};
export const GROUPS: Vocabulary = {
  paths: GROUP_PATHS,
  strings: ['displayName', 'externalId', 'id', 'members.value', 'members.display'],
  multi: ['members', ['value', 'display']],
};
const STRING_OPS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'Co', 'sW'];

/**
 * Filters in the grammar's shape: mostly valid leaves (a string attribute, a string operator, a hostile string
 * operand), mixed with arbitrary paths, operators and operands that are often invalid.
 */
export function grammarFilter(vocabulary: Vocabulary): fc.Arbitrary<string> {
  const stringOperand = nastyText().map((s) => JSON.stringify(s));
  const validCompare = fc.tuple(fc.constantFrom(...vocabulary.strings), fc.constantFrom(...STRING_OPS), stringOperand).map(([p, o, v]) => `${p} ${o} ${v}`);
  const anyCompare = fc.tuple(fc.constantFrom(...vocabulary.paths), fc.constantFrom(...OPS), value).map(([p, o, v]) => `${p} ${o} ${v}`);
  const present = fc.tuple(fc.constantFrom(...vocabulary.paths), fc.constantFrom('pr', 'PR', 'Pr')).map(([p, o]) => `${p} ${o}`);
  const [multi, subs] = vocabulary.multi;
  const subLeaf = fc.tuple(fc.constantFrom(...subs), fc.constantFrom(...STRING_OPS), stringOperand).map(([p, o, v]) => `${p} ${o} ${v}`);
  const subFilter = fc.array(subLeaf, { minLength: 1, maxLength: 3 }).chain((leaves) => fc.constantFrom(leaves.join(' and '), leaves.join(' or '), `not (${leaves.join(' or ')})`));
  const valuePath = subFilter.map((inner) => `${multi}[${inner}]`);
  const { filter } = fc.letrec<{ filter: string; term: string }>((tie) => ({
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('term'),
      fc.tuple(tie('term'), fc.constantFrom(' and ', ' or ', ' AND ', ' Or '), tie('filter')).map(([l, o, r]) => `${l}${o}${r}`),
    ),
    term: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { weight: 6, arbitrary: validCompare },
      { weight: 2, arbitrary: valuePath },
      { weight: 1, arbitrary: anyCompare },
      { weight: 1, arbitrary: present },
      { weight: 1, arbitrary: tie('filter').map((inner) => `(${inner})`) },
      { weight: 1, arbitrary: tie('filter').map((inner) => `not (${inner})`) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...vocabulary.paths), tie('filter')).map(([p, inner]) => `${p}[${inner}]`) },
    ),
  }));
  return filter;
}

const garbageUnit = fc.constantFrom('(', ')', '[', ']', '"', '\\', ' ', 'and', 'or', 'not', 'eq', 'pr', '.', ':', 'userName', 'emails', '\u0000', '%', "'", ';', '--', 'é', '\ud800', '\u{1f600}');
export const garbage = fc.oneof(fc.string({ unit: garbageUnit, maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ maxLength: 60 }));

/** Nesting around the depth limit, by parentheses, `not (` or value brackets. */
export const deep = fc
  .tuple(fc.integer({ min: MAX_DEPTH - 3, max: MAX_DEPTH + 3 }), fc.constantFrom('paren', 'not', 'mixed'))
  .map(([depth, kind]) => {
    const open = (i: number) => (kind === 'paren' || (kind === 'mixed' && i % 2 === 0) ? '(' : 'not (');
    const opens = Array.from({ length: depth }, (_, i) => open(i)).join('');
    return { text: `${opens}userName pr${')'.repeat(depth)}`, depth };
  });

/** Chains padded to lengths around the 4096-character limit; `subquery`: each term is an EXISTS on Users. */
const TERMS = [
  { term: 'id pr', users: true, groups: true, subquery: false },
  { term: 'userName eq "x"', users: true, groups: false, subquery: false },
  { term: 'emails[value co "%"]', users: true, groups: false, subquery: false },
  { term: 'name.givenName co "\\"\\\\"', users: true, groups: false, subquery: false },
  { term: 'groups pr', users: true, groups: false, subquery: true },
  { term: 'members.value eq "x"', users: false, groups: true, subquery: true },
];
export const long = fc
  .tuple(fc.integer({ min: MAX_LENGTH - 20, max: MAX_LENGTH + 20 }), fc.constantFrom(...TERMS), fc.constantFrom(' or ', ' and '))
  .map(([length, term, joiner]) => {
    const count = Math.floor((length + joiner.length) / (term.term.length + joiner.length));
    const chain = Array.from({ length: count }, () => term.term).join(joiner);
    return { ...term, text: chain + ' '.repeat(length - chain.length) };
  });

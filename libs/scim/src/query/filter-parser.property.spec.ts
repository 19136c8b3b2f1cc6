import fc from 'fast-check';
import { parse as referenceParse, type Filter as ReferenceFilter } from 'scim2-parse-filter';
import { formatAttrPath } from './attr-path-syntax';
import type { FilterNode } from './filter-ast';
import { parseFilter } from './filter-parser';

/** Boolean structure both parsers must agree on: n-ary and/or with leaves written as text. */
type Shape = string | { readonly op: 'and' | 'or'; readonly items: readonly Shape[] };

function flatten(op: 'and' | 'or', items: readonly Shape[]): Shape {
  return { op, items: items.flatMap((item) => (typeof item !== 'string' && item.op === op ? item.items : [item])) };
}

function leaf(path: string, op: string, value?: unknown): string {
  return value === undefined ? `${path} ${op}` : `${path} ${op} ${JSON.stringify(value)}`;
}

function ownShape(node: FilterNode): Shape {
  switch (node.kind) {
    case 'and':
    case 'or':
      return flatten(node.kind, [ownShape(node.left), ownShape(node.right)]);
    case 'compare':
      return leaf(formatAttrPath(node.path), node.op, node.value);
    case 'present':
      return leaf(formatAttrPath(node.path), 'pr');
    default:
      throw new Error(`outside the compared subset: ${node.kind}`);
  }
}

function referenceShape(filter: ReferenceFilter): Shape {
  if (filter.op === 'and' || filter.op === 'or') return flatten(filter.op, filter.filters.map(referenceShape));
  if (filter.op === 'pr') return leaf(filter.attrPath, 'pr');
  if ('compValue' in filter) return leaf(filter.attrPath, filter.op, filter.compValue);
  throw new Error(`outside the compared subset: ${filter.op}`);
}

/** Where scim2-parse-filter is correct: plain paths, eq/ne/co/sw/gt/pr, and/or, parentheses, no backslashes. */
const path = fc.constantFrom('userName', 'title', 'name.givenName', 'emails.value', 'x1', 'display-name');
const op = fc.constantFrom('eq', 'EQ', 'ne', 'co', 'Co', 'sw', 'gt');
const unit = fc.constantFrom('a', 'Z', '0', ' ', '(', ')', '[', ']', 'é', '@', '.', '-', 'and', 'or');
const text = fc.string({ unit, maxLength: 8 });
const comparison = fc.tuple(path, op, text).map(([p, o, v]) => `${p} ${o} ${JSON.stringify(v)}`);
const presence = fc.tuple(path, fc.constantFrom('pr', 'PR')).map(([p, o]) => `${p} ${o}`);
const logical = fc.constantFrom(' and ', ' AND ', ' or ', ' Or ');

const { filter } = fc.letrec<{ filter: string; term: string }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('term'),
    fc.tuple(tie('term'), logical, tie('filter')).map(([l, o, r]) => `${l}${o}${r}`),
  ),
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    presence,
    tie('filter').map((inner) => `(${inner})`),
  ),
}));

describe(`${parseFilter.name} against scim2-parse-filter`, () => {
  it('agrees on the boolean structure of generated filters', () => {
    fc.assert(
      fc.property(filter, (input) => {
        expect(ownShape(parseFilter(input))).toEqual(referenceShape(referenceParse(input)));
      }),
      { numRuns: 500 },
    );
  });
});

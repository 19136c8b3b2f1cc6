import { parseFilter } from '../query/filter-parser';
import { SchemaRegistry } from '../schema/schema-registry';
import { applyPrimary, deepEqual, elementFromFilter, elementKey } from './multi-valued';

const registry = SchemaRegistry.create();
const emails = registry.resourceType('User').resolveAttribute('emails')!.attribute;
const members = registry.resourceType('Group').resolveAttribute('members')!.attribute;

describe(deepEqual.name, () => {
  it.each<[unknown, unknown, boolean]>([
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: undefined }, false],
    [[1, 2], [2, 1], false],
    [null, {}, false],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(deepEqual(a, b)).toBe(expected);
  });
});

describe(elementKey.name, () => {
  it('identifies by value, folding case unless value is caseExact', () => {
    expect(elementKey(emails, { value: 'A@x', type: 'work' })).toBe(elementKey(emails, { value: 'a@X' }));
    expect(elementKey(members, { value: 'U1' })).not.toBe(elementKey(members, { value: 'u1' }));
    expect(elementKey(emails, { type: 'work' })).not.toBe(elementKey(emails, { type: 'home' }));
  });
});

describe(applyPrimary.name, () => {
  it('clears primary on the other values when one written value is primary', () => {
    const written = { value: 'b', primary: true };
    expect(applyPrimary(emails, [{ value: 'a', primary: true }, written], [written])).toEqual([
      { value: 'a', primary: false },
      written,
    ]);
  });
});

describe(elementFromFilter.name, () => {
  it.each<[string, unknown]>([
    ['type eq "work"', { type: 'work' }],
    ['type eq "work" and primary eq true', { type: 'work', primary: true }],
    ['type ne "work"', undefined],
    ['type eq "work" or type eq "home"', undefined],
    ['display eq "x"', undefined],
  ])('%s → %j', (text, expected) => {
    expect(elementFromFilter(parseFilter(text), emails)).toEqual(expected);
  });
});

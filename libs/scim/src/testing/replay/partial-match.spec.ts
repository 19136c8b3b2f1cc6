import { ABSENT, ANY, partialMatch } from './partial-match';
import { substitute, UnknownVariableError, valueAt } from './template';

describe(partialMatch.name, () => {
  it.each([
    ['a subset of keys', { a: 1 }, { a: 1, b: 2 }],
    ['nested objects', { name: { givenName: 'A' } }, { name: { givenName: 'A', familyName: 'B' } }],
    ['arrays in another order', [{ value: 'x' }, { value: 'y' }], [{ value: 'y', type: 'User' }, { value: 'x' }]],
    ['an empty array', { Resources: [] }, { Resources: [] }],
    ['<any> on a present key', { id: ANY }, { id: 'u1' }],
    ['<absent> on a missing key', { members: ABSENT }, { id: 'g1' }],
    ['null', { x: null }, { x: null }],
  ])('matches %s', (_what, expected, actual) => expect(partialMatch(expected, actual)).toEqual([]));

  it.each([
    ['a different value', { active: false }, { active: true }, 'body.active: expected false, got true'],
    ['a missing key', { id: ANY }, {}, 'body.id: expected a value, got nothing'],
    ['a present key that must be absent', { members: ABSENT }, { members: [] }, 'body.members: expected no value, got []'],
    ['another length', { Resources: [] }, { Resources: [{ id: 'a' }] }, 'body.Resources: expected 0 element(s), got 1: [{"id":"a"}]'],
    ['no matching element', [{ value: 'z' }], [{ value: 'x' }], 'body[0]: no element matches {"value":"z"} in [{"value":"x"}]'],
    ['a string for an object', { name: { givenName: 'A' } }, { name: 'A' }, 'body.name: expected an object, got "A"'],
    ['"False" for false', { active: false }, { active: 'False' }, 'body.active: expected false, got "False"'],
  ])('reports %s', (_what, expected, actual, line) => expect(partialMatch(expected, actual)).toEqual([line]));
});

describe(substitute.name, () => {
  const vars = { id: 'u-1', n: 3 };
  it('replaces whole-string variables by value and interpolates embedded ones', () => {
    expect(substitute({ path: '/Users/{{id}}', count: '{{n}}', list: [{ value: '{{ id }}' }], '{{id}}': 'k' }, vars)).toEqual({
      path: '/Users/u-1',
      count: 3,
      list: [{ value: 'u-1' }],
      'u-1': 'k',
    });
  });
  it('refuses an unknown variable', () => expect(() => substitute('{{missing}}', vars)).toThrow(UnknownVariableError));
});

describe(valueAt.name, () => {
  it.each([
    ['id', 'u1'],
    ['Resources[1].id', 'b'],
    ['Resources.0.id', 'a'],
    ['meta.version', undefined],
  ])('reads %s', (path, value) => expect(valueAt({ id: 'u1', Resources: [{ id: 'a' }, { id: 'b' }] }, path)).toBe(value));
});

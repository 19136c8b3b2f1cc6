import { cloneJson } from './clone-json';

describe(cloneJson.name, () => {
  it('copies nested arrays and objects', () => {
    const input = { a: [{ b: 1 }, 'c'], d: { e: null } };
    const copy = cloneJson(input);
    expect(copy).toEqual(input);
    expect(copy.a).not.toBe(input.a);
    expect(copy.a[0]).not.toBe(input.a[0]);
    expect(copy.d).not.toBe(input.d);
  });

  it('keeps an own __proto__ key as data without changing the prototype', () => {
    const copy = cloneJson(JSON.parse('{"__proto__":{"x":1}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect((copy as { x?: number }).x).toBeUndefined();
  });
});

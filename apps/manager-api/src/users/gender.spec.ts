import { parseGender } from './gender';

describe(parseGender.name, () => {
  it.each([
    ['female', 'female'], ['F', 'female'], [' Weiblich ', 'female'],
    ['MALE', 'male'], ['m', 'male'], ['männlich', 'male'],
    ['diverse', 'diverse'], ['Divers', 'diverse'], ['non-binary', 'diverse'],
    ['unspecified', 'unspecified'], ['X', 'unspecified'],
  ])('maps %s to %s', (text, gender) => expect(parseGender(text)).toBe(gender));

  it.each(['', 'robot', 'fem'])('does not guess %j', (text) => expect(parseGender(text)).toBeUndefined());
});

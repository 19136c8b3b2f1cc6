import { isEmailAddress } from './email-address';

describe(isEmailAddress.name, () => {
  it.each([
    ['ada@example.com', true],
    ['\ud800@example.com', false],
    ['a@\udc00.example.com', false],
    ['not an address', false],
    [42, false],
  ])('%j → %s, never throwing', (value, expected) => {
    expect(isEmailAddress(value)).toBe(expected);
  });
});

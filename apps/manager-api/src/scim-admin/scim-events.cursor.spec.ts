import { ManagerError } from '../common/errors/manager-error';
import { decodeEventCursor, encodeEventCursor } from './scim-events.cursor';

const id = '3f2b8c1e-5d4a-4e7f-9a1b-2c3d4e5f6a7b';
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe(decodeEventCursor.name, () => {
  it.each([new Date('2025-11-29T10:11:12.345Z'), new Date(0)])('reads back what encodeEventCursor wrote (%s)', (at) => {
    const text = encodeEventCursor({ at, id });
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeEventCursor(text)).toEqual({ at, id });
  });

  it.each([
    ['empty', ''],
    ['not base64 JSON', '!!!'],
    ['an object', encode({ at: 1, id })],
    ['one element', encode([1])],
    ['a string time', encode(['2025-11-29', id])],
    ['a negative time', encode([-1, id])],
    ['a fractional time', encode([1.5, id])],
    ['an id that is not a uuid', encode([1, 'x'])],
    ['an id with SQL', encode([1, `${id.slice(0, 30)}' OR 1`])],
  ])('rejects %s naming the cursor field', (_name, text) => {
    expect(() => decodeEventCursor(text)).toThrow(ManagerError);
    try {
      decodeEventCursor(text);
    } catch (error) {
      expect((error as ManagerError).fields?.map((f) => f.field)).toEqual(['cursor']);
    }
  });
});

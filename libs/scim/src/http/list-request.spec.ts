import { DEFAULT_LIMITS } from '../scim-options';
import { readListRequest } from './list-request';

describe(readListRequest.name, () => {
  it.each([
    [{}, 1, 100],
    [{ startIndex: '-3', count: '-1' }, 1, 0],
    [{ STARTINDEX: '9007199254740991', Count: '100000' }, 9007199254740991, 200],
    [{ startIndex: 5, count: 2 }, 5, 2],
    [{ startIndex: ' ', count: '' }, 1, 100],
  ])('reads paging from %j', (raw, startIndex, count) => {
    expect(readListRequest(raw, DEFAULT_LIMITS)).toMatchObject({ startIndex, count });
  });

  it.each(['99999999999999999999', '9007199254740993', '1e20', '1e400', '1.5', 'NaN', 'abc'])('refuses startIndex and count %s with invalidValue', (value) => {
    for (const name of ['startIndex', 'count']) {
      expect(errorOf(() => readListRequest({ [name]: value }, DEFAULT_LIMITS))).toMatchObject({ status: 400, scimType: 'invalidValue' });
    }
  });

  it('refuses a JSON number beyond 2^53 from a SearchRequest', () => {
    expect(() => readListRequest({ startIndex: 1e20 }, DEFAULT_LIMITS)).toThrow(/must be an integer/);
  });
});

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

import { escapeLike, parseDateTime, scimCaseKey, toSqliteDateTime } from './sql-values';

describe(parseDateTime.name, () => {
  it.each([
    ['2025-01-01T10:00:00Z', '2025-01-01T10:00:00.000Z'],
    ['2025-01-01T10:00:00+01:00', '2025-01-01T09:00:00.000Z'],
    ['2025-01-01T10:00:00-0530', '2025-01-01T15:30:00.000Z'],
    ['2025-01-01T00:30:00.123456+01:00', '2024-12-31T23:30:00.123Z'],
    ['2025-01-01t10:00:00z', '2025-01-01T10:00:00.000Z'],
    ['2025-01-01T10:00:00', '2025-01-01T10:00:00.000Z'],
    ['2025-01-01T10:00', '2025-01-01T10:00:00.000Z'],
    ['2025-01-01', '2025-01-01T00:00:00.000Z'],
    ['2024-02-29T12:00:00.5Z', '2024-02-29T12:00:00.500Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseDateTime(text)?.toISOString()).toBe(iso);
  });

  it.each(['', 'yesterday', '2025-02-30', '2025-13-01T00:00:00Z', '2025-01-01T24:00:00Z', '2025-01-01T10:00:00+25:00',
    '2025-01-01T10:00:60Z', '1735725600', '2025-1-1', ' 2025-01-01'])('rejects %j', (text) => {
    expect(parseDateTime(text)).toBeUndefined();
  });
});

describe(toSqliteDateTime.name, () => {
  it('writes the UTC text TypeORM stores in SQLite', () => {
    expect(toSqliteDateTime(new Date('2025-01-01T10:00:00.5+01:00'))).toBe('2025-01-01 09:00:00.500');
  });
});

describe(escapeLike.name, () => {
  it.each([
    ['50%', '50\\%'],
    ['a_b', 'a\\_b'],
    ['C:\\temp', 'C:\\\\temp'],
    ['plain', 'plain'],
  ])('escapes %j', (text, escaped) => {
    expect(escapeLike(text)).toBe(escaped);
  });
});

describe(scimCaseKey.name, () => {
  it.each([
    ['ÄLICE', 'älice'],
    ['A\u0308lice', 'älice'],
    ['Straße', 'straße'],
    ['ΣΊΣΥΦΟΣ', 'σίσυφος'],
  ])('folds %j', (text, key) => {
    expect(scimCaseKey(text)).toBe(key);
  });
});

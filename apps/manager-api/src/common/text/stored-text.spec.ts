import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsEmailAddress } from './email-address';
import { fitsColumn, StoredText, storedTextProblem } from './stored-text';

describe(storedTextProblem.name, () => {
  it.each([
    ['plain text', 'Ada', 10, false, undefined],
    ['astral characters counted as one each', '😀'.repeat(10), 10, false, undefined],
    ['a NUL', 'a\u0000b', 10, false, /NUL/],
    ['a lone high surrogate', 'a\ud800', 10, false, /lone surrogate/],
    ['a lone low surrogate', '\udc00b', 10, false, /lone surrogate/],
    ['one character too many', 'x'.repeat(11), 10, false, /exceed 10/],
    ['a key that outgrows the column', 'İ'.repeat(6), 10, true, /exceed 10/],
    ['the same text without a key column', 'İ'.repeat(6), 10, false, undefined],
  ])('%s', (_what, text, max, keyed, problem) => {
    const found = storedTextProblem(text, max, keyed);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it('lets fitsColumn agree on lengths', () => {
    expect(fitsColumn('İ'.repeat(5), 10, true)).toBe(true);
    expect(fitsColumn('İ'.repeat(6), 10, true)).toBe(false);
  });
});

class Input {
  @IsEmailAddress() @StoredText(20, { keyed: true })
  email!: string;

  @StoredText(5, { each: true })
  tags?: string[];
}

describe('StoredText and IsEmailAddress as decorators', () => {
  const problems = (plain: object) => validateSync(plainToInstance(Input, plain)).flatMap((e) => Object.values(e.constraints ?? {}));

  it('accepts a storable address', () => expect(problems({ email: 'ada@example.com' })).toEqual([]));
  it('names the problem', () => {
    expect(problems({ email: 'a\u0000@example.com' })).toContain('email must not contain a NUL character or a lone surrogate');
    expect(problems({ email: '\ud800@example.com' })).toContain('email must be an email');
    expect(problems({ email: 'a@example.com', tags: ['ok', 'x'.repeat(6)] })).toHaveLength(1);
  });
});

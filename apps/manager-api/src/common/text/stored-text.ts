import { ValidateBy, ValidationOptions } from 'class-validator';
import { caseKey } from './case-key';

/** Length as PostgreSQL's varchar(n) counts it: code points, not UTF-16 units. */
export function storedLength(text: string): number {
  return [...text].length;
}

/**
 * Whether `text` fits a varchar(`max`) column and, with `keyed`, so does its case key beside it
 * (lower-casing can lengthen a text: "İ" becomes two code points).
 */
export function fitsColumn(text: string, max: number, keyed = false): boolean {
  return storedLength(text) <= max && (!keyed || storedLength(caseKey(text)) <= max);
}

/** Why `text` cannot be stored in a varchar(`max`) column, or `undefined` when it can. */
export function storedTextProblem(text: string, max: number, keyed = false): string | undefined {
  // PostgreSQL refuses NUL in text; drivers silently turn lone surrogates into U+FFFD.
  if (/\u0000|\p{Cs}/u.test(text)) return 'must not contain a NUL character or a lone surrogate';
  if (!fitsColumn(text, max, keyed)) return `must not exceed ${max} characters`;
  return undefined;
}

/** A string the database stores as given: see storedTextProblem. `keyed`: a case-key column has the same length. */
export function StoredText(max: number, options: ValidationOptions & { keyed?: boolean } = {}): PropertyDecorator {
  const { keyed = false, ...validation } = options;
  return ValidateBy(
    {
      name: 'storedText',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || storedTextProblem(value, max, keyed) === undefined,
        defaultMessage: (args) => `${args?.property ?? 'value'} ${storedTextProblem(String(args?.value), max, keyed) ?? 'is invalid'}`,
      },
    },
    validation,
  );
}

import { hasUnstorableCharacter } from '../schema/storable-text';

export type TokenKind = 'word' | 'string' | '(' | ')' | '[' | ']' | 'end';

/**
 * One lexical unit of a filter or PATCH path. A `word` is a run of path/number/keyword characters
 * (`urn:…:User:name.givenName`, `eq`, `-1.5e3`, `true`, `.value` after `]`); a `string` carries its decoded value.
 */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Zero-based offset of the first character. */
  readonly start: number;
  /** Zero-based offset just past the last character. */
  readonly end: number;
  /** Decoded value of a `string` token. */
  readonly value?: string;
}

export type ErrorFactory = (detail: string) => Error;

const WORD_CHAR = /[A-Za-z0-9:._$+-]/;
const PUNCTUATION = new Set(['(', ')', '[', ']']);

/** One-based position for error details. */
export function positionOf(offset: number): string {
  return `position ${offset + 1}`;
}

/** Describes a token for an error detail: `"eq" at position 12`, `string "x" at position 3`, `end of input`. */
export function describeToken(token: Token): string {
  if (token.kind === 'end') return 'end of input';
  const shown = token.kind === 'string' ? `string ${token.text}` : `"${token.text}"`;
  return `${shown} at ${positionOf(token.start)}`;
}

/** Splits `text` into tokens in one linear pass; whitespace separates tokens and is dropped. */
export function tokenize(text: string, fail: ErrorFactory): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i += 1;
    } else if (PUNCTUATION.has(ch)) {
      tokens.push({ kind: ch as TokenKind, text: ch, start: i, end: i + 1 });
      i += 1;
    } else if (ch === '"') {
      const token = readString(text, i, fail);
      tokens.push(token);
      i = token.end;
    } else if (WORD_CHAR.test(ch)) {
      const start = i;
      while (i < text.length && WORD_CHAR.test(text[i])) i += 1;
      tokens.push({ kind: 'word', text: text.slice(start, i), start, end: i });
    } else {
      throw fail(`Unexpected character "${ch}" at ${positionOf(i)}`);
    }
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}

function readString(text: string, start: number, fail: ErrorFactory): Token {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    i += text[i] === '\\' ? 2 : 1;
  }
  if (i >= text.length) {
    throw fail(`Unterminated string starting at ${positionOf(start)}`);
  }
  const raw = text.slice(start, i + 1);
  return { kind: 'string', text: raw, start, end: i + 1, value: decodeJsonString(raw, start, fail) };
}

function decodeJsonString(raw: string, start: number, fail: ErrorFactory): string {
  let value: string;
  try {
    value = JSON.parse(raw) as string;
  } catch {
    throw fail(`Invalid string literal (bad escape or control character) at ${positionOf(start)}`);
  }
  if (hasUnstorableCharacter(value)) throw fail(`String literal at ${positionOf(start)} contains a NUL character or a lone surrogate`);
  return value;
}

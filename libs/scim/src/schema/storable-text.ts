const UNSTORABLE = /\u0000|\p{Cs}/u;

/**
 * Whether `text` holds a NUL character or a UTF-16 surrogate without its pair: text that no store keeps
 * as given (PostgreSQL rejects NUL in text; drivers turn lone surrogates into U+FFFD).
 */
export function hasUnstorableCharacter(text: string): boolean {
  return UNSTORABLE.test(text);
}

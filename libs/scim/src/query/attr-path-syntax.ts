import type { AttrPath } from './filter-ast';

/** RFC 7643 §2.1 ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA; plus `$ref`. */
const ATTR_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/;
/** A schema URN: `urn:` followed by non-empty colon-separated segments. */
const SCHEMA_URN = /^urn(?::[A-Za-z0-9._+-]+)+$/i;

export function isAttrName(text: string): boolean {
  return ATTR_NAME.test(text);
}

/**
 * Reads `[uri:]attr[.sub]`. The URN is everything up to the last `:`, so dots inside it (`2.0`) are kept.
 * Returns `undefined` when the text is not a well-formed path.
 */
export function readAttrPath(text: string): AttrPath | undefined {
  const colon = text.lastIndexOf(':');
  const uri = colon >= 0 ? text.slice(0, colon) : undefined;
  if (uri !== undefined && !SCHEMA_URN.test(uri)) return undefined;
  const names = text.slice(colon + 1).split('.');
  if (names.length > 2 || !names.every(isAttrName)) return undefined;
  const [attr, sub] = names;
  return { ...(uri !== undefined && { uri }), attr, ...(sub !== undefined && { sub }) };
}

/** Writes a path back as text, for error details. */
export function formatAttrPath(path: AttrPath): string {
  const prefix = path.uri !== undefined ? `${path.uri}:` : '';
  const suffix = path.sub !== undefined ? `.${path.sub}` : '';
  return `${prefix}${path.attr}${suffix}`;
}

import { ScimError } from '../errors/scim-error';
import type { FilterNode, PatchPath } from './filter-ast';
import { FilterGrammar } from './filter-grammar';
import { tokenize, type ErrorFactory } from './filter-lexer';

/** Caps applied before and while parsing, so hostile input costs linear time and bounded stack. */
export interface FilterLimits {
  /** Longest accepted input in characters; default 4096. */
  readonly maxLength?: number;
  /** Deepest accepted nesting of `(`, `not (` and `[`; default 50. */
  readonly maxDepth?: number;
}

export const DEFAULT_FILTER_LIMITS: Required<FilterLimits> = { maxLength: 4096, maxDepth: 50 };

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into the AST of `filter-ast.ts`.
 * Operators and `and`/`or`/`not` are case-insensitive; precedence is not > and > or, chains are left-associative.
 * Entra's `attr[f].sub op v` becomes `attr[f and sub op v]`.
 * @throws ScimError `invalidFilter` with the offending position for any malformed or over-limit input.
 */
export function parseFilter(text: string, limits: FilterLimits = {}): FilterNode {
  const fail: ErrorFactory = (detail) => ScimError.invalidFilter(detail);
  if (text.trim() === '') throw fail('Filter is empty');
  return runGrammar(text, limits, fail, (grammar) => grammar.filter());
}

/**
 * Parses a PATCH path (RFC 7644 §3.5.2): `attrPath` or `valuePath[.subAttr]`,
 * e.g. `name.givenName`, `urn:…:2.0:User:manager`, `emails[type eq "work"].value`.
 * @throws ScimError `invalidPath` for any malformed input, including a malformed filter inside `[...]`.
 */
export function parsePatchPath(text: string, limits: FilterLimits = {}): PatchPath {
  const fail: ErrorFactory = (detail) => ScimError.invalidPath(detail);
  if (text.trim() === '') throw fail('PATCH path is empty');
  return runGrammar(text, limits, fail, (grammar) => grammar.patchPath());
}

function runGrammar<T>(text: string, limits: FilterLimits, fail: ErrorFactory, rule: (g: FilterGrammar) => T): T {
  const { maxLength, maxDepth } = { ...DEFAULT_FILTER_LIMITS, ...limits };
  if (text.length > maxLength) throw fail(`Input is longer than ${maxLength} characters`);
  try {
    return rule(new FilterGrammar(tokenize(text, fail), maxDepth, fail));
  } catch (error) {
    // Only reachable when a caller raises maxDepth beyond what the stack holds.
    if (error instanceof RangeError) throw fail('Input is nested too deeply');
    throw error;
  }
}

/** The comparison operators of RFC 7644 §3.4.2.2. */
export type CompareOp = 'eq' | 'ne' | 'co' | 'sw' | 'ew' | 'gt' | 'ge' | 'lt' | 'le';

/** A literal of the filter grammar: string, number, `true`/`false` or `null`. */
export type FilterValue = string | number | boolean | null;

/**
 * An attribute path as written in a filter: `[uri:]attr[.sub]`.
 * Inside a value-path filter (`emails[type eq "work"]`) paths are relative: `attr` names the sub-attribute.
 * Names keep the spelling of the request; matching against the schema is case-insensitive.
 */
export interface AttrPath {
  readonly uri?: string;
  readonly attr: string;
  readonly sub?: string;
}

export type FilterNode =
  | { readonly kind: 'compare'; readonly op: CompareOp; readonly path: AttrPath; readonly value: FilterValue }
  | { readonly kind: 'present'; readonly path: AttrPath }
  | { readonly kind: 'and'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  /** `attr[filter]`; Entra's `attr[f].sub op v` is represented as `attr[f and sub op v]`. */
  | { readonly kind: 'valuePath'; readonly path: AttrPath; readonly filter: FilterNode };

/** A PATCH path (RFC 7644 §3.5.2): `attrPath` or `valuePath[.subAttr]`. */
export interface PatchPath {
  readonly path: AttrPath;
  readonly filter?: FilterNode;
  /** Only with `filter`: the sub-attribute after `]`, e.g. `value` in `emails[type eq "work"].value`. */
  readonly subAfterFilter?: string;
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}

import type { ScimResource } from '../schema/attribute';

/** One entry of a PatchOp `Operations` array, as received (RFC 7644 §3.5.2). */
export interface PatchOperation {
  readonly op: unknown;
  readonly path?: unknown;
  readonly value?: unknown;
}

/**
 * How `members` of a Group changed, so a store can insert/delete membership rows instead of rewriting
 * the list. Apply it as: if `replacedAll` is present, the members become exactly that list (`clearedAll`
 * is `true` when it is empty); otherwise delete `removed` (absent rows are fine) and insert `added`
 * (rows already present are fine). `added` and `removed` are disjoint; ids are not checked to exist.
 */
export interface MemberDelta {
  readonly added: string[];
  readonly removed: string[];
  readonly replacedAll?: string[];
  readonly clearedAll?: boolean;
}

export interface PatchResult {
  /** The patched copy; the input resource is never mutated. */
  readonly resource: ScimResource;
  /** Canonical names whose value differs after the patch: `name.givenName`, `emails`, `urn:…:User:gender`. */
  readonly changed: string[];
  /** Paths and value keys that were accepted but not applied: unknown attributes, readOnly value keys. */
  readonly ignored: string[];
  /** Present for resource types with a `members` attribute (Groups). */
  readonly memberDelta?: MemberDelta;
}

export interface PatchOptions {
  /**
   * `false`: the resource was loaded without `members` (large group). Member operations then only build
   * `memberDelta` and leave `resource.members` untouched. Call `patchNeedsMembers` first: operations it
   * flags need the loaded list. Default `true`.
   */
  readonly membersLoaded?: boolean;
  /**
   * Canonical names of readOnly attributes whose writes through a `path` are ignored (and reported in
   * `ignored`) instead of failing with `mutability`, e.g. `displayName` for Users, which Entra sends.
   */
  readonly ignoreReadOnly?: readonly string[];
  /**
   * `add`: an `add`/`replace` whose value filter matches nothing appends an element built from the
   * filter's `eq` clauses (Entra's `emails[type eq "work"].value`). Default `fail` → `noTarget`.
   */
  readonly onNoMatch?: 'fail' | 'add';
  /**
   * Standard RFC 7644 only, as seen after the IdP dialect layer: path-less value keys must be attribute
   * names (no `name.givenName`, no `urn:…:User:attr`), readOnly keys in them fail with `mutability`, and
   * `remove` takes no value. Default `false` (those forms are tolerated).
   */
  readonly strict?: boolean;
}

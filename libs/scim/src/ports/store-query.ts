import type { AttrPath, FilterNode } from '../query/filter-ast';
import type { ScimResource } from '../schema/attribute';

/**
 * A resource as a store holds it: attributes in canonical SCIM form (names as the schema spells them,
 * extension attributes under their schema URN), without `schemas`, `id` and `meta`.
 */
export interface StoredResource {
  readonly id: string;
  readonly attributes: ScimResource;
  readonly created: Date;
  readonly lastModified: Date;
  /** Increases with every write; the weak ETag is derived from it. */
  readonly version: number;
}

/**
 * A list query, already validated by the library: every path in `filter` and `sortBy` is canonical
 * (`uri` is the full schema URN, `attr`/`sub` spelled as the schema spells them).
 */
export interface StoreQuery {
  readonly filter?: FilterNode;
  readonly sortBy?: AttrPath;
  readonly descending: boolean;
  /** 0-based. */
  readonly offset: number;
  /** 0 asks for the total only. */
  readonly limit: number;
}

export interface StorePage<T> {
  readonly total: number;
  readonly items: readonly T[];
}

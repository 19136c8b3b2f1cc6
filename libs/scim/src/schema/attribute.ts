/** RFC 7643 §2.3 data types. */
export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'reference'
  | 'complex'
  | 'binary';

/** RFC 7643 §2.2 characteristics. */
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

/** One attribute definition as published under `/Schemas` (RFC 7643 §7). */
export interface AttributeDefinition {
  readonly name: string;
  readonly type: AttributeType;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly uniqueness: Uniqueness;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeDefinition[];
  /**
   * Not part of RFC 7643 and never rendered. `false`: `canonicalValues` are advertised only and any
   * string is accepted, because the host maps synonyms itself (e.g. gender). Default `true`.
   */
  readonly enforceCanonicalValues?: boolean;
}

/** A schema resource (RFC 7643 §7): the attributes of a core resource or of one extension. */
export interface ResourceSchema {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeDefinition[];
}

/** An extension schema bound to a resource type (RFC 7643 §6 `schemaExtensions`). */
export interface SchemaExtensionBinding {
  readonly schema: string;
  readonly required: boolean;
}

/** A resource type (RFC 7643 §6): endpoint, core schema and extension schemas. */
export interface ResourceTypeDefinition {
  readonly name: string;
  readonly endpoint: string;
  readonly description: string;
  readonly schema: string;
  readonly schemaExtensions: readonly SchemaExtensionBinding[];
}

type AttributeOptions = Partial<Omit<AttributeDefinition, 'name' | 'description'>>;

/** Builds a definition with the RFC 7643 §2.2 defaults for every characteristic not given. */
export function defineAttribute(
  name: string,
  description: string,
  options: AttributeOptions = {},
): AttributeDefinition {
  return {
    name,
    type: 'string',
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

/** A SCIM resource or request body as plain JSON: attribute names are keys, extensions are URN keys. */
export type ScimResource = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

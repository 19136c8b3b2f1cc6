import type { AttrPath } from '../query/filter-ast';
import { AttributeDefinition, ResourceSchema, ResourceTypeDefinition } from './attribute';
import { commonAttributes } from './common-attributes';

/** An attribute (or one of its sub-attributes) found in a schema of a resource type. */
export interface ResolvedAttribute {
  readonly kind: 'attribute';
  /** URN of the schema that defines the attribute. */
  readonly schema: string;
  /** `true` when the attribute lives in an extension object keyed by `schema`. */
  readonly extension: boolean;
  readonly attribute: AttributeDefinition;
  readonly subAttribute?: AttributeDefinition;
  /** Canonical name: `name.givenName`, `emails`, `urn:…:enterprise:2.0:User:department`. */
  readonly name: string;
}

/** A whole extension object, addressed by its schema URN. */
export interface ResolvedExtension {
  readonly kind: 'extension';
  readonly schema: string;
  readonly definition: ResourceSchema;
  readonly name: string;
}

export type ResolvedPath = ResolvedAttribute | ResolvedExtension;

const lookupCache = new WeakMap<readonly AttributeDefinition[], Map<string, AttributeDefinition>>();

/** Case-insensitive lookup of a definition by name (RFC 7643 §2.1: attribute names are case-insensitive). */
export function findDefinition(
  definitions: readonly AttributeDefinition[] | undefined,
  name: string,
): AttributeDefinition | undefined {
  if (definitions === undefined) {
    return undefined;
  }
  let map = lookupCache.get(definitions);
  if (map === undefined) {
    map = new Map(definitions.map((d) => [d.name.toLowerCase(), d]));
    lookupCache.set(definitions, map);
  }
  return map.get(name.toLowerCase());
}

/** The schemas of one resource type, with case-insensitive path resolution. */
export class ResourceTypeSchema {
  /** Common attributes (id, externalId, meta) followed by the core schema's attributes. */
  readonly coreAttributes: readonly AttributeDefinition[];

  constructor(
    readonly definition: ResourceTypeDefinition,
    readonly core: ResourceSchema,
    readonly extensions: readonly ResourceSchema[],
  ) {
    this.coreAttributes = [...commonAttributes, ...core.attributes];
  }

  get name(): string {
    return this.definition.name;
  }

  /** The extension schema with this URN (case-insensitive), if bound to this resource type. */
  extension(urn: string): ResourceSchema | undefined {
    const lower = urn.toLowerCase();
    return this.extensions.find((s) => s.id.toLowerCase() === lower);
  }

  /**
   * Resolves `attr`, `attr.sub`, `urn:…:attr[.sub]` or an extension URN. An unqualified name is looked
   * up in the core schema first, then in each extension. Unknown names give `undefined`.
   */
  resolve(path: AttrPath | string): ResolvedPath | undefined {
    return this.resolveKey(typeof path === 'string' ? path : pathToKey(path));
  }

  /** Like `resolve`, but only attributes (not whole extensions). */
  resolveAttribute(path: AttrPath | string): ResolvedAttribute | undefined {
    const resolved = this.resolve(path);
    return resolved?.kind === 'attribute' ? resolved : undefined;
  }

  private resolveKey(key: string): ResolvedPath | undefined {
    const lower = key.toLowerCase();
    for (const schema of [this.core, ...this.extensions]) {
      const id = schema.id.toLowerCase();
      if (lower === id) {
        return schema === this.core
          ? undefined
          : { kind: 'extension', schema: schema.id, definition: schema, name: schema.id };
      }
      if (lower.startsWith(`${id}:`)) {
        return this.resolveIn(schema, key.slice(id.length + 1));
      }
    }
    if (key.includes(':')) {
      return undefined;
    }
    for (const schema of [this.core, ...this.extensions]) {
      const found = this.resolveIn(schema, key);
      if (found !== undefined) {
        return found;
      }
    }
    return undefined;
  }

  private resolveIn(schema: ResourceSchema, rest: string): ResolvedAttribute | undefined {
    const parts = rest.split('.');
    if (parts.length > 2) {
      return undefined;
    }
    const isCore = schema === this.core;
    const attribute = findDefinition(isCore ? this.coreAttributes : schema.attributes, parts[0]);
    if (attribute === undefined) {
      return undefined;
    }
    const subAttribute = parts.length === 2 ? findDefinition(attribute.subAttributes, parts[1]) : undefined;
    if (parts.length === 2 && subAttribute === undefined) {
      return undefined;
    }
    const local = subAttribute ? `${attribute.name}.${subAttribute.name}` : attribute.name;
    return {
      kind: 'attribute',
      schema: schema.id,
      extension: !isCore,
      attribute,
      subAttribute,
      name: isCore ? local : `${schema.id}:${local}`,
    };
  }
}

function pathToKey(path: AttrPath): string {
  const local = path.sub === undefined ? path.attr : `${path.attr}.${path.sub}`;
  return path.uri === undefined ? local : `${path.uri}:${local}`;
}

import { AttributeDefinition, ResourceSchema, ResourceTypeDefinition } from './attribute';
import { renderResourceTypes, renderSchemas, ResourceTypeJson, SchemaJson } from './discovery-render';
import { enterpriseUserSchema } from './enterprise-user.schema';
import { groupSchema } from './group.schema';
import { managerUserSchema } from './manager-user.schema';
import { ResourceTypeSchema } from './resource-type-schema';
import { groupResourceType, userResourceType } from './resource-types';
import { userSchema } from './user.schema';

/** An extension schema supplied by the host and bound to one resource type. */
export interface ExtensionSchemaInput {
  readonly resourceType: string;
  readonly schema: ResourceSchema;
  readonly required?: boolean;
}

export interface SchemaRegistryOptions {
  /** Defaults to this product's User (core + enterprise + manager extension) and Group. */
  readonly resourceTypes?: readonly ResourceTypeDefinition[];
  /** Every schema the resource types name. Defaults to the built-in schemas. */
  readonly schemas?: readonly ResourceSchema[];
  /** Further extension schemas, added to the named resource type. */
  readonly extensions?: readonly ExtensionSchemaInput[];
}

const builtInSchemas = [userSchema, enterpriseUserSchema, managerUserSchema, groupSchema];
const forbiddenNames = new Set(['__proto__', 'constructor', 'prototype']);

/** All resource types and schemas the service provider supports; the single source for discovery. */
export class SchemaRegistry {
  private readonly types: ReadonlyMap<string, ResourceTypeSchema>;

  private constructor(
    definitions: readonly ResourceTypeDefinition[],
    private readonly schemasById: ReadonlyMap<string, ResourceSchema>,
  ) {
    this.types = new Map(
      definitions.map((d) => [
        d.name.toLowerCase(),
        new ResourceTypeSchema(
          d,
          this.schemaFor(d.schema),
          d.schemaExtensions.map((e) => this.schemaFor(e.schema)),
        ),
      ]),
    );
  }

  /** @throws Error when a resource type names an unknown schema or a schema is malformed. */
  static create(options: SchemaRegistryOptions = {}): SchemaRegistry {
    const extensions = options.extensions ?? [];
    const schemas = [...(options.schemas ?? builtInSchemas), ...extensions.map((e) => e.schema)];
    schemas.forEach(assertSafeSchema);
    const byId = new Map(schemas.map((s) => [s.id.toLowerCase(), s]));
    if (byId.size !== schemas.length) {
      throw new Error('Duplicate schema id');
    }
    const types = (options.resourceTypes ?? [userResourceType, groupResourceType]).map((type) => ({
      ...type,
      schemaExtensions: [
        ...type.schemaExtensions,
        ...extensions
          .filter((e) => e.resourceType === type.name)
          .map((e) => ({ schema: e.schema.id, required: e.required ?? false })),
      ],
    }));
    return new SchemaRegistry(types, byId);
  }

  /** @throws Error for a resource type that is not registered (a programming error). */
  resourceType(name: string): ResourceTypeSchema {
    const type = this.types.get(name.toLowerCase());
    if (type === undefined) {
      throw new Error(`Unknown resource type ${name}`);
    }
    return type;
  }

  resourceTypes(): readonly ResourceTypeSchema[] {
    return [...this.types.values()];
  }

  /** The schemas used by at least one resource type, core schemas first. */
  schemas(): readonly ResourceSchema[] {
    const used = this.resourceTypes().flatMap((t) => [t.core, ...t.extensions]);
    return [...new Set(used)];
  }

  /** `/Schemas` resources (RFC 7643 §7, §8.7.1); `baseUrl` is the SCIM root, e.g. `https://h/scim/v2`. */
  renderSchemas(baseUrl: string): SchemaJson[] {
    return renderSchemas(this.schemas(), baseUrl);
  }

  /** `/ResourceTypes` resources (RFC 7643 §6). */
  renderResourceTypes(baseUrl: string): ResourceTypeJson[] {
    return renderResourceTypes(
      this.resourceTypes().map((t) => t.definition),
      baseUrl,
    );
  }

  private schemaFor(id: string): ResourceSchema {
    const schema = this.schemasById.get(id.toLowerCase());
    if (schema === undefined) {
      throw new Error(`Unknown schema ${id}`);
    }
    return schema;
  }
}

function assertSafeSchema(schema: ResourceSchema): void {
  const check = (definitions: readonly AttributeDefinition[] | undefined): void =>
    definitions?.forEach((d) => {
      if (forbiddenNames.has(d.name.toLowerCase()) || !/^[$A-Za-z][\w$-]*$/.test(d.name)) {
        throw new Error(`Invalid attribute name ${d.name} in ${schema.id}`);
      }
      check(d.subAttributes);
    });
  check(schema.attributes);
}

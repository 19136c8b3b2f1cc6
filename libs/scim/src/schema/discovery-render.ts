import { AttributeDefinition, ResourceSchema, ResourceTypeDefinition } from './attribute';

export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';

export interface AttributeJson {
  name: string;
  type: string;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: string;
  returned: string;
  uniqueness: string;
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeJson[];
}

interface MetaJson {
  resourceType: string;
  location: string;
}

export interface SchemaJson {
  schemas: string[];
  id: string;
  name: string;
  description: string;
  attributes: AttributeJson[];
  meta: MetaJson;
}

export interface ResourceTypeJson {
  schemas: string[];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: { schema: string; required: boolean }[];
  meta: MetaJson;
}

/** RFC 7643 §7 representation; optional characteristics are omitted, never `null`. */
export function renderAttribute(definition: AttributeDefinition): AttributeJson {
  const json: AttributeJson = {
    name: definition.name,
    type: definition.type,
    multiValued: definition.multiValued,
    description: definition.description,
    required: definition.required,
    caseExact: definition.caseExact,
    mutability: definition.mutability,
    returned: definition.returned,
    uniqueness: definition.uniqueness,
  };
  if (definition.canonicalValues !== undefined) {
    json.canonicalValues = [...definition.canonicalValues];
  }
  if (definition.referenceTypes !== undefined) {
    json.referenceTypes = [...definition.referenceTypes];
  }
  if (definition.subAttributes !== undefined) {
    json.subAttributes = definition.subAttributes.map(renderAttribute);
  }
  return json;
}

export function renderSchemas(schemas: readonly ResourceSchema[], baseUrl: string): SchemaJson[] {
  const root = trimSlash(baseUrl);
  return schemas.map((s) => ({
    schemas: [SCHEMA_SCHEMA],
    id: s.id,
    name: s.name,
    description: s.description,
    attributes: s.attributes.map(renderAttribute),
    meta: { resourceType: 'Schema', location: `${root}/Schemas/${s.id}` },
  }));
}

export function renderResourceTypes(
  types: readonly ResourceTypeDefinition[],
  baseUrl: string,
): ResourceTypeJson[] {
  const root = trimSlash(baseUrl);
  return types.map((t) => ({
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: t.name,
    name: t.name,
    endpoint: t.endpoint,
    description: t.description,
    schema: t.schema,
    schemaExtensions: t.schemaExtensions.map((e) => ({ schema: e.schema, required: e.required })),
    meta: { resourceType: 'ResourceType', location: `${root}/ResourceTypes/${t.name}` },
  }));
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

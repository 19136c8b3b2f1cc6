import { assertNever, FilterNode } from '../query/filter-ast';
import { matchesElement } from '../patch/value-filter';
import { AttributeDefinition, isPlainObject, ScimResource } from '../schema/attribute';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';

/**
 * Evaluates a canonical filter against a whole resource in memory (for the in-memory test stores only;
 * real stores compile filters to SQL). Element-level semantics are those of the PATCH value filter.
 */
export function matchesResource(node: FilterNode, resource: ScimResource, type: ResourceTypeSchema): boolean {
  switch (node.kind) {
    case 'and':
      return matchesResource(node.left, resource, type) && matchesResource(node.right, resource, type);
    case 'or':
      return matchesResource(node.left, resource, type) || matchesResource(node.right, resource, type);
    case 'not':
      return !matchesResource(node.operand, resource, type);
    case 'compare':
    case 'present':
    case 'valuePath':
      return matchesLeaf(node, resource, type);
    default:
      return assertNever(node);
  }
}

function matchesLeaf(node: Extract<FilterNode, { path: unknown }>, resource: ScimResource, type: ResourceTypeSchema): boolean {
  const resolved = type.resolveAttribute(node.path);
  if (resolved === undefined) return false;
  const container = resolved.extension ? resource[resolved.schema] : resource;
  const definition = resolved.attribute;
  const value = isPlainObject(container) ? container[definition.name] : undefined;
  if (node.kind === 'valuePath') return elementsOf(value).some((e) => matchesElement(node.filter, e, definition));
  const sub = resolved.subAttribute?.name;
  if (definition.multiValued) {
    const inner = { ...node, path: { attr: sub ?? 'value' } };
    return elementsOf(value).some((e) => matchesElement(inner, e, definition));
  }
  if (sub !== undefined) return matchesElement({ ...node, path: { attr: sub } }, value ?? {}, definition);
  const wrapper: AttributeDefinition = { ...definition, type: 'complex', multiValued: false, subAttributes: [definition] };
  return matchesElement({ ...node, path: { attr: definition.name } }, { [definition.name]: value }, wrapper);
}

function elementsOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

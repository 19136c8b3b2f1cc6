import { ScimError } from '../errors/scim-error';
import type { AttributeDefinition } from '../schema/attribute';
import { findDefinition, ResourceTypeSchema } from '../schema/resource-type-schema';
import { AttrPath, assertNever, FilterNode } from './filter-ast';

/**
 * Checks every attribute of a parsed filter against the resource type and rewrites it to canonical
 * form (`uri` = the defining schema's URN, names spelled as the schema spells them), so stores can map
 * paths without caring about case or URN prefixes. Paths inside `attr[...]` stay relative.
 * @throws ScimError invalidFilter for an unknown attribute or sub-attribute.
 */
export function canonicalizeFilter(node: FilterNode, type: ResourceTypeSchema): FilterNode {
  switch (node.kind) {
    case 'compare':
      return { ...node, path: canonicalPath(node.path, type) };
    case 'present':
      return { ...node, path: canonicalPath(node.path, type) };
    case 'and':
    case 'or':
      return { ...node, left: canonicalizeFilter(node.left, type), right: canonicalizeFilter(node.right, type) };
    case 'not':
      return { ...node, operand: canonicalizeFilter(node.operand, type) };
    case 'valuePath': {
      const path = canonicalPath(node.path, type);
      const parent = type.resolveAttribute(path);
      return { ...node, path, filter: relativeFilter(node.filter, parent?.attribute, path.attr) };
    }
    default:
      return assertNever(node);
  }
}

/** The canonical form of one path (also used for `sortBy`). */
export function canonicalPath(path: AttrPath, type: ResourceTypeSchema): AttrPath {
  const resolved = type.resolveAttribute(path);
  if (resolved === undefined) throw ScimError.invalidFilter(`Unknown attribute "${describe(path)}"`);
  return {
    uri: resolved.schema,
    attr: resolved.attribute.name,
    ...(resolved.subAttribute === undefined ? {} : { sub: resolved.subAttribute.name }),
  };
}

function relativeFilter(node: FilterNode, parent: AttributeDefinition | undefined, parentName: string): FilterNode {
  const sub = (path: AttrPath): AttrPath => {
    const found = path.uri === undefined && path.sub === undefined ? findDefinition(parent?.subAttributes, path.attr) : undefined;
    if (found === undefined) throw ScimError.invalidFilter(`Unknown attribute "${parentName}.${describe(path)}"`);
    return { attr: found.name };
  };
  switch (node.kind) {
    case 'compare':
    case 'present':
      return { ...node, path: sub(node.path) };
    case 'and':
    case 'or':
      return { ...node, left: relativeFilter(node.left, parent, parentName), right: relativeFilter(node.right, parent, parentName) };
    case 'not':
      return { ...node, operand: relativeFilter(node.operand, parent, parentName) };
    case 'valuePath':
      throw ScimError.invalidFilter('Nested value filters are not allowed');
    default:
      return assertNever(node);
  }
}

function describe(path: AttrPath): string {
  const local = path.sub === undefined ? path.attr : `${path.attr}.${path.sub}`;
  return path.uri === undefined ? local : `${path.uri}:${local}`;
}

import { ScimError } from '../errors/scim-error';
import type { PatchOperation } from '../patch/patch-types';
import { isPlainObject } from '../schema/attribute';
import { PATCH_OP_SCHEMA } from './scim-media';

/** The PatchOp envelope (RFC 7644 §3.5.2): `schemas` naming PatchOp and a non-empty `Operations` array. */
export function readPatchRequest(body: unknown, maxOperations: number): PatchOperation[] {
  if (!isPlainObject(body)) throw ScimError.invalidSyntax('The request body must be a PatchOp JSON object');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === PATCH_OP_SCHEMA.toLowerCase())) {
    throw ScimError.invalidSyntax(`schemas must contain "${PATCH_OP_SCHEMA}"`);
  }
  const key = Object.keys(body).find((k) => k.toLowerCase() === 'operations');
  const operations = key === undefined ? undefined : body[key];
  if (!Array.isArray(operations) || operations.length === 0) {
    throw ScimError.invalidSyntax('Operations must be a non-empty array');
  }
  if (operations.length > maxOperations) {
    throw ScimError.invalidValue(`At most ${maxOperations} operations are accepted in one PATCH`);
  }
  return operations.map((operation, index) => {
    if (!isPlainObject(operation)) throw ScimError.invalidSyntax(`Operations[${index}] must be an object`);
    return { op: operation.op, path: operation.path, value: operation.value };
  });
}

import { ScimError } from '../errors/scim-error';
import { etagOf } from './resource-renderer';

/** The ETags of an `If-Match` / `If-None-Match` header (`*` matches any), weak and strong alike. */
function tags(header: string): string[] {
  return header.split(',').map((t) => t.trim().replace(/^W\//, '')).filter((t) => t !== '');
}

function matches(header: string, version: number): boolean {
  const current = etagOf(version).replace(/^W\//, '');
  return tags(header).some((t) => t === '*' || t === current);
}

/** RFC 7644 §3.14 / RFC 7232 §3.1: a write with a stale `If-Match` is refused with 412. */
export function assertIfMatch(header: string | undefined, version: number): void {
  if (header !== undefined && header.trim() !== '' && !matches(header, version)) {
    throw ScimError.preconditionFailed('The resource was changed since it was read (If-Match does not match)');
  }
}

/** RFC 7232 §3.2: a read whose `If-None-Match` matches the current version is answered with 304. */
export function isNotModified(header: string | undefined, version: number): boolean {
  return header !== undefined && header.trim() !== '' && matches(header, version);
}

import { createHash, randomBytes } from 'node:crypto';

/** Recognisable prefix of every SCIM bearer token (secret scanners and humans can tell what it is). */
export const SCIM_TOKEN_PREFIX = 'scim_';

/** A new bearer token: the prefix and 256 random bits, base64url. Shown once; store only `hashScimToken`. */
export function generateScimToken(): string {
  return `${SCIM_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** SHA-256 hex digest: what stores keep and look tokens up by. */
export function hashScimToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The part of a token safe to display to admins (prefix and a few characters). */
export function displayPrefix(token: string): string {
  return token.slice(0, SCIM_TOKEN_PREFIX.length + 6);
}

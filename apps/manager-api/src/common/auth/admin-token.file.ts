import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Outside production, with no ADMIN_TOKENS configured: reuse or create `<dataDir>/admin-token` (mode 0600).
 * Returns the token and the file path; the caller prints only the path, never the token.
 */
export function ensureGeneratedAdminToken(dataDir: string): { token: string; path: string } {
  const path = join(dataDir, 'admin-token');
  if (existsSync(path)) {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length >= 32) return { token, path };
  }
  mkdirSync(dataDir, { recursive: true });
  const token = `mgr_admin_${randomBytes(32).toString('base64url')}`;
  writeFileSync(path, `${token}\n`, { mode: 0o600 });
  chmodSync(path, 0o600);
  return { token, path };
}

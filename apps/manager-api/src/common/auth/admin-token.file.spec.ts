import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureGeneratedAdminToken } from './admin-token.file';

describe(ensureGeneratedAdminToken.name, () => {
  it('creates a random token readable by the owner only, and reuses it on the next start', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'admin-token-')), 'nested');
    const first = ensureGeneratedAdminToken(dir);
    expect(first.path).toBe(join(dir, 'admin-token'));
    expect(first.token).toMatch(/^mgr_admin_[A-Za-z0-9_-]{43}$/);
    expect(statSync(first.path).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.path, 'utf8').trim()).toBe(first.token);
    expect(ensureGeneratedAdminToken(dir)).toEqual(first);
    const other = ensureGeneratedAdminToken(join(dir, 'other'));
    expect(other.token).not.toBe(first.token);
  });
});

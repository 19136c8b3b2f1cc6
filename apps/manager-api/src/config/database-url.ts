import { isAbsolute, join } from 'node:path';
import { ConfigError } from './config-error';

export type DatabaseConfig =
  | { readonly engine: 'sqlite'; readonly path: string }
  | { readonly engine: 'postgres'; readonly url: string };

/**
 * `DATABASE_URL` → engine: absent → SQLite under the data directory, `sqlite:<path>` → that file,
 * `postgres://…` / `postgresql://…` → PostgreSQL. Anything else is a configuration error.
 */
export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (url === undefined || url.trim() === '') {
    return { engine: 'sqlite', path: join(dataDir, 'manager.sqlite') };
  }
  const value = url.trim();
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new ConfigError(['DATABASE_URL: sqlite: needs a file path, e.g. sqlite:./data/manager.sqlite']);
    return { engine: 'sqlite', path: path === ':memory:' || isAbsolute(path) ? path : join(process.cwd(), path) };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    try {
      const parsed = new URL(value);
      if (parsed.hostname === '') throw new Error('no host');
    } catch {
      throw new ConfigError(['DATABASE_URL: not a valid postgres:// URL']);
    }
    return { engine: 'postgres', url: value };
  }
  const scheme = value.split(':')[0] ?? value;
  throw new ConfigError([
    `DATABASE_URL: unsupported scheme '${scheme}:' (use sqlite:<path> or postgres://user@host:port/db)`,
  ]);
}

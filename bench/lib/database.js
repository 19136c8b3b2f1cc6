'use strict';
/**
 * The benchmark's database: a fresh one per run (SQLite file in a temp dir, or PostgreSQL `bench_<pid>`),
 * and fast seeding straight into it. Rows are built with the BUILT app's own code (`newUser`,
 * `applyUserFields`, `caseKey`) and written column by column through TypeORM's metadata and the driver's
 * value conversion, so the layout and the `*_key` columns are exactly what the app writes itself.
 */
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { randomBytes } = require('node:crypto');

const DIST = join(__dirname, '..', '..', 'dist', 'apps', 'manager-api', 'apps', 'manager-api', 'src');

function app(modulePath) {
  return require(join(DIST, modulePath));
}

const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Creates the database the server will use; `drop()` removes it again. */
async function createBenchDatabase(engine, pgAdminUrl) {
  if (engine === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'manager-bench-'));
    const path = join(dir, 'bench.sqlite');
    return {
      engine,
      url: `sqlite:${path}`,
      config: { engine: 'sqlite', path },
      dir,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const { Client } = require('pg');
  const adminUrl = pgAdminUrl || DEFAULT_PG_URL;
  const name = `bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  await withPg(Client, adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    url: url.toString(),
    config: { engine: 'postgres', url: url.toString() },
    name,
    drop: () => withPg(Client, adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withPg(Client, url, work) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Parses a DATABASE_URL the way the app does (for `--base` runs against an existing server). */
function configFromUrl(url) {
  const { parseDatabaseUrl } = app('config/database-url');
  return parseDatabaseUrl(url, process.cwd());
}

/**
 * A seeder over its own TypeORM DataSource (the app's options, no migrations: the server ran them).
 * SQLite: the server uses WAL, so this second writer is fine while the server is idle.
 */
class Seeder {
  static async open(config) {
    require('reflect-metadata');
    const { DataSource } = require('typeorm');
    const { dataSourceOptions } = app('database/data-source-options');
    const ds = new DataSource({ ...dataSourceOptions(config), migrationsRun: false, logging: false });
    await ds.initialize();
    const seeder = new Seeder(ds, config.engine);
    if (config.engine === 'sqlite') {
      const db = ds.driver.databaseConnection;
      db.pragma('cache_size = -262144');
      db.pragma('busy_timeout = 30000');
    }
    return seeder;
  }

  constructor(ds, engine) {
    this.ds = ds;
    this.engine = engine;
    this.User = app('users/user.entity').User;
    this.GroupMember = app('groups/group-member.entity').GroupMember;
    const fields = app('users/user-fields');
    this.newUser = fields.newUser;
    this.applyUserFields = fields.applyUserFields;
    this.caseKey = app('common/text/case-key').caseKey;
  }

  /**
   * `count` SCIM-provisioned users of the customer, as an Entra sync leaves them: userName = email =
   * `user<i>@<domain>`, externalId, names, department. Created one millisecond apart (distinct list order).
   * Returns the ids in index order.
   */
  async seedUsers(customerId, count, domain, onProgress) {
    const ids = new Array(count);
    const start = Date.now() - count - 60_000;
    const now = new Date();
    const rowOf = (i) => {
      const created = new Date(start + i);
      const user = this.newUser(customerId, 'scim', created);
      const email = `user${i}@${domain}`;
      this.applyUserFields(
        user,
        { email, firstName: `Given${i}`, lastName: `Family${i}`, department: `Dept ${i % 50}`, active: true },
        created,
      );
      // What the app's SCIM store does when it links a user (linkToScim): userName, its key, externalId.
      Object.assign(user, { source: 'scim', scimUserName: email, scimUserNameKey: this.caseKey(email), externalId: `ext-${i}` });
      user.createdAt = created;
      user.updatedAt = now;
      user.version = 1;
      ids[i] = user.id;
      return user;
    };
    await this.insertRows(this.User, count, rowOf, onProgress);
    return ids;
  }

  /** Membership rows straight into group_members. */
  async seedMembers(groupId, userIds) {
    const now = new Date();
    await this.insertRows(this.GroupMember, userIds.length, (i) => ({ groupId, userId: userIds[i], createdAt: now }));
  }

  async insertRows(entity, count, rowOf, onProgress) {
    const metadata = this.ds.getMetadata(entity);
    const columns = metadata.columns.filter((c) => !c.isVirtual);
    const names = columns.map((c) => this.ds.driver.escape(c.databaseName));
    const table = this.ds.driver.escape(metadata.tableName);
    const driver = this.ds.driver;
    const valuesOf = (row) => columns.map((c) => driver.preparePersistentValue(row[c.propertyName], c));
    if (this.engine === 'sqlite') {
      const db = driver.databaseConnection;
      const per = 100;
      const one = `(${columns.map(() => '?').join(', ')})`;
      const many = db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES ${Array(per).fill(one).join(', ')}`);
      const single = db.prepare(`INSERT INTO ${table} (${names.join(', ')}) VALUES ${one}`);
      const batch = db.transaction((from, to) => {
        let i = from;
        for (; i + per <= to; i += per) {
          const params = [];
          for (let j = i; j < i + per; j++) params.push(...valuesOf(rowOf(j)));
          many.run(params);
        }
        for (; i < to; i++) single.run(valuesOf(rowOf(i)));
      });
      const step = 20_000;
      for (let from = 0; from < count; from += step) {
        batch(from, Math.min(count, from + step));
        if (onProgress) onProgress(Math.min(count, from + step));
        // better-sqlite3 is synchronous: let the event loop see sockets closing (idle keep-alive ones) meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return;
    }
    // PostgreSQL: multi-row INSERTs (≤ 65535 parameters each), two in flight on the pool.
    const per = Math.floor(30_000 / columns.length);
    const statementFor = (rows) => {
      const placeholders = [];
      let p = 1;
      for (let r = 0; r < rows; r++) placeholders.push(`(${columns.map(() => `$${p++}`).join(', ')})`);
      return `INSERT INTO ${table} (${names.join(', ')}) VALUES ${placeholders.join(', ')}`;
    };
    const full = statementFor(per);
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < count) {
        const from = next;
        const to = Math.min(count, from + per);
        next = to;
        const params = [];
        for (let i = from; i < to; i++) params.push(...valuesOf(rowOf(i)));
        await this.ds.query(to - from === per ? full : statementFor(to - from), params);
        done += to - from;
        if (onProgress) onProgress(done);
      }
    };
    await Promise.all([worker(), worker()]);
  }

  /**
   * After seeding, the state a live database settles into by itself: on PostgreSQL what autovacuum does after
   * a bulk insert (statistics, visibility map, so it does not kick in during a workload); SQLite folds the WAL back.
   */
  async settle() {
    if (this.engine === 'postgres') {
      await this.ds.query('VACUUM ANALYZE');
    } else {
      this.ds.driver.databaseConnection.pragma('wal_checkpoint(TRUNCATE)');
    }
  }

  async close() {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}

module.exports = { createBenchDatabase, configFromUrl, Seeder, DIST, DEFAULT_PG_URL };

import { INestApplication, Module } from '@nestjs/common';
import { NestFactory, RouterModule } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import type { DialectProfile } from '../../dialects/dialect-rules';
import { scimBodyErrorHandler } from '../../http/scim-body-error.handler';
import type { ScimUserRecord } from '../../ports/user-store';
import { tenantId, TenantId } from '../../ports/tenant';
import { isPlainObject } from '../../schema/attribute';
import { ENTERPRISE_USER_SCHEMA } from '../../schema/enterprise-user.schema';
import { MANAGER_USER_SCHEMA } from '../../schema/manager-user.schema';
import { ScimModule } from '../../scim.module';
import type { ScimModuleOptions } from '../../scim-options';
import { InMemoryGroupStore } from '../in-memory-group.store';
import { InMemoryCredentialStore, InMemoryEventSink, InMemoryTransactionRunner } from '../in-memory-infrastructure';
import { InMemoryUserStore } from '../in-memory-user.store';
import type { ConformanceHost } from './conformance';
import { assertFinalState, HostSnapshot, HostUser } from './final-state';
import { supertestClient } from './replay-client';
import type { Scenario } from './scenario';

export const IN_MEMORY_SCIM_BASE = '/scim/v2';

export interface InMemoryHostOptions {
  readonly profile?: DialectProfile;
  /** The user store to mount (e.g. a deliberately broken subclass). Default: a new InMemoryUserStore. */
  readonly users?: InMemoryUserStore;
}

/** The reference host: a bare Nest app mounting ScimModule at `/scim/v2` with the in-memory ports. */
export interface InMemoryScimHost extends ConformanceHost {
  readonly tenant: TenantId;
  readonly users: InMemoryUserStore;
  readonly groups: InMemoryGroupStore;
  readonly events: InMemoryEventSink;
  snapshot(): Promise<HostSnapshot>;
  close(): Promise<void>;
}

/**
 * A fresh bare app for one scenario: `setup.importedUsers` seeded as unlinked users, one connection for
 * `scenario.idp` in `options.profile` (default: the IdP's), and a probe that reads the stores.
 */
export async function inMemoryScimHost(scenario: Scenario, options: InMemoryHostOptions = {}): Promise<InMemoryScimHost> {
  const tenant = tenantId(`conformance-${randomUUID()}`);
  const users = options.users ?? new InMemoryUserStore();
  const groups = new InMemoryGroupStore(users);
  const events = new InMemoryEventSink();
  const credentials = new InMemoryCredentialStore();
  for (const imported of scenario.setup?.importedUsers ?? []) {
    users.seedUnlinked(tenant, {
      userName: imported.email,
      name: { givenName: imported.firstName, familyName: imported.lastName },
      emails: [{ value: imported.email, type: 'work', primary: true }],
      active: true,
    });
  }
  const token = credentials.issue({ tenant, connectionId: `conn-${scenario.idp}`, provider: scenario.idp, profile: options.profile ?? scenario.idp });
  const app = await mountInMemoryScim({ users, groups, credentials, events, transactions: new InMemoryTransactionRunner() });
  const snapshot = async (): Promise<HostSnapshot> => ({
    users: users.list(tenant).map(hostUser),
    groups: groups.list(tenant).map((g) => ({
      name: String(g.attributes.displayName),
      members: users.list(tenant).filter((u) => g.members.has(u.id)).map((u) => hostUser(u).email),
    })),
  });
  return {
    tenant,
    users,
    groups,
    events,
    snapshot,
    client: supertestClient(app.getHttpServer(), IN_MEMORY_SCIM_BASE, token),
    probe: async (final) => assertFinalState(final, await snapshot()),
    close: () => app.close(),
  };
}

/** A bare Nest app serving the module at IN_MEMORY_SCIM_BASE, body parsers as the README asks. */
async function mountInMemoryScim(options: ScimModuleOptions): Promise<INestApplication> {
  @Module({
    imports: [ScimModule.forRoot(options), RouterModule.register([{ path: IN_MEMORY_SCIM_BASE.slice(1), module: ScimModule }])],
  })
  class InMemoryHostModule {}

  const nest = await NestFactory.create<NestExpressApplication>(InMemoryHostModule, { logger: false, bodyParser: false });
  nest.useBodyParser('json', { type: ['application/json', 'application/scim+json'], limit: '1mb' });
  nest.use(IN_MEMORY_SCIM_BASE, scimBodyErrorHandler());
  return nest.init();
}

function hostUser(record: ScimUserRecord): HostUser {
  const a = record.attributes;
  const name = isPlainObject(a.name) ? a.name : {};
  const enterprise = isPlainObject(a[ENTERPRISE_USER_SCHEMA]) ? a[ENTERPRISE_USER_SCHEMA] : {};
  const manager = isPlainObject(a[MANAGER_USER_SCHEMA]) ? a[MANAGER_USER_SCHEMA] : {};
  return {
    email: emailOf(a.emails) ?? String(a.userName),
    active: a.active !== false,
    firstName: text(name.givenName),
    lastName: text(name.familyName),
    gender: text(manager.gender),
    academicTitle: text(manager.academicTitle),
    department: text(enterprise.department),
  };
}

/** The primary email, else the work one, else the first. */
function emailOf(raw: unknown): string | undefined {
  const emails = (Array.isArray(raw) ? raw : []).filter(isPlainObject).filter((e) => typeof e.value === 'string');
  const chosen = emails.find((e) => e.primary === true) ?? emails.find((e) => e.type === 'work') ?? emails[0];
  return chosen?.value as string | undefined;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

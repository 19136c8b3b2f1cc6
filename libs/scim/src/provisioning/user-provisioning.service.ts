import { Inject, Injectable } from '@nestjs/common';
import { ScimError } from '../errors/scim-error';
import type { ScimAction } from '../ports/event-sink';
import { SCIM_USER_STORE } from '../ports/tokens';
import type { UnitOfWork } from '../ports/unit-of-work';
import type { ScimUserRecord, ScimUserStore } from '../ports/user-store';
import { applyPatch } from '../patch/patch-engine';
import type { PatchOperation } from '../patch/patch-types';
import type { ScimResource } from '../schema/attribute';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';
import { validateResource } from '../schema/resource-validator';
import { ScimConfig } from '../scim-config';
import { assertIfMatch } from './preconditions';
import { Outcome, RequestRunner } from './request-runner';
import { dialectOf, ScimRequestInfo } from './scim-request';
import { normaliseBody } from '../dialects/body-dialect';
import { normalisePatch } from '../dialects/patch-dialect';
import { decideCreate, identityKeys } from './user-lifecycle';

/** The User resource's writes (RFC 7644 §3.3, §3.5, §3.6), each one unit of work with its event. */
@Injectable()
export class UserProvisioningService {
  readonly type: ResourceTypeSchema;

  constructor(
    @Inject(SCIM_USER_STORE) private readonly users: ScimUserStore,
    private readonly runner: RequestRunner,
    config: ScimConfig,
  ) {
    this.type = config.registry.resourceType('User');
  }

  create(request: ScimRequestInfo, body: unknown): Promise<Outcome<ScimUserRecord>> {
    const dialect = dialectOf(request);
    return this.runner.run(request, 'User', async (uow) => {
      const attributes = this.validated(normaliseBody(body, this.type, dialect));
      const keys = identityKeys(attributes);
      const matches = await this.users.findByIdentity(request.connection.tenant, keys, uow);
      const decision = decideCreate(matches, keys);
      if (decision.kind === 'create') {
        const created = await this.users.create(request.connection.tenant, attributes, uow);
        return { result: created, status: 201, action: 'create', resourceId: created.id, changed: Object.keys(attributes) };
      }
      const existing = matches.find((m) => m.id === decision.id)!;
      const merged = keepUnmanaged(existing.attributes, attributes, this.type);
      const replaced = await this.replaceOrFail(request, decision.id, merged, uow);
      return { result: replaced, status: 201, action: decision.action, resourceId: replaced.id, changed: changedNames(existing, replaced) };
    }, dialect, { retryOnConflict: true });
  }

  replace(request: ScimRequestInfo, id: string, body: unknown): Promise<Outcome<ScimUserRecord>> {
    const dialect = dialectOf(request);
    return this.runner.run(request, 'User', async (uow) => {
      const attributes = this.validated(normaliseBody(body, this.type, dialect));
      const existing = await this.existing(request, id, uow);
      const merged = keepUnmanaged(existing.attributes, attributes, this.type);
      const replaced = await this.replaceOrFail(request, id, merged, uow);
      return this.updateOutcome(existing, replaced);
    }, dialect);
  }

  patch(request: ScimRequestInfo, id: string, operations: readonly PatchOperation[]): Promise<Outcome<ScimUserRecord>> {
    const dialect = dialectOf(request);
    return this.runner.run(request, 'User', async (uow) => {
      const existing = await this.existing(request, id, uow);
      const standard = normalisePatch(operations, { ...existing.attributes, id }, this.type, dialect);
      const patched = applyPatch(existing.attributes, standard, this.type, { strict: true });
      if (patched.changed.length === 0) return { result: existing, status: 200, action: 'update', resourceId: id, changed: [] };
      const attributes = this.validated(patched.resource, false);
      const replaced = await this.replaceOrFail(request, id, attributes, uow);
      return this.updateOutcome(existing, replaced);
    }, dialect);
  }

  delete(request: ScimRequestInfo, id: string): Promise<Outcome<void>> {
    return this.runner.run(request, 'User', async (uow) => {
      await this.existing(request, id, uow);
      await this.users.delete(request.connection.tenant, id, uow);
      return { result: undefined, status: 204, action: 'delete', resourceId: id };
    });
  }

  /** Strict RFC form for request bodies (after the dialect layer); our own patched resource is not re-checked for `schemas`. */
  private validated(body: unknown, strict = true): ScimResource {
    const { resource } = validateResource(body, this.type, { strict });
    const { schemas: _schemas, ...attributes } = resource;
    return attributes;
  }

  /** The user, checked against `If-Match`; 404 when absent or another tenant's. */
  private async existing(request: ScimRequestInfo, id: string, uow: UnitOfWork): Promise<ScimUserRecord> {
    const user = await this.users.findById(request.connection.tenant, id, uow, { forUpdate: true });
    if (user === null) throw ScimError.notFound(`User ${id} not found`);
    assertIfMatch(request.ifMatch, user.version);
    return user;
  }

  private async replaceOrFail(request: ScimRequestInfo, id: string, attributes: ScimResource, uow: UnitOfWork) {
    const replaced = await this.users.replace(request.connection.tenant, id, attributes, uow);
    if (replaced === null) throw ScimError.notFound(`User ${id} not found`);
    return replaced;
  }

  private updateOutcome(before: ScimUserRecord, after: ScimUserRecord): Outcome<ScimUserRecord> {
    const wasActive = before.attributes.active !== false;
    const isActive = after.attributes.active !== false;
    const action: ScimAction = wasActive === isActive ? 'update' : isActive ? 'reactivate' : 'deactivate';
    return { result: after, status: 200, action, resourceId: after.id, changed: changedNames(before, after) };
  }
}

/**
 * PUT keeps what the IdP does not manage (SCIM-NOTES §3 item 15): an extension object absent from the
 * body keeps its stored values, and an absent `active` or `externalId` (Okta's PUT carries neither id)
 * keeps the stored one.
 */
function keepUnmanaged(stored: ScimResource, body: ScimResource, type: ResourceTypeSchema): ScimResource {
  const merged: ScimResource = { ...body };
  for (const extension of type.extensions) {
    if (merged[extension.id] === undefined && stored[extension.id] !== undefined) merged[extension.id] = stored[extension.id];
  }
  for (const name of ['active', 'externalId']) {
    if (merged[name] === undefined && stored[name] !== undefined) merged[name] = stored[name];
  }
  return merged;
}

/** Top-level attribute names (extension attributes as `urn:…:name`) whose stored value changed. */
function changedNames(before: { attributes: ScimResource }, after: { attributes: ScimResource }): string[] {
  const names = new Set<string>();
  const compare = (a: ScimResource, b: ScimResource, prefix: string) => {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (key.startsWith('urn:') && prefix === '') {
        compare((a[key] ?? {}) as ScimResource, (b[key] ?? {}) as ScimResource, `${key}:`);
      } else if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) {
        names.add(`${prefix}${key}`);
      }
    }
  };
  compare(before.attributes, after.attributes, '');
  return [...names].filter((n) => n !== 'groups').sort();
}

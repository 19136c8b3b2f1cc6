import { Inject, Injectable } from '@nestjs/common';
import { ScimError } from '../errors/scim-error';
import type { ScimAction } from '../ports/event-sink';
import type { ScimGroupRecord, ScimGroupStore } from '../ports/group-store';
import { SCIM_GROUP_STORE } from '../ports/tokens';
import type { UnitOfWork } from '../ports/unit-of-work';
import { memberIds } from '../patch/member-delta';
import { applyPatch } from '../patch/patch-engine';
import { patchNeedsMembers } from '../patch/members-without-list';
import type { MemberDelta, PatchOperation } from '../patch/patch-types';
import type { ScimResource } from '../schema/attribute';
import { validateResource } from '../schema/resource-validator';
import { assertIfMatch } from './preconditions';
import { GroupQueriesService } from './group-queries.service';
import { Outcome, RequestRunner } from './request-runner';
import { dialectOf, ScimRequestInfo } from './scim-request';
import { normaliseBody } from '../dialects/body-dialect';
import { normalisePatch } from '../dialects/patch-dialect';

const NO_CHANGE: MemberDelta = { added: [], removed: [] };

/** The Group resource's writes; member changes reach the store as deltas, never as whole lists. */
@Injectable()
export class GroupProvisioningService {
  constructor(
    @Inject(SCIM_GROUP_STORE) private readonly groups: ScimGroupStore | null,
    private readonly queries: GroupQueriesService,
    private readonly runner: RequestRunner,
  ) {}

  create(request: ScimRequestInfo, body: unknown): Promise<Outcome<ScimGroupRecord>> {
    const store = this.store();
    const dialect = dialectOf(request);
    return this.runner.run(request, 'Group', async (uow) => {
      const attributes = this.validated(normaliseBody(body, this.queries.resourceType(), dialect));
      const created = await store.create(request.connection.tenant, attributes, uow);
      return { result: created, status: 201, action: 'create', resourceId: created.id, changed: Object.keys(attributes) };
    }, dialect);
  }

  /** PUT: the body is the whole group, so its member list (absent: none) replaces the stored one. */
  replace(request: ScimRequestInfo, id: string, body: unknown): Promise<Outcome<ScimGroupRecord>> {
    const dialect = dialectOf(request);
    return this.runner.run(request, 'Group', async (uow) => {
      const { members, ...attributes } = this.validated(normaliseBody(body, this.queries.resourceType(), dialect));
      const ids = memberIds(members);
      const delta: MemberDelta = { added: [], removed: [], replacedAll: ids, clearedAll: ids.length === 0 };
      const existing = await this.existing(request, id, false, uow);
      const updated = await this.update(request, id, attributes, delta, uow);
      return { result: updated, status: 200, action: 'update', resourceId: id, changed: changed(existing, updated, delta) };
    }, dialect);
  }

  patch(request: ScimRequestInfo, id: string, operations: readonly PatchOperation[]): Promise<Outcome<ScimGroupRecord>> {
    const type = this.queries.resourceType();
    const dialect = dialectOf(request);
    return this.runner.run(request, 'Group', async (uow) => {
      const shallow = normalisePatch(operations, { id }, type, dialect.dryRun());
      const needsMembers = patchNeedsMembers(shallow, type);
      const existing = await this.existing(request, id, needsMembers, uow);
      const standard = normalisePatch(operations, { ...existing.attributes, id }, type, dialect);
      const patched = applyPatch(existing.attributes, standard, type, { membersLoaded: needsMembers, strict: true });
      const delta = patched.memberDelta ?? NO_CHANGE;
      if (patched.changed.length === 0 && isEmpty(delta)) return { result: existing, status: 200, action: 'update', resourceId: id, changed: [] };
      const { members: _members, ...attributes } = this.validated(patched.resource, false);
      const updated = await this.update(request, id, attributes, delta, uow);
      return { result: updated, status: 200, action: actionOf(patched.changed, delta), resourceId: id, changed: patched.changed };
    }, dialect);
  }

  delete(request: ScimRequestInfo, id: string): Promise<Outcome<void>> {
    const store = this.store();
    return this.runner.run(request, 'Group', async (uow) => {
      await this.existing(request, id, false, uow);
      await store.delete(request.connection.tenant, id, uow);
      return { result: undefined, status: 204, action: 'delete', resourceId: id };
    });
  }

  private validated(body: unknown, strict = true): ScimResource {
    const { schemas: _schemas, ...attributes } = validateResource(body, this.queries.resourceType(), { strict }).resource;
    return attributes;
  }

  private async existing(request: ScimRequestInfo, id: string, members: boolean, uow: UnitOfWork): Promise<ScimGroupRecord> {
    const group = await this.store().findById(request.connection.tenant, id, { members, forUpdate: true }, uow);
    if (group === null) throw ScimError.notFound(`Group ${id} not found`);
    assertIfMatch(request.ifMatch, group.version);
    return group;
  }

  private async update(request: ScimRequestInfo, id: string, attributes: ScimResource, delta: MemberDelta, uow: UnitOfWork) {
    const updated = await this.store().update(request.connection.tenant, id, attributes, delta, uow);
    if (updated === null) throw ScimError.notFound(`Group ${id} not found`);
    return updated;
  }

  private store(): ScimGroupStore {
    if (this.groups === null) throw ScimError.notFound('This service provider does not serve Groups');
    return this.groups;
  }
}

function isEmpty(delta: MemberDelta): boolean {
  return delta.replacedAll === undefined && delta.added.length === 0 && delta.removed.length === 0;
}

function actionOf(changedNames: readonly string[], delta: MemberDelta): ScimAction {
  const onlyMembers = changedNames.every((n) => n === 'members');
  if (!onlyMembers || delta.replacedAll !== undefined) return 'update';
  if (delta.removed.length === 0) return 'members-added';
  return delta.added.length === 0 ? 'members-removed' : 'update';
}

function changed(before: ScimGroupRecord, after: ScimGroupRecord, delta: MemberDelta): string[] {
  const names = ['displayName', 'externalId'].filter((n) => before.attributes[n] !== after.attributes[n]);
  return before.version !== after.version && !isEmpty(delta) ? [...names, 'members'] : names;
}

import { Inject, Injectable } from '@nestjs/common';
import { ScimError } from '../errors/scim-error';
import type { GroupReadOptions, ScimGroupRecord, ScimGroupStore } from '../ports/group-store';
import type { StorePage } from '../ports/store-query';
import { SCIM_GROUP_STORE } from '../ports/tokens';
import type { ListRequest } from '../http/list-request';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';
import { ScimConfig } from '../scim-config';
import { listQuery } from './list-query';
import { Outcome, RequestRunner } from './request-runner';
import type { ScimRequestInfo } from './scim-request';

/** Reads of the Group resource; members are loaded only when the response carries them. */
@Injectable()
export class GroupQueriesService {
  readonly type: ResourceTypeSchema | undefined;

  constructor(
    @Inject(SCIM_GROUP_STORE) private readonly groups: ScimGroupStore | null,
    private readonly runner: RequestRunner,
    private readonly config: ScimConfig,
  ) {
    this.type = config.groupsEnabled ? config.registry.resourceType('Group') : undefined;
  }

  get(request: ScimRequestInfo, id: string, options: GroupReadOptions): Promise<Outcome<ScimGroupRecord>> {
    const store = this.store();
    return this.runner.read(request, 'Group', async (uow) => {
      const group = await store.findById(request.connection.tenant, id, options, uow);
      if (group === null) throw ScimError.notFound(`Group ${id} not found`);
      return { result: group, status: 200, action: 'read', resourceId: id };
    });
  }

  list(request: ScimRequestInfo, list: ListRequest, options: GroupReadOptions): Promise<Outcome<StorePage<ScimGroupRecord>>> {
    const store = this.store();
    return this.runner.read(request, 'Group', async (uow) => {
      const query = listQuery(list, this.resourceType(), this.config.limits);
      const page = await store.search(request.connection.tenant, query, options, uow);
      return { result: page, status: 200, action: 'lookup' };
    });
  }

  resourceType(): ResourceTypeSchema {
    if (this.type === undefined) throw ScimError.notFound('This service provider does not serve Groups');
    return this.type;
  }

  private store(): ScimGroupStore {
    if (this.groups === null) throw ScimError.notFound('This service provider does not serve Groups');
    return this.groups;
  }
}

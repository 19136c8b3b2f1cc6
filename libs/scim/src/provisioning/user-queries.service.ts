import { Inject, Injectable } from '@nestjs/common';
import { ScimError } from '../errors/scim-error';
import type { StorePage } from '../ports/store-query';
import { SCIM_USER_STORE } from '../ports/tokens';
import type { ScimUserRecord, ScimUserStore } from '../ports/user-store';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';
import { ScimConfig } from '../scim-config';
import type { ListRequest } from '../http/list-request';
import { listQuery } from './list-query';
import { Outcome, RequestRunner } from './request-runner';
import type { ScimRequestInfo } from './scim-request';

/** Reads of the User resource: by id, and lists with filter, sort and paging evaluated by the store. */
@Injectable()
export class UserQueriesService {
  readonly type: ResourceTypeSchema;

  constructor(
    @Inject(SCIM_USER_STORE) private readonly users: ScimUserStore,
    private readonly runner: RequestRunner,
    private readonly config: ScimConfig,
  ) {
    this.type = config.registry.resourceType('User');
  }

  get(request: ScimRequestInfo, id: string): Promise<Outcome<ScimUserRecord>> {
    return this.runner.read(request, 'User', async (uow) => {
      const user = await this.users.findById(request.connection.tenant, id, uow);
      if (user === null) throw ScimError.notFound(`User ${id} not found`);
      return { result: user, status: 200, action: 'read', resourceId: id };
    });
  }

  /** A list never answers 404: no match is an empty page (SCIM-NOTES §1.6, Entra quarantines on 404). */
  list(request: ScimRequestInfo, list: ListRequest): Promise<Outcome<StorePage<ScimUserRecord>>> {
    return this.runner.read(request, 'User', async (uow) => {
      const query = listQuery(list, this.type, this.config.limits);
      const page = await this.users.search(request.connection.tenant, query, uow);
      return { result: page, status: 200, action: 'lookup' };
    });
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { ScimError } from '../errors/scim-error';
import type { StorePage } from '../ports/store-query';
import { SCIM_USER_STORE } from '../ports/tokens';
import type { ScimUserRecord, ScimUserStore } from '../ports/user-store';
import { canonicalizeFilter, canonicalPath } from '../query/filter-validator';
import { parseFilter } from '../query/filter-parser';
import type { FilterNode } from '../query/filter-ast';
import type { ResourceTypeSchema } from '../schema/resource-type-schema';
import { ScimConfig } from '../scim-config';
import type { ListRequest } from '../http/list-request';
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
    return this.runner.run(request, 'User', async (uow) => {
      const user = await this.users.findById(request.connection.tenant, id, uow);
      if (user === null) throw ScimError.notFound(`User ${id} not found`);
      return { result: user, status: 200, action: 'read', resourceId: id };
    });
  }

  /** A list never answers 404: no match is an empty page (SCIM-NOTES §1.6, Entra quarantines on 404). */
  list(request: ScimRequestInfo, list: ListRequest): Promise<Outcome<StorePage<ScimUserRecord>>> {
    const filter = this.filterOf(list.filter);
    const sortBy = this.sortOf(list.sortBy);
    return this.runner.run(request, 'User', async (uow) => {
      const page = await this.users.search(
        request.connection.tenant,
        { filter, sortBy, descending: list.descending, offset: list.startIndex - 1, limit: list.count },
        uow,
      );
      return { result: page, status: 200, action: 'lookup' };
    });
  }

  private filterOf(text: string | undefined): FilterNode | undefined {
    if (text === undefined || text.trim() === '') return undefined;
    const { maxFilterLength, maxFilterDepth } = this.config.limits;
    return canonicalizeFilter(parseFilter(text, { maxLength: maxFilterLength, maxDepth: maxFilterDepth }), this.type);
  }

  private sortOf(text: string | undefined) {
    if (text === undefined || text.trim() === '') return undefined;
    try {
      return canonicalPath(pathOf(text), this.type);
    } catch {
      throw ScimError.invalidValue(`sortBy "${text}" is not an attribute of ${this.type.name}`);
    }
  }
}

/** An attribute path read with the filter grammar (`urn:…:User:name.givenName` included). */
function pathOf(text: string) {
  const node = parseFilter(`${text} pr`);
  if (node.kind !== 'present') throw ScimError.invalidValue('sortBy must be an attribute path');
  return node.path;
}

import { Module, Provider } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { EntraJwtVerifier } from './auth/entra-jwt.verifier';
import { ScimBearerStrategy } from './auth/scim-bearer.strategy';
import { ScimAuthGuard } from './auth/scim-auth.guard';
import { DiscoveryController } from './http/discovery.controller';
import { GroupsController } from './http/groups.controller';
import { UsersController } from './http/users.controller';
import {
  SCIM_CREDENTIAL_STORE,
  SCIM_EVENT_SINK,
  SCIM_GROUP_STORE,
  SCIM_RATE_LIMITER,
  SCIM_TRANSACTION_RUNNER,
  SCIM_USER_STORE,
} from './ports/tokens';
import { RequestRunner } from './provisioning/request-runner';
import { UserProvisioningService } from './provisioning/user-provisioning.service';
import { UserQueriesService } from './provisioning/user-queries.service';
import { GroupProvisioningService } from './provisioning/group-provisioning.service';
import { GroupQueriesService } from './provisioning/group-queries.service';
import { ScimConfig } from './scim-config';
import { SCIM_MODULE_OPTIONS, ScimModuleBase } from './scim.module-definition';
import type { ScimModuleOptions } from './scim-options';

const portProviders: Provider[] = [
  { provide: SCIM_USER_STORE, inject: [SCIM_MODULE_OPTIONS], useFactory: (o: ScimModuleOptions) => o.users },
  { provide: SCIM_GROUP_STORE, inject: [SCIM_MODULE_OPTIONS], useFactory: (o: ScimModuleOptions) => o.groups ?? null },
  { provide: SCIM_RATE_LIMITER, inject: [SCIM_MODULE_OPTIONS], useFactory: (o: ScimModuleOptions) => o.rateLimiter ?? null },
  { provide: SCIM_CREDENTIAL_STORE, inject: [SCIM_MODULE_OPTIONS], useFactory: (o: ScimModuleOptions) => o.credentials },
  { provide: SCIM_TRANSACTION_RUNNER, inject: [SCIM_MODULE_OPTIONS], useFactory: (o: ScimModuleOptions) => o.transactions },
  { provide: SCIM_EVENT_SINK, inject: [SCIM_MODULE_OPTIONS], useFactory: (o: ScimModuleOptions) => o.events },
];

/**
 * A SCIM 2.0 service provider (RFC 7643/7644) for the host's users and groups. Routes are relative (`Users`,
 * `Schemas`, …): the host mounts them with `RouterModule.register([{ path: 'scim/v2', module: ScimModule }])`.
 */
@Module({
  imports: [PassportModule],
  controllers: [UsersController, GroupsController, DiscoveryController],
  providers: [
    ...portProviders,
    ScimConfig,
    ScimBearerStrategy,
    EntraJwtVerifier,
    ScimAuthGuard,
    RequestRunner,
    UserProvisioningService,
    UserQueriesService,
    GroupProvisioningService,
    GroupQueriesService,
  ],
})
export class ScimModule extends ScimModuleBase {}

import { InitialSchema1764403200000 } from './1764403200000-initial-schema';
import { ScimConnections1764403300000 } from './1764403300000-scim-connections';
import { ScimUserIndexes1764403400000 } from './1764403400000-scim-user-indexes';
import { ScimGroupIndexes1764403500000 } from './1764403500000-scim-group-indexes';
import { DialectProfiles1764403600000 } from './1764403600000-dialect-profiles';
import { ScimTokenLifecycle1764403700000 } from './1764403700000-scim-token-lifecycle';
import { ProvisioningLogIndexes1764403800000 } from './1764403800000-provisioning-log-indexes';

/** Every migration, in order. Listed explicitly so the built app and the tests load the same set. */
export const migrations = [
  InitialSchema1764403200000,
  ScimConnections1764403300000,
  ScimUserIndexes1764403400000,
  ScimGroupIndexes1764403500000,
  DialectProfiles1764403600000,
  ScimTokenLifecycle1764403700000,
  ProvisioningLogIndexes1764403800000,
];

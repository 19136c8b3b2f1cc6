import { Module } from '@nestjs/common';
import { ProvisioningLogSink } from './provisioning-log.sink';
import { ScimUsageRecorder } from './scim-usage.recorder';
import { TypeOrmCredentialStore } from './typeorm-credential.store';
import { TypeOrmGroupStore } from './typeorm-group.store';
import { TypeOrmTransactionRunner } from './typeorm-transaction.runner';
import { TypeOrmUserStore } from './typeorm-user.store';

const adapters = [
  TypeOrmUserStore,
  TypeOrmGroupStore,
  TypeOrmCredentialStore,
  TypeOrmTransactionRunner,
  ProvisioningLogSink,
  ScimUsageRecorder,
];

/** The Manager's side of the SCIM library's ports, over its own tables; injected into ScimModule.forRootAsync. */
@Module({ providers: adapters, exports: adapters })
export class ScimAdaptersModule {}

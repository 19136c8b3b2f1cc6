import { Module } from '@nestjs/common';
import { ProvisioningLogSink } from './provisioning-log.sink';
import { TypeOrmCredentialStore } from './typeorm-credential.store';
import { TypeOrmTransactionRunner } from './typeorm-transaction.runner';

/** The app's side of the SCIM ports that are not user/group stores; inject these into ScimModule.forRootAsync. */
@Module({
  providers: [TypeOrmCredentialStore, ProvisioningLogSink, TypeOrmTransactionRunner],
  exports: [TypeOrmCredentialStore, ProvisioningLogSink, TypeOrmTransactionRunner],
})
export class ScimInfrastructureModule {}

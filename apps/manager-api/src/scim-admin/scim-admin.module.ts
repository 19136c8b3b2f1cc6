import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { ScimAdaptersModule } from '../scim-adapters/scim-adapters.module';
import { ProvisioningLogRetentionService } from './provisioning-log-retention.service';
import { ScimConnectionsController } from './scim-connections.controller';
import { ScimConnectionsRepository } from './scim-connections.repository';
import { ScimConnectionsService } from './scim-connections.service';
import { ScimDoctorRepository } from './scim-doctor.repository';
import { ScimEventsController } from './scim-events.controller';
import { ScimEventsRepository } from './scim-events.repository';
import { ScimEventsService } from './scim-events.service';
import { ScimStatusController } from './scim-status.controller';
import { ScimStatusRepository } from './scim-status.repository';
import { ScimStatusService } from './scim-status.service';

/** Admin API of SCIM connections: enabling SCIM for a customer, its token, status and provisioning log. */
@Module({
  imports: [CustomersModule, ScimAdaptersModule],
  controllers: [ScimConnectionsController, ScimStatusController, ScimEventsController],
  providers: [
    ScimConnectionsRepository,
    ScimConnectionsService,
    ScimStatusRepository,
    ScimDoctorRepository,
    ScimStatusService,
    ScimEventsRepository,
    ScimEventsService,
    ProvisioningLogRetentionService,
  ],
})
export class ScimAdminModule {}

import { Module } from '@nestjs/common';
import { CustomersModule } from '../customers/customers.module';
import { ScimConnectionsController } from './scim-connections.controller';
import { ScimConnectionsRepository } from './scim-connections.repository';
import { ScimConnectionsService } from './scim-connections.service';

/** Admin API of SCIM connections: enabling SCIM for a customer and issuing its token. */
@Module({
  imports: [CustomersModule],
  controllers: [ScimConnectionsController],
  providers: [ScimConnectionsRepository, ScimConnectionsService],
})
export class ScimAdminModule {}

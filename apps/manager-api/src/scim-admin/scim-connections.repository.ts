import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { ScimConnection } from './scim-connection.entity';
import { ScimToken } from './scim-token.entity';

@Injectable()
export class ScimConnectionsRepository {
  findByCustomer(customerId: string, manager: EntityManager): Promise<ScimConnection | null> {
    return manager.findOneBy(ScimConnection, { customerId });
  }

  /** @throws QueryFailedError (unique violation) when the customer already has a connection. */
  async insert(connection: ScimConnection, manager: EntityManager): Promise<void> {
    await manager.createQueryBuilder().insert().into(ScimConnection).values(connection).updateEntity(false).execute();
  }

  /** Enables a disabled connection; `false` when it was enabled meanwhile (the caller lost a race). */
  async enableIfDisabled(
    id: string,
    changes: Pick<ScimConnection, 'provider' | 'idpTenantId' | 'updatedAt'>,
    manager: EntityManager,
  ): Promise<boolean> {
    const result = await manager.update(ScimConnection, { id, enabled: false }, { ...changes, enabled: true });
    return (result.affected ?? 0) === 1;
  }

  async revokeActiveTokens(connectionId: string, now: Date, manager: EntityManager): Promise<void> {
    await manager.update(ScimToken, { connectionId, revokedAt: IsNull() }, { revokedAt: now });
  }

  async insertToken(token: ScimToken, manager: EntityManager): Promise<void> {
    await manager.createQueryBuilder().insert().into(ScimToken).values(token).updateEntity(false).execute();
  }
}

import { Injectable } from '@nestjs/common';
import { EntityManager, In, IsNull } from 'typeorm';
import { ScimAdminAction } from './scim-admin-action.entity';
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
    changes: Pick<ScimConnection, 'provider' | 'profile' | 'allowedSourceIps' | 'idpTenantId' | 'updatedAt'>,
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

  /** Tokens that work now (not revoked, not expired), newest first. */
  async activeTokens(connectionId: string, now: Date, manager: EntityManager): Promise<ScimToken[]> {
    const tokens = await manager.find(ScimToken, { where: { connectionId, revokedAt: IsNull() }, order: { createdAt: 'DESC', id: 'DESC' } });
    return tokens.filter((t) => t.expiresAt === null || t.expiresAt > now);
  }

  async revokeTokens(ids: readonly string[], now: Date, manager: EntityManager): Promise<void> {
    if (ids.length > 0) await manager.update(ScimToken, { id: In([...ids]) }, { revokedAt: now });
  }

  /** Lets a token work until `until` (the rotation grace), or revokes it when that is already past. */
  async expireToken(id: string, until: Date, now: Date, manager: EntityManager): Promise<void> {
    await manager.update(ScimToken, { id }, until > now ? { expiresAt: until } : { expiresAt: until, revokedAt: now });
  }

  async recordAction(action: ScimAdminAction, manager: EntityManager): Promise<void> {
    await manager.createQueryBuilder().insert().into(ScimAdminAction).values(action).updateEntity(false).execute();
  }
}

import { displayPrefix, generateScimToken, hashScimToken } from '@app/scim/auth/scim-token';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CustomersRepository } from '../customers/customers.repository';
import { CustomersService } from '../customers/customers.service';
import { violatedUniqueIndex } from '../database/unique-violation';
import { serialisedTransaction } from '../database/transactions';
import { ScimConnection, ScimProfile, ScimProvider } from './scim-connection.entity';
import { ScimConnectionsRepository } from './scim-connections.repository';
import { ScimToken } from './scim-token.entity';

export interface IssuedScimCredentials {
  readonly baseUrl: string;
  /** Shown once; only its SHA-256 digest is stored. */
  readonly token: string;
}

const alreadyEnabled = () =>
  new ManagerError(
    ManagerErrorCode.CONFLICT,
    'SCIM is already enabled for this customer; rotate its token instead of enabling it again',
  );

@Injectable()
export class ScimConnectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly customersService: CustomersService,
    private readonly customers: CustomersRepository,
    private readonly connections: ScimConnectionsRepository,
  ) {}

  /**
   * Creates (or re-enables) the customer's connection with a new token and hands the customer's users and
   * groups to its IdP. The unique index on the customer decides a race between two enables: one wins, one 409s.
   */
  async enable(customerId: string, provider: ScimProvider, profile: ScimProfile | null = null): Promise<IssuedScimCredentials> {
    const token = generateScimToken();
    try {
      await serialisedTransaction(this.dataSource, async (manager) => {
        const customer = await this.customersService.get(customerId, manager);
        if (customer.scimEnabled) throw alreadyEnabled();
        const now = new Date();
        const connectionId = await this.enableConnection(customerId, provider, profile, now, manager);
        await this.connections.revokeActiveTokens(connectionId, now, manager);
        await this.connections.insertToken(newToken(connectionId, token, now), manager);
        await this.customers.save(Object.assign(customer, { scimEnabled: true, updatedAt: now }), manager);
      });
    } catch (error) {
      if (violatedUniqueIndex(error) === undefined) throw error;
      throw alreadyEnabled();
    }
    return { baseUrl: `${this.config.publicBaseUrl}/scim/v2`, token };
  }

  private async enableConnection(
    customerId: string,
    provider: ScimProvider,
    profile: ScimProfile | null,
    now: Date,
    manager: EntityManager,
  ): Promise<string> {
    const existing = await this.connections.findByCustomer(customerId, manager);
    if (existing === null) {
      const connection = newConnection(customerId, provider, profile, now);
      await this.connections.insert(connection, manager);
      return connection.id;
    }
    // Another IdP's tenant id would lock the new provider out.
    const idpTenantId = existing.provider === provider ? existing.idpTenantId : null;
    const changes = { provider, profile, idpTenantId, updatedAt: now };
    if (existing.enabled || !(await this.connections.enableIfDisabled(existing.id, changes, manager))) throw alreadyEnabled();
    return existing.id;
  }
}

function newConnection(customerId: string, provider: ScimProvider, profile: ScimProfile | null, now: Date): ScimConnection {
  return Object.assign(new ScimConnection(), {
    id: randomUUID(),
    customerId,
    provider,
    profile,
    idpTenantId: null,
    enabled: true,
    createdAt: now,
    updatedAt: now,
    lastRequestAt: null,
  });
}

function newToken(connectionId: string, token: string, now: Date): ScimToken {
  return Object.assign(new ScimToken(), {
    id: randomUUID(),
    connectionId,
    tokenHash: hashScimToken(token),
    prefix: displayPrefix(token),
    createdAt: now,
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
  });
}

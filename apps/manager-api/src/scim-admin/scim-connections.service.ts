import { displayPrefix, generateScimToken, hashScimToken } from '@app/scim/auth/scim-token';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, CLOCK } from '../common/clock';
import { ManagerError, ManagerErrorCode } from '../common/errors/manager-error';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CustomersRepository } from '../customers/customers.repository';
import { CustomersService } from '../customers/customers.service';
import { serialisedTransaction } from '../database/transactions';
import { violatedUniqueIndex } from '../database/unique-violation';
import { ScimAdminActionName } from './scim-admin-action.entity';
import { ScimConnection } from './scim-connection.entity';
import { EnableScimDto, ScimSettingsDto } from './scim-connections.dto';
import { ScimConnectionsRepository } from './scim-connections.repository';
import { ScimToken } from './scim-token.entity';

export interface IssuedScimCredentials {
  readonly baseUrl: string;
  /** Shown once; only its SHA-256 digest is stored. */
  readonly token: string;
  readonly previousTokenValidUntil?: Date;
}

const conflict = (message: string) => new ManagerError(ManagerErrorCode.CONFLICT, message);
const alreadyEnabled = () => conflict('SCIM is already enabled for this customer; rotate its token instead of enabling it again');
const notEnabled = () => conflict('SCIM is not enabled for this customer');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The lifecycle of a customer's SCIM connection: enable, settings, token rotation with grace, disable. */
@Injectable()
export class ScimConnectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly customersService: CustomersService,
    private readonly customers: CustomersRepository,
    private readonly connections: ScimConnectionsRepository,
  ) {}

  /**
   * Creates (or re-enables) the customer's connection with a new token and hands the customer's users and
   * groups to its IdP. The unique index on the customer decides a race between two enables: one wins, one 409s.
   */
  async enable(customerId: string, input: EnableScimDto, actor: string): Promise<IssuedScimCredentials> {
    const token = generateScimToken();
    try {
      await serialisedTransaction(this.dataSource, async (manager) => {
        const customer = await this.customersService.get(customerId, manager);
        if (customer.scimEnabled) throw alreadyEnabled();
        const now = this.clock.now();
        const connectionId = await this.enableConnection(customerId, input, now, manager);
        await this.connections.revokeActiveTokens(connectionId, now, manager);
        await this.connections.insertToken(newToken(connectionId, token, now, input.tokenExpiresInDays), manager);
        await this.customers.save(Object.assign(customer, { scimEnabled: true, updatedAt: now }), manager);
        await this.audit(manager, customerId, connectionId, 'enable', actor, `provider=${input.provider}`);
      });
    } catch (error) {
      if (violatedUniqueIndex(error) === undefined) throw error;
      throw alreadyEnabled();
    }
    return { baseUrl: this.baseUrl(), token };
  }

  /** Changes profile, IdP tenant id or source-IP allowlist of an enabled connection. */
  async update(customerId: string, input: ScimSettingsDto, actor: string): Promise<ScimConnection> {
    return serialisedTransaction(this.dataSource, async (manager) => {
      const connection = await this.enabledConnection(customerId, manager);
      const changes = definedOnly({ profile: input.profile, idpTenantId: input.idpTenantId, allowedSourceIps: input.allowedSourceIps });
      Object.assign(connection, changes, { updatedAt: this.clock.now() });
      await manager.save(ScimConnection, connection);
      await this.audit(manager, customerId, connection.id, 'update', actor, Object.keys(changes).join(',') || null);
      return connection;
    });
  }

  /**
   * Issues a new token. The previous one keeps working for the grace period (so the IdP admin can paste the
   * new one without an outage); any older token stops at once.
   */
  async rotate(customerId: string, expiresInDays: number | undefined, actor: string): Promise<IssuedScimCredentials> {
    const token = generateScimToken();
    const validUntil = await serialisedTransaction(this.dataSource, async (manager) => {
      const connection = await this.enabledConnection(customerId, manager);
      const now = this.clock.now();
      const [current, ...older] = await this.connections.activeTokens(connection.id, now, manager);
      await this.connections.revokeTokens(older.map((t) => t.id), now, manager);
      let until: Date | undefined;
      if (current !== undefined) {
        const graceEnd = new Date(now.getTime() + this.config.scim.tokenGraceHours * HOUR);
        until = current.expiresAt !== null && current.expiresAt < graceEnd ? current.expiresAt : graceEnd;
        await this.connections.expireToken(current.id, until, now, manager);
      }
      // Strictly newer than the current token, so "newest first" stays exact even within one millisecond.
      const issuedAt = current !== undefined && current.createdAt >= now ? new Date(current.createdAt.getTime() + 1) : now;
      await this.connections.insertToken(newToken(connection.id, token, issuedAt, expiresInDays), manager);
      await this.audit(manager, customerId, connection.id, 'rotate', actor, null);
      return until;
    });
    return { baseUrl: this.baseUrl(), token, ...(validUntil === undefined ? {} : { previousTokenValidUntil: validUntil }) };
  }

  /** Ends the grace period at once: every token but the newest stops working. */
  async revokePrevious(customerId: string, actor: string): Promise<void> {
    await serialisedTransaction(this.dataSource, async (manager) => {
      const connection = await this.enabledConnection(customerId, manager);
      const now = this.clock.now();
      const [, ...older] = await this.connections.activeTokens(connection.id, now, manager);
      await this.connections.revokeTokens(older.map((t) => t.id), now, manager);
      await this.audit(manager, customerId, connection.id, 'revoke-previous', actor, `${older.length} token(s)`);
    });
  }

  /** Every token stops at once; users and groups stay and become manageable by hand again. */
  async disable(customerId: string, actor: string): Promise<void> {
    await serialisedTransaction(this.dataSource, async (manager) => {
      const customer = await this.customersService.get(customerId, manager);
      const connection = await this.enabledConnection(customerId, manager);
      const now = this.clock.now();
      await this.connections.revokeActiveTokens(connection.id, now, manager);
      await manager.update(ScimConnection, { id: connection.id }, { enabled: false, updatedAt: now });
      await this.customers.save(Object.assign(customer, { scimEnabled: false, updatedAt: now }), manager);
      await this.audit(manager, customerId, connection.id, 'disable', actor, null);
    });
  }

  private async enabledConnection(customerId: string, manager: EntityManager): Promise<ScimConnection> {
    await this.customersService.get(customerId, manager);
    const connection = await this.connections.findByCustomer(customerId, manager);
    if (connection === null || !connection.enabled) throw notEnabled();
    return connection;
  }

  private async enableConnection(customerId: string, input: EnableScimDto, now: Date, manager: EntityManager): Promise<string> {
    const settings = {
      provider: input.provider,
      profile: input.profile ?? null,
      allowedSourceIps: input.allowedSourceIps ?? [],
    };
    const existing = await this.connections.findByCustomer(customerId, manager);
    if (existing === null) {
      const connection = newConnection(customerId, { ...settings, idpTenantId: input.idpTenantId ?? null }, now);
      await this.connections.insert(connection, manager);
      return connection.id;
    }
    // Another IdP's tenant id would lock the new provider out.
    const keptTenant = existing.provider === input.provider ? existing.idpTenantId : null;
    const changes = { ...settings, idpTenantId: input.idpTenantId ?? keptTenant, updatedAt: now };
    if (existing.enabled || !(await this.connections.enableIfDisabled(existing.id, changes, manager))) throw alreadyEnabled();
    return existing.id;
  }

  private audit(manager: EntityManager, customerId: string, connectionId: string, action: ScimAdminActionName, actor: string, detail: string | null) {
    return this.connections.recordAction(
      { id: randomUUID(), customerId, connectionId, action, actor, at: this.clock.now(), detail },
      manager,
    );
  }

  private baseUrl(): string {
    return `${this.config.publicBaseUrl}/scim/v2`;
  }
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function newConnection(
  customerId: string,
  settings: Pick<ScimConnection, 'provider' | 'profile' | 'allowedSourceIps' | 'idpTenantId'>,
  now: Date,
): ScimConnection {
  return Object.assign(new ScimConnection(), {
    id: randomUUID(),
    customerId,
    ...settings,
    enabled: true,
    createdAt: now,
    updatedAt: now,
    lastRequestAt: null,
  });
}

function newToken(connectionId: string, token: string, now: Date, expiresInDays: number | undefined): ScimToken {
  return Object.assign(new ScimToken(), {
    id: randomUUID(),
    connectionId,
    tokenHash: hashScimToken(token),
    prefix: displayPrefix(token),
    createdAt: now,
    lastUsedAt: null,
    expiresAt: expiresInDays === undefined ? null : new Date(now.getTime() + expiresInDays * DAY),
    revokedAt: null,
  });
}

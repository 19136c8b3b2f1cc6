import { profileFor } from '@app/scim/dialects/dialect-rules';
import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CustomersService } from '../customers/customers.service';
import { ProvisioningLogSink } from '../scim-adapters/provisioning-log.sink';
import { ScimUsageRecorder } from '../scim-adapters/scim-usage.recorder';
import { DOCTOR_WINDOWS, diagnose, foreignDialectRules, OKTA_USER_ID, ProvisioningSummary, ScimHint } from './scim-doctor';
import { ScimDoctorRepository } from './scim-doctor.repository';
import { ScimConnection } from './scim-connection.entity';
import { ScimToken } from './scim-token.entity';
import { ScimStatusRepository } from './scim-status.repository';
import { ScimStatusResponseDto } from './scim-status.dto';

const DAY = 24 * 3_600_000;

const iso = (date: Date | null | undefined) => date?.toISOString() ?? null;
const since = (now: Date, ms: number) => new Date(now.getTime() - ms);
const newest = (...dates: (Date | null | undefined)[]): Date | null =>
  dates.reduce<Date | null>((max, d) => (d != null && (max === null || d > max) ? d : max), null);

/** The SCIM status of a customer: connection, token, counts, and the setup doctor's hints. */
@Injectable()
export class ScimStatusService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly customers: CustomersService,
    private readonly usage: ScimUsageRecorder,
    private readonly log: ProvisioningLogSink,
    private readonly repository: ScimStatusRepository,
    private readonly doctor: ScimDoctorRepository,
  ) {}

  /** @throws ManagerError NOT_FOUND for an unknown customer. A customer never enabled gets `enabled: false`. */
  async status(customerId: string): Promise<ScimStatusResponseDto> {
    await this.customers.get(customerId);
    // Token and connection use is written in batches; write what is pending so the answer is current.
    await Promise.all([this.usage.flush(), this.log.flush()]);
    const now = this.clock.now();
    const connection = await this.repository.connectionOf(customerId);
    const [tokens, users, groups, errorsLast24h, lastAcceptedAt] = await Promise.all([
      connection === null ? [] : this.repository.liveTokens(connection.id),
      this.repository.userCounts(customerId),
      this.repository.groupCount(customerId),
      this.doctor.errorsSince(customerId, since(now, DAY)),
      this.doctor.latestEventAt(customerId, true),
    ]);
    const enabled = connection?.enabled === true;
    const token = tokens[0];
    const baseUrl = `${this.config.publicBaseUrl}/scim/v2`;
    return {
      enabled,
      provider: connection?.provider ?? null,
      profile: connection === null ? null : profileFor(connection.provider, connection.profile),
      idpTenantId: connection?.idpTenantId ?? null,
      baseUrl,
      tokenPrefix: token?.prefix ?? null,
      tokenCreatedAt: iso(token?.createdAt),
      tokenLastUsedAt: iso(token?.lastUsedAt),
      // The column is written throttled; the log is written per request.
      lastRequestAt: iso(newest(connection?.lastRequestAt, lastAcceptedAt)),
      users,
      groups,
      errorsLast24h,
      hints: enabled && connection !== null ? await this.hints(connection, tokens, baseUrl, now) : [],
    };
  }

  private async hints(connection: ScimConnection, tokens: readonly ScimToken[], baseUrl: string, now: Date): Promise<ScimHint[]> {
    return diagnose(await this.summary(connection, tokens, baseUrl, now));
  }

  private async summary(connection: ScimConnection, tokens: readonly ScimToken[], baseUrl: string, now: Date): Promise<ProvisioningSummary> {
    const { customerId, provider } = connection;
    const evidenceSince = since(now, DOCTOR_WINDOWS.evidenceMs);
    const [lastEventAt, lastAcceptedAt, creates, lastStringBooleanAt, foreignRules, foreignExternalIds] = await Promise.all([
      this.doctor.latestEventAt(customerId),
      this.doctor.latestEventAt(customerId, true),
      this.doctor.userCreatesSince(customerId, evidenceSince),
      this.doctor.latestRuleAt(customerId, 'string-boolean', evidenceSince),
      this.doctor.firedRules(customerId, foreignDialectRules(provider), evidenceSince),
      provider === 'entra' ? this.oktaExternalIds(customerId) : 0,
    ]);
    // A "run" of refusals: within the last hour and after the last accepted request.
    const runSince = newest(since(now, DOCTOR_WINDOWS.unauthorizedMs), lastAcceptedAt) ?? now;
    const [unauthorizedRun, refusedSourceRun] = await Promise.all([
      this.doctor.refusedSince(customerId, 401, runSince),
      this.doctor.refusedSince(customerId, 403, runSince),
    ]);
    return {
      now,
      provider,
      baseUrl,
      lastActivityAt: newest(lastEventAt, connection.lastRequestAt, ...tokens.map((t) => t.lastUsedAt)),
      unauthorizedRun,
      refusedSourceRun,
      ...creates,
      lastStringBooleanAt,
      foreignRules,
      foreignExternalIds,
      currentToken: tokens[0] === undefined ? null : { prefix: tokens[0].prefix },
      previousTokenInUse: previousTokenInUse(tokens, now),
    };
  }

  private async oktaExternalIds(customerId: string): Promise<number> {
    return (await this.doctor.externalIdsInRange(customerId, '00u', '00v')).filter((id) => OKTA_USER_ID.test(id)).length;
  }
}

/** An older token, still valid, that the IdP used after the newest one was issued: the IdP was not updated. */
function previousTokenInUse(tokens: readonly ScimToken[], now: Date): ProvisioningSummary['previousTokenInUse'] {
  const [current, ...older] = tokens;
  if (current === undefined) return null;
  const inUse = older.find(
    (t) => t.lastUsedAt !== null && t.lastUsedAt > current.createdAt && (t.expiresAt === null || t.expiresAt > now),
  );
  return inUse === undefined ? null : { prefix: inUse.prefix, expiresAt: inUse.expiresAt };
}

import { Inject, Injectable, Logger } from '@nestjs/common';
import { ScimError } from '../errors/scim-error';
import type { ScimAction, ScimEvent, ScimEventSink } from '../ports/event-sink';
import { SCIM_EVENT_SINK, SCIM_TRANSACTION_RUNNER } from '../ports/tokens';
import type { ScimTransactionRunner, UnitOfWork } from '../ports/unit-of-work';
import { StoreConflictError, StoreReferenceError, StoreUnavailableError, StoreValidationError } from '../ports/store-errors';
import type { ScimRequestInfo } from './scim-request';
import type { DialectContext } from '../dialects/dialect-rules';

/** What a request did, for its provisioning event. */
export interface Outcome<T> {
  readonly result: T;
  readonly status: number;
  readonly action: ScimAction | null;
  readonly resourceId?: string;
  readonly changed?: readonly string[];
}

/**
 * Runs one SCIM request as one unit of work and records its provisioning event: inside the transaction
 * when it succeeds, on its own after the rollback when it fails. Store conflicts become 409 uniqueness.
 */
@Injectable()
export class RequestRunner {
  private readonly logger = new Logger('ScimEvents');

  constructor(
    @Inject(SCIM_TRANSACTION_RUNNER) private readonly transactions: ScimTransactionRunner,
    @Inject(SCIM_EVENT_SINK) private readonly events: ScimEventSink,
  ) {}

  /**
   * `dialect` collects the dialect rules that fire, before or during `work`, for the event. With
   * `retryOnConflict`, a unit of work that lost a uniqueness race runs once more in a new transaction, where it
   * sees the winner's committed row (two simultaneous retries of one IdP create then get the same user).
   */
  async run<T>(
    request: ScimRequestInfo,
    resourceType: 'User' | 'Group' | null,
    work: (uow: UnitOfWork) => Promise<Outcome<T>>,
    dialect?: DialectContext,
    options: { retryOnConflict?: boolean } = {},
  ): Promise<Outcome<T>> {
    const started = performance.now();
    const base = { request, resourceType, started, dialect };
    const attempt = () =>
      this.transactions.run(async (uow) => {
        const outcome = await work(uow);
        await this.events.record(this.event(base, outcome), uow);
        return outcome;
      });
    try {
      try {
        return await attempt();
      } catch (error) {
        if (options.retryOnConflict === true && error instanceof StoreConflictError) return await attempt();
        throw error;
      }
    } catch (error) {
      throw await this.failed(base, error);
    }
  }

  /** A read: its event is recorded after it, outside any transaction (the sink may batch it). */
  async read<T>(request: ScimRequestInfo, resourceType: 'User' | 'Group', work: (uow: UnitOfWork) => Promise<Outcome<T>>): Promise<Outcome<T>> {
    const started = performance.now();
    const base = { request, resourceType, started };
    let outcome: Outcome<T>;
    try {
      outcome = await this.transactions.run(work, { readOnly: true });
    } catch (error) {
      throw await this.failed(base, error);
    }
    await this.record(this.event(base, outcome));
    return outcome;
  }

  /** Records the failure's event on its own and returns the error to throw (as a SCIM error where known). */
  private async failed(
    base: { request: ScimRequestInfo; resourceType: 'User' | 'Group' | null; started: number; dialect?: DialectContext },
    error: unknown,
  ): Promise<unknown> {
    const scimError = toScimError(error);
    const status = scimError?.status ?? 500;
    await this.record(this.event(base, { result: undefined, status, action: null }, scimError?.scimType));
    return scimError ?? error;
  }

  private async record(event: ScimEvent): Promise<void> {
    await this.events.record(event).catch((e: unknown) => this.logger.error(`Could not record a provisioning event: ${String(e)}`));
  }

  private event(
    base: { request: ScimRequestInfo; resourceType: 'User' | 'Group' | null; started: number; dialect?: DialectContext },
    outcome: Outcome<unknown>,
    scimType?: string,
  ): ScimEvent {
    const { request } = base;
    return {
      at: new Date(),
      tenant: request.connection.tenant,
      connectionId: request.connection.connectionId,
      requestId: request.requestId,
      method: request.method,
      resourceType: base.resourceType,
      resourceId: outcome.resourceId,
      action: outcome.action,
      changedAttributes: outcome.changed ?? [],
      dialectRules: [...(base.dialect?.fired ?? [])],
      status: outcome.status,
      scimType,
      durationMs: Math.round(performance.now() - base.started),
    };
  }
}

function toScimError(error: unknown): ScimError | undefined {
  if (error instanceof ScimError) return error;
  if (error instanceof StoreConflictError) {
    return ScimError.uniqueness(`${error.attribute} is already used by another resource of this tenant`);
  }
  if (error instanceof StoreValidationError) return ScimError.invalidValue(error.message);
  if (error instanceof StoreUnavailableError) return ScimError.storeUnavailable();
  if (error instanceof StoreReferenceError) {
    return ScimError.invalidValue(
      error.kind === 'groups'
        ? `Nested groups are not supported; these members are groups: ${error.ids.join(', ')}`
        : `These members are not users of this tenant: ${error.ids.join(', ')}`,
    );
  }
  return undefined;
}

import type { ScimConnectionContext } from '../ports/tenant';
import type { ScimCredentialStore } from '../ports/credential-store';
import type { ScimEvent, ScimEventSink } from '../ports/event-sink';
import type { ScimTransactionRunner, UnitOfWork } from '../ports/unit-of-work';
import { generateScimToken, hashScimToken } from '../auth/scim-token';

/** Tokens registered in memory (hashed, as a real store keeps them). */
export class InMemoryCredentialStore implements ScimCredentialStore {
  private readonly byHash = new Map<string, ScimConnectionContext>();

  /** Registers `token` for the connection; its `provider` and `profile` decide the dialect rules. */
  register(token: string, connection: ScimConnectionContext): void {
    this.byHash.set(hashScimToken(token), connection);
  }

  /** Issues a fresh token for the connection (as a host's admin API would) and returns it. */
  issue(connection: ScimConnectionContext): string {
    const token = generateScimToken();
    this.register(token, connection);
    return token;
  }

  revoke(token: string): void {
    this.byHash.delete(hashScimToken(token));
  }

  async findByTokenHash(tokenHash: string): Promise<ScimConnectionContext | null> {
    return this.byHash.get(tokenHash) ?? null;
  }
}

/** Keeps every event, in order, for assertions. */
export class InMemoryEventSink implements ScimEventSink {
  readonly events: ScimEvent[] = [];

  async record(event: ScimEvent): Promise<void> {
    this.events.push(event);
  }
}

/** No isolation: work runs directly (the in-memory stores are not transactional). */
export class InMemoryTransactionRunner implements ScimTransactionRunner {
  run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    return work({ __unitOfWork: true });
  }
}

export { InMemoryUserStore } from './in-memory-user.store';
export { InMemoryCredentialStore, InMemoryEventSink, InMemoryTransactionRunner } from './in-memory-infrastructure';
export { matchesResource } from './in-memory-filter';

/** Injection tokens of the ports; exported so tests can override one port. */
export const SCIM_USER_STORE = Symbol('SCIM_USER_STORE');
export const SCIM_GROUP_STORE = Symbol('SCIM_GROUP_STORE');
export const SCIM_CREDENTIAL_STORE = Symbol('SCIM_CREDENTIAL_STORE');
export const SCIM_EVENT_SINK = Symbol('SCIM_EVENT_SINK');
export const SCIM_TRANSACTION_RUNNER = Symbol('SCIM_TRANSACTION_RUNNER');
export const SCIM_RATE_LIMITER = Symbol('SCIM_RATE_LIMITER');

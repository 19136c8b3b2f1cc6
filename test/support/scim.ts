import type { Response } from 'supertest';
import { createCustomer } from './factories';
import { TestApp } from './test-app';

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const MANAGER = 'urn:ietf:params:scim:schemas:extension:manager:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** A customer with SCIM enabled through the admin API, and a client that sends its bearer token. */
export interface ScimTenant {
  readonly customerId: string;
  readonly token: string;
  get(path: string): ReturnType<ReturnType<TestApp['http']>['get']>;
  post(path: string, body: unknown): ReturnType<ReturnType<TestApp['http']>['post']>;
  put(path: string, body: unknown): ReturnType<ReturnType<TestApp['http']>['put']>;
  patch(path: string, operations: unknown[]): ReturnType<ReturnType<TestApp['http']>['patch']>;
  delete(path: string): ReturnType<ReturnType<TestApp['http']>['delete']>;
}

/** `profile` defaults to the provider's; `strict` accepts RFC 7644 only. */
export async function scimTenant(
  t: TestApp,
  provider: 'entra' | 'okta' = 'entra',
  customerId?: string,
  profile?: 'entra' | 'okta' | 'strict',
): Promise<ScimTenant> {
  const id = customerId ?? (await createCustomer(t)).id;
  const res = await t.admin(t.http().put(`/api/customers/${id}/scim`)).send({ provider, profile }).expect(201);
  const token = res.body.token as string;
  const auth = <T extends { set(n: string, v: string): T }>(req: T) =>
    req.set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/scim+json; charset=utf-8');
  const url = (path: string) => `/scim/v2${path}`;
  return {
    customerId: id,
    token,
    get: (path) => auth(t.http().get(url(path))),
    post: (path, body) => auth(t.http().post(url(path))).send(JSON.stringify(body)),
    put: (path, body) => auth(t.http().put(url(path))).send(JSON.stringify(body)),
    patch: (path, operations) => auth(t.http().patch(url(path))).send(JSON.stringify({ schemas: [PATCH_OP], Operations: operations })),
    delete: (path) => auth(t.http().delete(url(path))),
  };
}

let sequence = 0;

/** An Entra-shaped create body; override any attribute. */
export function userBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const n = ++sequence;
  return {
    schemas: [USER_SCHEMA, ENTERPRISE],
    externalId: `ext-${n}`,
    userName: `user${n}@contoso.example`,
    active: true,
    displayName: `User ${n}`,
    emails: [{ primary: true, type: 'work', value: `user${n}@contoso.example` }],
    meta: { resourceType: 'User' },
    name: { formatted: `Given${n} Family${n}`, familyName: `Family${n}`, givenName: `Given${n}` },
    roles: [],
    ...overrides,
  };
}

/** Asserts a SCIM error response: status, media type, body shape and scimType. */
export function expectScimError(res: Response, status: number, scimType?: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/scim\+json/);
  expect(res.body.schemas).toEqual([ERROR]);
  expect(res.body.status).toBe(String(status));
  expect(typeof res.body.detail).toBe('string');
  if (scimType === undefined) expect(res.body.scimType).toBeUndefined();
  else expect(res.body.scimType).toBe(scimType);
}

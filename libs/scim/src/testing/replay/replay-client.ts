import request from 'supertest';
import type { App } from 'supertest/types';

/** One request of a scenario, variables already substituted; `path` is relative to the SCIM base. */
export interface ReplayRequest {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface ReplayResponse {
  readonly status: number;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The parsed JSON body (`undefined` when there is none). */
  readonly body: unknown;
}

/** How the runner reaches the host's SCIM service, authenticated as the scenario's connection. */
export interface ReplayClient {
  send(req: ReplayRequest): Promise<ReplayResponse>;
}

/**
 * A ReplayClient over supertest: `basePath` is the host's SCIM mount (`/scim/v2`), `token` the connection's
 * bearer token. Bodies go out as `application/scim+json; charset=utf-8`, as Entra sends them.
 */
export function supertestClient(server: App, basePath: string, token: string): ReplayClient {
  const base = basePath.replace(/\/+$/, '');
  return {
    async send(req) {
      let test = request(server)[methodOf(req.method)](`${base}${req.path}`).set('Authorization', `Bearer ${token}`);
      for (const [name, value] of Object.entries(req.headers ?? {})) test = test.set(name, value);
      if (req.body !== undefined) {
        test = test.set('Content-Type', 'application/scim+json; charset=utf-8').send(JSON.stringify(req.body));
      }
      const res = await test;
      const empty = res.text === undefined || res.text === '';
      return { status: res.status, headers: res.headers as ReplayResponse['headers'], body: empty ? undefined : (res.body as unknown) };
    },
  };
}

function methodOf(method: string): 'get' | 'post' | 'put' | 'patch' | 'delete' {
  const lower = method.toLowerCase();
  if (lower === 'get' || lower === 'post' || lower === 'put' || lower === 'patch' || lower === 'delete') return lower;
  throw new Error(`Unsupported method ${method}`);
}

import { describeEachEngine, TestApp } from '../support/test-app';

interface RouteLayer {
  readonly route?: { readonly path: unknown; readonly methods: Record<string, boolean> };
}

/** Every `METHOD /path` the running Express app routes under /api, read from its router (not a list kept by hand). */
function registeredApiRoutes(t: TestApp): string[] {
  const express = t.app.getHttpAdapter().getInstance() as { router: { stack: RouteLayer[] } };
  return express.router.stack.flatMap((layer) => {
    const path = layer.route?.path;
    if (typeof path !== 'string' || !path.startsWith('/api/') || path.startsWith('/api/docs')) return [];
    const openApiPath = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    return Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${openApiPath}`);
  });
}

function documentedRoutes(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describeEachEngine('Admin API: OpenAPI', (ctx) => {
  it('describes every admin route the app serves, and nothing of the SCIM protocol', async () => {
    const t = ctx();
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const documented = documentedRoutes(res.body);
    const registered = registeredApiRoutes(t);
    expect(registered.length).toBeGreaterThan(20);
    expect(registered).toEqual(expect.arrayContaining(['GET /api/customers/{customerId}/scim', 'GET /api/customers/{customerId}/scim/events']));
    expect(documented.sort()).toEqual([...new Set(registered)].sort());
    expect(Object.keys(res.body.paths).filter((p) => !p.startsWith('/api/'))).toEqual([]);
  });

  it('declares bearer auth for the admin token and documents the SCIM status and log responses', async () => {
    const t = ctx();
    const { body } = await t.http().get('/api/docs-json').expect(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(body.components.securitySchemes.admin).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(body.security).toEqual([{ admin: [] }]);
    const status = body.paths['/api/customers/{customerId}/scim'].get;
    expect(status.summary).toEqual(expect.any(String));
    expect(status.responses['200'].content['application/json'].schema.$ref).toBe('#/components/schemas/ScimStatusResponseDto');
    expect(Object.keys(body.components.schemas.ScimStatusResponseDto.properties)).toEqual(
      expect.arrayContaining(['enabled', 'provider', 'baseUrl', 'tokenPrefix', 'users', 'groups', 'errorsLast24h', 'hints']),
    );
    const events = body.paths['/api/customers/{customerId}/scim/events'].get;
    expect(events.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['action', 'cursor', 'customerId', 'limit', 'outcome']);
  });

  it('serves Swagger UI at /api/docs', async () => {
    const t = ctx();
    const res = await t.http().get('/api/docs').redirects(1).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('swagger-ui');
  });
});

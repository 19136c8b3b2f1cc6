import { randomUUID } from 'node:crypto';
import { bulkInsert } from '../../apps/manager-api/src/database/bulk-insert';
import { ProvisioningEvent } from '../../apps/manager-api/src/scim-admin/provisioning-event.entity';
import { ProvisioningLogRetentionService } from '../../apps/manager-api/src/scim-admin/provisioning-log-retention.service';
import { createCustomer } from '../support/factories';
import { scimTenant, userBody } from '../support/scim';
import { describeEachEngine, TestApp } from '../support/test-app';

const DAY = 24 * 3_600_000;
// Recent, so the retention test in this file leaves these rows alone.
const T0 = Math.floor((Date.now() - DAY) / 1000) * 1000;
const ACTIONS = ['create', 'update', 'lookup', 'deactivate', null] as const;

type Item = { id: string; at: string; status: number; action: string | null };

const eventRow = (customerId: string, at: Date, overrides: Partial<ProvisioningEvent> = {}): Partial<ProvisioningEvent> => ({
  id: randomUUID(),
  customerId,
  connectionId: null,
  at,
  requestId: 'req',
  method: 'PATCH',
  resourceType: 'User',
  resourceId: randomUUID(),
  action: 'update',
  changedAttributes: ['active'],
  dialectRules: [],
  status: 200,
  scimType: null,
  durationMs: 3,
  ...overrides,
});

/** 40 events; every fourth shares its time with the one before, so only the id orders them. */
async function seedLog(t: TestApp, customerId: string): Promise<Partial<ProvisioningEvent>[]> {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const action = ACTIONS[i % ACTIONS.length]!;
    const failed = action === null || i % 7 === 0;
    return eventRow(customerId, new Date(T0 + (i - (i % 4 === 3 ? 1 : 0)) * 1000), {
      action: failed ? null : action,
      status: failed ? 400 : 200,
      scimType: failed ? 'invalidValue' : null,
    });
  });
  await bulkInsert(t.dataSource.manager, ProvisioningEvent, rows);
  return rows;
}

const newestFirst = (rows: readonly Partial<ProvisioningEvent>[]) =>
  [...rows].sort((a, b) => b.at!.getTime() - a.at!.getTime() || (a.id! < b.id! ? 1 : -1)).map((r) => r.id);

async function allPages(t: TestApp, customerId: string, query: string): Promise<{ ids: string[]; pages: number; items: Item[] }> {
  const items: Item[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/customers/${customerId}/scim/events?${query}${cursor === null ? '' : `&cursor=${cursor}`}`;
    const res: { body: { items: Item[]; nextCursor: string | null } } = await t.admin(t.http().get(url)).expect(200);
    items.push(...(res.body.items as Item[]));
    cursor = res.body.nextCursor;
    pages++;
    expect(pages).toBeLessThan(100);
  } while (cursor !== null);
  return { ids: items.map((i) => i.id), pages, items };
}

describeEachEngine('Admin API: SCIM provisioning log', (ctx) => {
  it('pages newest first with an opaque cursor, without duplicates or gaps', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const { id: otherId } = await createCustomer(t);
    const rows = await seedLog(t, customerId);
    await seedLog(t, otherId);

    const { ids, pages } = await allPages(t, customerId, 'limit=7');
    expect(pages).toBe(6);
    expect(ids).toEqual(newestFirst(rows));

    const first = await t.admin(t.http().get(`/api/customers/${customerId}/scim/events?limit=40`)).expect(200);
    expect(first.body.items).toHaveLength(40);
    expect(first.body.nextCursor).toBeNull();
    const newest = rows.find((r) => r.id === first.body.items[0].id)!;
    expect(first.body.items[0]).toEqual({
      id: newest.id,
      at: new Date(T0 + 38_000).toISOString(),
      requestId: 'req',
      method: 'PATCH',
      resourceType: 'User',
      resourceId: newest.resourceId,
      action: newest.action,
      changedAttributes: ['active'],
      dialectRules: [],
      status: newest.status,
      scimType: newest.scimType,
      durationMs: 3,
    });
    const defaults = await t.admin(t.http().get(`/api/customers/${customerId}/scim/events`)).expect(200);
    expect(defaults.body.items).toHaveLength(40);
  });

  it('filters by outcome and action, across pages', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const rows = await seedLog(t, customerId);
    const expectFiltered = async (query: string, keep: (r: Partial<ProvisioningEvent>) => boolean) => {
      const { ids } = await allPages(t, customerId, query);
      expect(ids).toEqual(newestFirst(rows.filter(keep)));
      expect(ids.length).toBeGreaterThan(0);
    };
    await expectFiltered('limit=3&outcome=failure', (r) => r.status! >= 400);
    await expectFiltered('limit=3&outcome=success', (r) => r.status! < 400);
    await expectFiltered('limit=2&action=create', (r) => r.action === 'create');
    await expectFiltered('limit=5&action=update&outcome=success', (r) => r.action === 'update');
    const none = await t.admin(t.http().get(`/api/customers/${customerId}/scim/events?action=delete`)).expect(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
  });

  it('logs real SCIM requests with attribute names only', async () => {
    const t = ctx();
    const scim = await scimTenant(t);
    const created = await scim.post('/Users', userBody({ externalId: 'x-1' })).set('X-Request-Id', 'entra-req-1').expect(201);
    await scim.patch(`/Users/${created.body.id}`, [{ op: 'Replace', path: 'active', value: 'False' }]).expect(200);
    const { body } = await t.admin(t.http().get(`/api/customers/${scim.customerId}/scim/events?limit=10`)).expect(200);
    expect(body.items.map((e: Item) => [e.action, e.status])).toEqual([
      ['deactivate', 200],
      ['create', 201],
    ]);
    expect(body.items[0]).toMatchObject({ method: 'PATCH', resourceType: 'User', resourceId: created.body.id, changedAttributes: ['active'] });
    expect(body.items[0].dialectRules).toEqual(expect.arrayContaining(['op-case', 'string-boolean']));
    expect(body.items[1]).toMatchObject({ method: 'POST', requestId: 'entra-req-1', scimType: null });
  });

  it('answers 400 naming the bad parameter, 404 for an unknown customer, 401 without an admin token', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const base = `/api/customers/${customerId}/scim/events`;
    const foreign = Buffer.from(JSON.stringify({ offset: 50 })).toString('base64url');
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['outcome=ok', 'outcome'],
      ['action=hack', 'action'],
      ['cursor=not%20base64!', 'cursor'],
      [`cursor=${foreign}`, 'cursor'],
      ['offset=10', 'offset'],
    ]) {
      const res = await t.admin(t.http().get(`${base}?${query}`)).expect(400);
      expect(res.body.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    }
    await t.admin(t.http().get(`${base}?limit=200`)).expect(200);
    await t.admin(t.http().get('/api/customers/7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11/scim/events')).expect(404);
    await t.http().get(base).expect(401);
  });

  describe(ProvisioningLogRetentionService.name, () => {
    it('deletes events older than the retention period, in batches, for every customer', async () => {
      const t = ctx();
      const retention = t.app.get(ProvisioningLogRetentionService);
      const now = new Date();
      const [{ id: a }, { id: b }] = [await createCustomer(t), await createCustomer(t)];
      const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
      const old = Array.from({ length: 5_001 }, (_, i) => eventRow(i % 2 === 0 ? a : b, at(91 + (i % 5))));
      await bulkInsert(t.dataSource.manager, ProvisioningEvent, old);
      const kept = [eventRow(a, at(89)), eventRow(b, at(1)), eventRow(b, at(0))];
      await bulkInsert(t.dataSource.manager, ProvisioningEvent, kept);

      expect(await retention.purge(now)).toBe(5_001);
      const left = async () =>
        (await t.dataSource.getRepository(ProvisioningEvent).find({ select: { id: true }, where: [{ customerId: a }, { customerId: b }] }))
          .map((r) => r.id)
          .sort();
      expect(await left()).toEqual(kept.map((r) => r.id).sort());
      expect(await retention.purge(now)).toBe(0);
      await retention.purge(new Date(now.getTime() + 90 * DAY));
      expect(await left()).toEqual([kept[2]!.id]);
    });
  });
});

import { Customer } from '../../apps/manager-api/src/customers/customer.entity';
import { createCustomer, createUser } from '../support/factories';
import { csvRows, fixture, xlsxOf } from '../support/import-files';
import { describeEachEngine, TestApp } from '../support/test-app';

const upload = (t: TestApp, customerId: string, file: Buffer, name: string, query = '') =>
  t.admin(t.http().post(`/api/customers/${customerId}/imports${query}`)).attach('file', file, name);

const users = async (t: TestApp, customerId: string) => {
  const res = await t.admin(t.http().get(`/api/customers/${customerId}/users?pageSize=200`)).expect(200);
  return res.body.items as { id: string; email: string; firstName: string; gender: string | null; academicTitle: string | null; source: string }[];
};

const groups = async (t: TestApp, customerId: string) => {
  const res = await t.admin(t.http().get(`/api/customers/${customerId}/groups?pageSize=200`)).expect(200);
  return Object.fromEntries(res.body.items.map((g: { name: string; memberCount: number }) => [g.name, g.memberCount]));
};

describeEachEngine('Admin API: import', (ctx) => {
  const csv = fixture('users.csv');

  it.each(['csv', 'xlsx'])('imports a %s file: reports the bad row, stores the others with their groups', async (kind) => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const file = kind === 'csv' ? csv : await xlsxOf(csvRows(csv.toString()));
    const res = await upload(t, customerId, file, `staff.${kind}`).expect(200);
    expect(res.body).toEqual({
      dryRun: false,
      created: 3,
      updated: 0,
      unchanged: 0,
      failed: [{ row: 4, error: 'email is not a valid email address' }],
    });
    const stored = await users(t, customerId);
    expect(stored.map((u) => u.email)).toEqual(['anna.berg@example.com', 'ben.koch@example.com', 'dora.engel@example.com']);
    expect(stored.find((u) => u.email.startsWith('dora'))).toMatchObject({ gender: 'diverse', academicTitle: 'Prof. Dr.', source: 'import' });
    expect(stored.find((u) => u.email.startsWith('ben'))).toMatchObject({ gender: 'male', academicTitle: null });
    expect(await groups(t, customerId)).toEqual({ Berlin: 1, Sales: 2 });
  });

  it('upserts by email: a second run updates what changed and leaves the rest', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    await createUser(t, customerId, { email: 'ANNA.BERG@example.com', firstName: 'Annette', lastName: 'Berg' });
    const first = await upload(t, customerId, csv, 'a.csv').expect(200);
    expect(first.body).toMatchObject({ created: 2, updated: 1, unchanged: 0 });
    const again = await upload(t, customerId, csv, 'a.csv').expect(200);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    const changed = Buffer.from('email;firstName;lastName;groups\nben.koch@example.com;Benjamin;Koch;Sales\nanna.berg@example.com;Anna;Berg;\"Sales;Munich\"\n');
    const third = await upload(t, customerId, changed, 'b.csv').expect(200);
    expect(third.body).toMatchObject({ created: 0, updated: 2, unchanged: 0, failed: [] });
    const stored = await users(t, customerId);
    expect(stored.filter((u) => u.email.toLowerCase() === 'anna.berg@example.com')).toHaveLength(1);
    expect(stored.find((u) => u.email === 'ben.koch@example.com')?.firstName).toBe('Benjamin');
    expect(await groups(t, customerId)).toEqual({ Berlin: 1, Munich: 1, Sales: 2 });
  });

  it('dry run reports the same without writing anything', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const res = await upload(t, customerId, csv, 'a.csv', '?dryRun=true').expect(200);
    expect(res.body).toMatchObject({ dryRun: true, created: 3, failed: [{ row: 4 }] });
    expect(await users(t, customerId)).toEqual([]);
    expect(await groups(t, customerId)).toEqual({});
  });

  it('reports a repeated email as a failed row and keeps the first', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const file = Buffer.from('email,firstName,lastName\na@example.com,A,One\nA@EXAMPLE.com,A,Two\n,B,Three\n');
    const res = await upload(t, customerId, file, 'a.csv').expect(200);
    expect(res.body.failed).toEqual([
      { row: 3, error: 'email is already in row 2' },
      { row: 4, error: 'email is required' },
    ]);
    expect((await users(t, customerId)).map((u) => u.firstName)).toEqual(['A']);
  });

  it('refuses files it cannot use with a clear 4xx', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    const missing = await upload(t, customerId, Buffer.from('email,name\na@example.com,A\n'), 'a.csv').expect(400);
    expect(missing.body.message).toMatch(/Missing column\(s\): firstName, lastName/);
    await upload(t, customerId, Buffer.from('%PDF-1.4'), 'a.pdf').expect(415);
    await upload(t, customerId, Buffer.from('PK\u0003\u0004garbage'), 'a.xlsx').expect(400);
    await upload(t, customerId, Buffer.from('email,firstName,lastName\n"a@example.com,A,B\n'), 'a.csv').expect(400);
    const none = await t.admin(t.http().post(`/api/customers/${customerId}/imports`)).field('x', 'y').expect(400);
    expect(none.body.message).toMatch(/field 'file'/);
    await upload(t, '7b0d5e4e-8f0a-4c55-9a55-3f1e2f6c9d11', csv, 'a.csv').expect(404);
  });

  it('answers 409 while SCIM manages the customer, and imports again once it is off', async () => {
    const t = ctx();
    const { id: customerId } = await createCustomer(t);
    await t.dataSource.getRepository(Customer).update({ id: customerId }, { scimEnabled: true });
    for (const [file, name] of [[csv, 'a.csv'], [await xlsxOf(csvRows(csv.toString())), 'a.xlsx']] as const) {
      const res = await upload(t, customerId, file, name).expect(409);
      expect(res.body).toMatchObject({ code: 'SCIM_MANAGED' });
      expect(res.body.message).toMatch(/managed by SCIM in the identity provider/);
    }
    expect(await users(t, customerId)).toEqual([]);
    await t.dataSource.getRepository(Customer).update({ id: customerId }, { scimEnabled: false });
    await upload(t, customerId, csv, 'a.csv').expect(200);
  });
});

describeEachEngine(
  'Admin API: import limits',
  (ctx) => {
    it('answers 413 naming the limit for a file too large or with too many rows', async () => {
      const t = ctx();
      const { id: customerId } = await createCustomer(t);
      const big = Buffer.from(`email,firstName,lastName\n${'x'.repeat(5000)}\n`);
      const tooBig = await upload(t, customerId, big, 'a.csv').expect(413);
      expect(tooBig.body.message).toMatch(/larger than the import limit of 4096 bytes/);
      const rows = ['email,firstName,lastName', ...Array.from({ length: 6 }, (_, i) => `u${i}@example.com,U,${i}`)].join('\n');
      const tooMany = await upload(t, customerId, Buffer.from(rows), 'a.csv').expect(413);
      expect(tooMany.body.message).toMatch(/more than 5 rows/);
      const xlsx = await xlsxOf(csvRows(rows));
      if (xlsx.length <= 4096) await upload(t, customerId, xlsx, 'a.xlsx').expect(413);
      const ok = ['email,firstName,lastName', ...Array.from({ length: 5 }, (_, i) => `u${i}@example.com,U,${i}`)].join('\n');
      await upload(t, customerId, Buffer.from(ok), 'a.csv').expect(200);
      expect(await users(t, customerId)).toHaveLength(5);
    });
  },
  { import: { maxBytes: 4096, maxRows: 5 } },
);

import { Client } from 'pg';
import { ENTERPRISE, ERROR, MANAGER, PATCH_OP, userBody } from '../support/scim';
import { Answer, call, enableScimCustomer, ensureBuilt, removeBuild, runPool, ServerProcess, startServer } from '../support/server-process';
import { createTestDatabase, TestDatabase } from '../support/test-databases';

const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const pgOnly = process.env.TEST_DATABASE_URL ? describe : describe.skip;

jest.setTimeout(120_000);

type Instance = 'A' | 'B';

interface Sent {
  readonly kind: string;
  readonly instance: Instance;
  readonly request: string;
  readonly answer?: Answer;
  readonly error?: string;
}

/** Chains on one user, each changing one attribute (`read` takes it out of a User body). */
const SPLIT: readonly { kind: string; instance: Instance; path: string; read: (user: any) => unknown }[] = [ // eslint-disable-line @typescript-eslint/no-explicit-any
  { kind: 'split-given', instance: 'A', path: 'name.givenName', read: (u) => u.name?.givenName },
  { kind: 'split-family', instance: 'B', path: 'name.familyName', read: (u) => u.name?.familyName },
  { kind: 'split-department', instance: 'A', path: `${ENTERPRISE}:department`, read: (u) => u[ENTERPRISE]?.department },
  { kind: 'split-title', instance: 'B', path: `${MANAGER}:academicTitle`, read: (u) => u[MANAGER]?.academicTitle },
];
const CHAIN = 15;
const DISTINCT = 80;
const SAME_NAME = 20;
const GIVEN_PATCHES = 40;
const MEMBERS = 40;

/**
 * Two real server processes (the built app) on ONE PostgreSQL database: what a deployment with two
 * replicas behind a load balancer sees. A mixed SCIM load goes through both at once; the answers and the
 * rows are then checked for 5xx, duplicates and lost updates.
 */
pgOnly('Two server processes on one PostgreSQL [postgres]', () => {
  let database: TestDatabase;
  let url: string;
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let db: Client | undefined;

  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase('postgres');
    url = (database.config as { url: string }).url;
  }, 300_000);

  afterAll(async () => {
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await db?.end().catch(() => undefined);
    await database?.drop();
    removeBuild();
  });

  const diagnostics = () => `--- A ---\n${a?.output().slice(-4000) ?? ''}\n--- B ---\n${b?.output().slice(-4000) ?? ''}`;

  it('both start at once on an empty database: the migrations of one do not break the start of the other', async () => {
    const [first, second] = await Promise.allSettled([startServer({ databaseUrl: url }), startServer({ databaseUrl: url })]);
    if (first.status === 'fulfilled') a = first.value;
    if (second.status === 'fulfilled') b = second.value;
    const failures = [first, second].filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => String(r.reason).slice(0, 3000));
    expect(failures).toEqual([]);
  });

  describe('a mixed concurrent load through both instances', () => {
    let customerId: string;
    let scim: (instance: Instance, method: string, path: string, body?: unknown) => Promise<Answer>;
    let target: { id: string };
    let split: { id: string };
    let group: { id: string };
    const memberIds: string[] = [];
    const distinct = Array.from({ length: DISTINCT }, () => userBody());
    const givenNames = Array.from({ length: GIVEN_PATCHES }, (_, i) => `Given-${i}`);
    const sent: Sent[] = [];
    let elapsed = 0;
    const of = (kind: string) => sent.filter((s) => s.kind === kind);
    const statuses = (kind: string) => of(kind).map((s) => s.answer?.status ?? s.error);
    const patchOp = (operations: unknown[]) => ({ schemas: [PATCH_OP], Operations: operations });

    beforeAll(async () => {
      // Started one after the other when the simultaneous start above failed (that is reported there).
      a ??= await startServer({ databaseUrl: url });
      b ??= await startServer({ databaseUrl: url });
      db = new Client({ connectionString: url });
      await db.connect();
      const servers = { A: a, B: b };
      const tenant = await enableScimCustomer(a);
      customerId = tenant.customerId;
      scim = (instance, method, path, body) => call(method, `${servers[instance].url}/scim/v2${path}`, tenant.token, body);
      const created = async (path: string, body: unknown) => {
        const res = await scim('A', 'POST', path, body);
        if (res.status !== 201) throw new Error(`setup POST ${path}: ${res.status} ${res.text}`);
        return res.body as { id: string };
      };

      // Setup through A, one request at a time.
      target = await created('/Users', userBody());
      split = await created('/Users', userBody());
      group = await created('/Groups', { schemas: [GROUP], displayName: 'Team 0' });
      for (let i = 0; i < MEMBERS; i++) memberIds.push((await created('/Users', userBody())).id);

      // Independent requests, shuffled, at most 16 at once, alternately through A and B.
      const tasks: { kind: string; method: string; path: string; body: unknown }[] = [];
      for (const body of distinct) tasks.push({ kind: 'create', method: 'POST', path: '/Users', body });
      for (const value of givenNames) {
        tasks.push({ kind: 'patch-given', method: 'PATCH', path: `/Users/${target.id}`, body: patchOp([{ op: 'replace', path: 'name.givenName', value }]) });
      }
      // ?excludedAttributes=members: the answer carries displayName and meta.version (else 204).
      for (const id of memberIds) {
        tasks.push({ kind: 'member-add', method: 'PATCH', path: `/Groups/${group.id}?excludedAttributes=members`, body: patchOp([{ op: 'add', path: 'members', value: [{ value: id }] }]) });
      }
      shuffle(tasks);

      const send = async (kind: string, instance: Instance, method: string, path: string, body: unknown) => {
        const request = `${instance} ${method} ${path}`;
        try {
          sent.push({ kind, instance, request, answer: await scim(instance, method, path, body) });
        } catch (error) {
          sent.push({ kind, instance, request, error: String((error as { cause?: unknown }).cause ?? error) });
        }
      };
      // Bursts: SAME_NAME creates of one userName sent at once, half through each instance.
      const burst = (kind: string, body: (i: number) => unknown) =>
        Promise.all(Array.from({ length: SAME_NAME }, (_, i) => send(kind, i % 2 === 0 ? 'A' : 'B', 'POST', '/Users', body(i))));
      const email = (value: string) => [{ primary: true, type: 'work', value }];
      // Sequential chains, each changing ONE attribute of a resource that other requests change too: a
      // write built from a stale read would put back the value another request had just stored.
      const chain = async (kind: string, instance: Instance, request: (k: number) => [string, string, unknown]) => {
        for (let k = 0; k < CHAIN; k++) await send(kind, instance, ...request(k));
      };
      const started = Date.now();
      await Promise.all([
        runPool(tasks.length, 16, (i) => {
          const task = tasks[i]!;
          return send(task.kind, i % 2 === 0 ? 'A' : 'B', task.method, task.path, task.body);
        }),
        burst('contested', (i) => userBody({ userName: 'contested@contoso.example', externalId: `contested-${i}`, emails: email('contested@contoso.example') })),
        burst('replayed', () => userBody({ userName: 'replayed@contoso.example', externalId: 'replayed-ext', emails: email('replayed@contoso.example') })),
        ...SPLIT.map((c) =>
          chain(c.kind, c.instance, (k) => ['PATCH', `/Users/${split.id}`, patchOp([{ op: 'replace', path: c.path, value: `${c.kind}-${k}` }])]),
        ),
        chain('group-rename', 'B', (k) => ['PATCH', `/Groups/${group.id}?excludedAttributes=members`, patchOp([{ op: 'replace', path: 'displayName', value: `Team ${k + 1}` }])]),
      ]);
      elapsed = Date.now() - started;
      // eslint-disable-next-line no-console
      console.log(`two instances: ${sent.length} concurrent requests in ${elapsed} ms (after ${MEMBERS + 3} setup requests)`);
    }, 120_000);

    it('answers every request, through both instances, without a 5xx or a dead process', () => {
      const broken = sent.filter((s) => s.answer === undefined || s.answer.status >= 500);
      // eslint-disable-next-line no-console
      if (broken.length > 0 || a!.exited || b!.exited) console.error(`server output:\n${diagnostics()}`);
      expect(broken.map((s) => `${s.kind}: ${s.request} → ${s.answer ? `${s.answer.status} ${s.answer.text.slice(0, 300)}` : s.error}`)).toEqual([]);
      expect(sent).toHaveLength(DISTINCT + GIVEN_PATCHES + MEMBERS + 2 * SAME_NAME + (SPLIT.length + 1) * CHAIN);
      expect(new Set(sent.map((s) => s.instance))).toEqual(new Set(['A', 'B']));
      expect({ aExited: a!.exit, bExited: b!.exit }).toEqual({ aExited: null, bExited: null });
    });

    it('creates distinct users once each: 201, each a different id', () => {
      expect(statuses('create')).toEqual(distinct.map(() => 201));
      expect(new Set(of('create').map((s) => s.answer!.body.id)).size).toBe(DISTINCT);
    });

    it('one userName created from both at once with different externalIds: exactly one 201, the rest 409 uniqueness', () => {
      const contested = of('contested');
      expect(contested.filter((s) => s.answer?.status === 201)).toHaveLength(1);
      for (const s of contested.filter((x) => x.answer?.status !== 201)) {
        expect({ status: s.answer?.status, body: s.answer?.body }).toMatchObject({ status: 409, body: { schemas: [ERROR], scimType: 'uniqueness' } });
      }
    });

    it('one userName created from both at once with the SAME externalId (IdP retries): every 201 is one user, the rest 409 uniqueness', () => {
      const replayed = of('replayed');
      const ok = replayed.filter((s) => s.answer?.status === 201);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      expect(new Set(ok.map((s) => s.answer!.body.id)).size).toBe(1);
      for (const s of replayed.filter((x) => x.answer?.status !== 201)) {
        expect({ status: s.answer?.status, body: s.answer?.body }).toMatchObject({ status: 409, body: { schemas: [ERROR], scimType: 'uniqueness' } });
      }
      // eslint-disable-next-line no-console
      console.log(`replayed creates: ${ok.length}×201, ${replayed.length - ok.length}×409`);
    });

    it('PATCHes of one attribute from both: each 200 with a version of its own (2 … n+1), the last one stored', async () => {
      const patches = of('patch-given');
      expect(statuses('patch-given')).toEqual(givenNames.map(() => 200));
      expect(patches.map((s) => versionOf(s.answer!)).sort((x, y) => x - y)).toEqual(givenNames.map((_, i) => i + 2));
      const last = patches.find((s) => versionOf(s.answer!) === GIVEN_PATCHES + 1)!;
      const stored = await scim('A', 'GET', `/Users/${target.id}`);
      expect({ status: stored.status, version: versionOf(stored), givenName: stored.body.name.givenName }).toEqual({
        status: 200,
        version: GIVEN_PATCHES + 1,
        givenName: last.answer!.body.name.givenName,
      });
      expect(givenNames).toContain(stored.body.name.givenName);
    });

    it('PATCHes of different attributes of one user from both: no lost update (in version order each attribute only moves forward)', async () => {
      const answers = SPLIT.flatMap((c) => of(c.kind));
      expect(answers.map((s) => s.answer?.status)).toEqual(answers.map(() => 200));
      const byVersion = answers.map((s) => s.answer!).sort((x, y) => versionOf(x) - versionOf(y));
      expect(byVersion.map(versionOf)).toEqual(answers.map((_, i) => i + 2));
      const stored = await scim('B', 'GET', `/Users/${split.id}`);
      expect({
        lostUpdates: SPLIT.flatMap((c) => regressions(byVersion, c.path, (body) => chainIndex(c.read(body), c.kind))),
        stored: SPLIT.map((c) => c.read(stored.body)),
        version: versionOf(stored),
      }).toEqual({ lostUpdates: [], stored: SPLIT.map((c) => `${c.kind}-${CHAIN - 1}`), version: answers.length + 1 });
    });

    it('member adds from both with renames alongside: every member, and no rename lost', async () => {
      const answers = [...of('member-add'), ...of('group-rename')];
      expect(statuses('member-add')).toEqual(memberIds.map(() => 200));
      expect(statuses('group-rename')).toEqual(Array(CHAIN).fill(200));
      const byVersion = answers.map((s) => s.answer!).sort((x, y) => versionOf(x) - versionOf(y));
      expect(byVersion.map(versionOf)).toEqual(answers.map((_, i) => i + 2));
      const stored = await scim('B', 'GET', `/Groups/${group.id}`);
      expect({
        lostUpdates: regressions(byVersion, 'displayName', (body) => Number(/^Team (\d+)$/.exec(String(body.displayName))?.[1] ?? -1)),
        members: ((stored.body.members ?? []) as { value: string }[]).map((m) => m.value).sort(),
        displayName: stored.body.displayName,
        version: versionOf(stored),
      }).toEqual({ lostUpdates: [], members: [...memberIds].sort(), displayName: `Team ${CHAIN}`, version: answers.length + 1 });
      const { rows } = await db!.query('SELECT count(*)::int AS n, count(DISTINCT user_id)::int AS d FROM group_members WHERE group_id = $1', [group.id]);
      expect(rows[0]).toEqual({ n: MEMBERS, d: MEMBERS });
    });

    it('stores no duplicate userName or email, and every user answered 201 exactly once', async () => {
      const dupes = await db!.query(
        `SELECT 'userName' AS col, scim_user_name_key AS k, count(*)::int AS n FROM users WHERE customer_id = $1 GROUP BY scim_user_name_key HAVING count(*) > 1
         UNION ALL SELECT 'email', email_key, count(*)::int FROM users WHERE customer_id = $1 GROUP BY email_key HAVING count(*) > 1`,
        [customerId],
      );
      expect(dupes.rows).toEqual([]);
      const ok = sent.filter((s) => s.answer?.status === 201).map((s) => s.answer!.body as { id: string; userName: string });
      const { rows } = await db!.query('SELECT id, scim_user_name FROM users WHERE customer_id = $1 AND id = ANY($2::varchar[])', [
        customerId,
        [...new Set(ok.map((u) => u.id))],
      ]);
      const stored = new Map(rows.map((r: { id: string; scim_user_name: string }) => [r.id, r.scim_user_name]));
      expect(ok.filter((u) => stored.get(u.id) !== u.userName)).toEqual([]);
      const { rows: same } = await db!.query(
        `SELECT scim_user_name_key AS k, count(*)::int AS n FROM users WHERE customer_id = $1
         AND scim_user_name_key IN ('contested@contoso.example', 'replayed@contoso.example') GROUP BY 1 ORDER BY 1`,
        [customerId],
      );
      expect(same).toEqual([
        { k: 'contested@contoso.example', n: 1 },
        { k: 'replayed@contoso.example', n: 1 },
      ]);
      const { rows: total } = await db!.query('SELECT count(*)::int AS n FROM users WHERE customer_id = $1', [customerId]);
      expect(total[0].n).toBe(2 + MEMBERS + DISTINCT + 2);
    });
  });
});

function versionOf(answer: Answer): number {
  const match = /^W\/"(\d+)"$/.exec(String(answer.body?.meta?.version));
  if (match === null) throw new Error(`no meta.version in ${answer.status} ${answer.text.slice(0, 300)}`);
  return Number(match[1]);
}

/**
 * Where, in version order, `index` of an answer is lower than in the answer before: the write of that
 * version put an older value back (a lost update). At most 5 are described, then a count.
 */
function regressions(byVersion: readonly Answer[], attribute: string, index: (body: any) => number): string[] { // eslint-disable-line @typescript-eslint/no-explicit-any
  const found: string[] = [];
  for (let i = 1; i < byVersion.length; i++) {
    const before = index(byVersion[i - 1]!.body);
    const now = index(byVersion[i]!.body);
    if (now < before) found.push(`version ${versionOf(byVersion[i]!)} put ${attribute} back from #${before} to #${now}`);
  }
  return found.length > 5 ? [...found.slice(0, 5), `… ${found.length} in all`] : found;
}

/** k of a chain value `<kind>-<k>`; -1 for any other value (the one the user was created with). */
function chainIndex(value: unknown, kind: string): number {
  const match = new RegExp(`^${kind}-(\\d+)$`).exec(String(value));
  return match === null ? -1 : Number(match[1]);
}

function shuffle<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}

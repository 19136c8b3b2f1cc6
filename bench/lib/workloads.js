'use strict';
/**
 * The workloads: autocannon request definitions over fixtures the runner seeded. Every request is one
 * Entra ID would send; each workload expects 2xx only.
 *
 * Entra sends PATCH in one of two dialects (Microsoft: "Known issues and resolutions with SCIM 2.0 protocol compliance"): `unflagged` (its default today: `Replace`/`Add`/
 * `Remove`, one op per path, member removal as `members` + `[{value}]`) or `flagged` (the tenant URL carries
 * `?aadOptscim062020`, repeated on every request: lower-case ops, several attributes in one path-less replace
 * with dotted keys, one `members[value eq "…"]` remove per member).
 */
const { randomUUID } = require('node:crypto');

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_JSON = 'application/scim+json; charset=utf-8';
const FLAG = 'aadOptscim062020';

const randomInt = (n) => Math.floor(Math.random() * n);

/** A SCIM path as the tenant's Entra job calls it (`query` without the leading `?`). */
function scimPath(tenant, resource, query) {
  const parts = [tenant.dialect === 'flagged' ? FLAG : '', query ?? ''].filter((p) => p !== '');
  return `/scim/v2${resource}${parts.length > 0 ? `?${parts.join('&')}` : ''}`;
}

/** Headers of a SCIM client with a tenant's bearer token. */
function scimHeaders(token, withBody) {
  return withBody ? { Authorization: `Bearer ${token}`, 'Content-Type': SCIM_JSON, Accept: SCIM_JSON } : { Authorization: `Bearer ${token}`, Accept: SCIM_JSON };
}

/** The create body Entra ID sends (objectId as externalId, work email = UPN, enterprise department). */
function entraCreateBody(userName, n) {
  return JSON.stringify({
    schemas: [USER, ENTERPRISE],
    externalId: randomUUID(),
    userName,
    active: true,
    displayName: `Bench User ${n}`,
    emails: [{ primary: true, type: 'work', value: userName }],
    meta: { resourceType: 'User' },
    name: { formatted: `Given${n} Family${n}`, familyName: `Family${n}`, givenName: `Given${n}` },
    [ENTERPRISE]: { department: `Dept ${n % 50}` },
    roles: [],
  });
}

/** Entra's lookup before every write: `GET /Users?filter=userName eq "…"`. */
function lookupPath(tenant, i) {
  return scimPath(tenant, '/Users', `filter=${encodeURIComponent(`userName eq "user${i}@${tenant.domain}"`)}`);
}

/** Entra's attribute update: one PATCH replacing `name.givenName`. */
function givenNamePatch(tenant) {
  const value = `Given-${randomInt(1e9)}`;
  const operation = tenant.dialect === 'flagged' ? { op: 'replace', value: { 'name.givenName': value } } : { op: 'Replace', path: 'name.givenName', value };
  return JSON.stringify({ schemas: [PATCH_OP], Operations: [operation] });
}

/** Entra's member changes: one add of a list; removal per dialect. */
function memberOperations(tenant, op, ids) {
  if (op === 'add') return [{ op: tenant.dialect === 'flagged' ? 'add' : 'Add', path: 'members', value: ids.map((value) => ({ value })) }];
  if (tenant.dialect === 'flagged') return ids.map((id) => ({ op: 'remove', path: `members[value eq "${id}"]` }));
  return [{ op: 'Remove', path: 'members', value: ids.map((value) => ({ value })) }];
}

function listPath(tenant) {
  const k = 1 + randomInt(Math.max(1, tenant.count - 99));
  return scimPath(tenant, '/Users', `startIndex=${k}&count=100`);
}

let createSequence = 0;
/** A userName no run has used yet (the counter is shared by every connection of the process). */
function nextUserName(prefix) {
  createSequence += 1;
  return { n: createSequence, userName: `${prefix}-${process.pid}-${createSequence}@create.bench.example` };
}

/** (a) POST /Users, a new userName every time; 201 expected. */
function createUsers(tenant) {
  return {
    requests: [
      {
        method: 'POST',
        path: scimPath(tenant, '/Users'),
        headers: scimHeaders(tenant.token, true),
        setupRequest: (req) => {
          const { n, userName } = nextUserName('new');
          return { ...req, body: entraCreateBody(userName, n) };
        },
      },
    ],
  };
}

/** (b) GET /Users?filter=userName eq "<random existing>". */
function lookups(tenant) {
  return {
    requests: [
      {
        method: 'GET',
        path: lookupPath(tenant, 0),
        headers: scimHeaders(tenant.token, false),
        setupRequest: (req) => ({ ...req, path: lookupPath(tenant, randomInt(tenant.count)) }),
      },
    ],
  };
}

/** (c) Entra steady sync: the lookup, then a PATCH of the found user (its id from the seeding map). */
function steadySync(tenant) {
  return {
    requests: [
      {
        method: 'GET',
        path: lookupPath(tenant, 0),
        headers: scimHeaders(tenant.token, false),
        setupRequest: (req, context) => {
          context.i = randomInt(tenant.count);
          return { ...req, path: lookupPath(tenant, context.i) };
        },
      },
      {
        method: 'PATCH',
        path: scimPath(tenant, `/Users/${tenant.ids[0]}`),
        headers: scimHeaders(tenant.token, true),
        setupRequest: (req, context) => ({ ...req, path: scimPath(tenant, `/Users/${tenant.ids[context.i ?? 0]}`), body: givenNamePatch(tenant) }),
      },
    ],
  };
}

/** (d) a 100-user page anywhere in the tenant. */
function listPages(tenant) {
  return {
    requests: [
      {
        method: 'GET',
        path: listPath(tenant),
        headers: scimHeaders(tenant.token, false),
        setupRequest: (req) => ({ ...req, path: listPath(tenant) }),
      },
    ],
  };
}

/**
 * (e) group membership: each connection owns a batch of 100 non-members and alternates a PATCH adding
 * them with one removing them, so the group stays at ~10k members.
 */
function groupMembers(tenant, batches) {
  let nextClient = 0;
  const patch = (op, ids) => JSON.stringify({ schemas: [PATCH_OP], Operations: memberOperations(tenant, op, ids) });
  const headers = scimHeaders(tenant.token, true);
  const path = scimPath(tenant, `/Groups/${tenant.groupId}`);
  return {
    membersPerRequest: batches[0].length,
    requests: [{ method: 'PATCH', path, headers, body: patch('add', batches[0]) }],
    setupClient: (client) => {
      const batch = batches[nextClient++ % batches.length];
      client.setRequests([
        { method: 'PATCH', path, headers: { ...headers }, body: patch('add', batch) },
        { method: 'PATCH', path, headers: { ...headers }, body: patch('remove', batch) },
      ]);
    },
    /** Leaves the group with exactly its seeded members again. */
    cleanup: async (base) => {
      for (const batch of batches) {
        const res = await fetch(`${base}${path}`, { method: 'PATCH', headers, body: patch('remove', batch) });
        if (res.status >= 300) throw new Error(`group clean-up answered ${res.status}: ${await res.text()}`);
      }
    },
  };
}

/** (f) the mix: 80 % lookups, 10 % PATCH, 5 % create, 5 % list page. */
function mix(tenant) {
  const read = scimHeaders(tenant.token, false);
  const write = scimHeaders(tenant.token, true);
  return {
    requests: [
      {
        method: 'GET',
        path: lookupPath(tenant, 0),
        headers: read,
        setupRequest: (req) => {
          const dice = randomInt(100);
          if (dice < 80) return { ...req, method: 'GET', headers: { ...read }, path: lookupPath(tenant, randomInt(tenant.count)), body: undefined };
          if (dice < 90) {
            const id = tenant.ids[randomInt(tenant.count)];
            return { ...req, method: 'PATCH', headers: { ...write }, path: scimPath(tenant, `/Users/${id}`), body: givenNamePatch(tenant) };
          }
          if (dice < 95) {
            const { n, userName } = nextUserName('mix');
            return { ...req, method: 'POST', headers: { ...write }, path: scimPath(tenant, '/Users'), body: entraCreateBody(userName, n) };
          }
          return { ...req, method: 'GET', headers: { ...read }, path: listPath(tenant), body: undefined };
        },
      },
    ],
  };
}

module.exports = { createUsers, lookups, steadySync, listPages, groupMembers, mix, scimHeaders, scimPath, USER, ENTERPRISE, PATCH_OP };

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANAGER, scimTenant, userBody } from '../support/scim';
import { describeEachEngine, TestApp } from '../support/test-app';

/**
 * The setup guides tell admins which SCIM attribute names to type into Entra ID and Okta. This suite reads
 * what the running service advertises in GET /Schemas and checks every attribute name the guides mention
 * against it, so a guide cannot drift from the code.
 *
 * Which text counts as an attribute reference (only text in backticks; prose is never parsed):
 *  1. a token starting with `urn:ietf:params:scim:schemas:` anywhere, also inside fenced code: an
 *     advertised schema URN on its own, or `<schema URN>:<attribute>[.<sub-attribute>]`;
 *  2. a token with a SCIM value filter anywhere, `attr[...]` or `attr[...].sub`, checked as `attr` / `attr.sub`;
 *  3. every token in a Markdown table column whose header contains "SCIM attribute";
 *  4. in a Markdown table with the columns "External name" and "External namespace" (Okta's Profile
 *     Editor), the pair of each row as `<namespace>:<name>`.
 * Names are compared exactly, letter case included, because admins copy them as written. Core attributes
 * of User and Group are accepted unqualified (`userName`, `name.givenName`, `members`) and qualified with
 * their schema URN. /Schemas does not list the common attributes `id` and `externalId` (RFC 7643 §8.7.1);
 * they are allowed by name here and checked by behaviour (a filter on each) below.
 */

const GUIDES = ['setup-entra.md', 'setup-okta.md'] as const;
const DOCS = join(__dirname, '..', '..', 'docs');
const SCHEMA_PREFIX = 'urn:ietf:params:scim:schemas:';
const CORE_SCHEMAS = ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:core:2.0:Group'];
const COMMON_ATTRIBUTES = ['id', 'externalId'];

/** What every guide must mention, so that a renamed table header cannot silently empty the check. */
const REQUIRED_REFERENCES = [
  'userName',
  'name.givenName',
  'name.familyName',
  'emails.value',
  'active',
  'externalId',
  'preferredLanguage',
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
  `${MANAGER}:gender`,
  `${MANAGER}:academicTitle`,
  'displayName',
  'members',
];

interface AttributeJson {
  name: string;
  canonicalValues?: string[];
  subAttributes?: AttributeJson[];
}
interface SchemaJson {
  id: string;
  attributes: AttributeJson[];
}

/** Schema ids and every attribute path /Schemas advertises (core unqualified and qualified, extensions qualified). */
interface Advertised {
  readonly schemaIds: ReadonlySet<string>;
  readonly paths: ReadonlySet<string>;
}

function advertisedPaths(schemas: readonly SchemaJson[]): Advertised {
  const paths = new Set<string>();
  for (const schema of schemas) {
    for (const attribute of schema.attributes) {
      const names = [attribute.name, ...(attribute.subAttributes ?? []).map((sub) => `${attribute.name}.${sub.name}`)];
      for (const name of names) {
        paths.add(`${schema.id}:${name}`);
        if (CORE_SCHEMAS.includes(schema.id)) paths.add(name);
      }
    }
  }
  for (const name of COMMON_ATTRIBUTES) paths.add(name);
  return { schemaIds: new Set(schemas.map((s) => s.id)), paths };
}

/** A SCIM attribute reference found in a guide, normalised (`emails[type eq "work"].value` → `emails.value`). */
interface Reference {
  readonly text: string;
  readonly path: string;
  readonly line: number;
}

const VALUE_FILTER = /^([A-Za-z][\w$-]*)\[[^\]]*\](?:\.([A-Za-z$][\w$]*))?$/;
const BACKTICKED = /`([^`\n]+)`/g;
const URN_IN_CODE = /urn:ietf:params:scim:schemas:[A-Za-z0-9:._-]*[A-Za-z0-9]/g;

function normalise(token: string): string {
  const filtered = VALUE_FILTER.exec(token);
  if (filtered === null) return token;
  return filtered[2] === undefined ? filtered[1]! : `${filtered[1]}.${filtered[2]}`;
}

/** The cells of a Markdown table row; `|` inside backticks does not split. */
function cells(row: string): string[] {
  const out: string[] = [];
  let current = '';
  let inCode = false;
  for (const ch of row.trim().replace(/^\|/, '').replace(/\|$/, '')) {
    if (ch === '`') inCode = !inCode;
    if (ch === '|' && !inCode) {
      out.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  out.push(current.trim());
  return out;
}

const backticked = (text: string): string[] => [...text.matchAll(BACKTICKED)].map((m) => m[1]!.trim());

/** Rules 1 to 4 of the header comment, applied to one Markdown document. */
function attributeReferences(markdown: string): Reference[] {
  const lines = markdown.split('\n');
  const refs: Reference[] = [];
  const add = (text: string, line: number) => refs.push({ text, path: normalise(text), line });
  let inFence = false;
  let header: string[] | undefined;
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (/^\s*```/.test(raw)) {
      inFence = !inFence;
      return;
    }
    if (inFence) {
      for (const m of raw.matchAll(URN_IN_CODE)) add(m[0], line);
      return;
    }
    for (const token of backticked(raw)) {
      if (token.startsWith(SCHEMA_PREFIX) || VALUE_FILTER.test(token)) add(token, line);
    }
    if (!raw.trim().startsWith('|')) {
      header = undefined;
      return;
    }
    const row = cells(raw);
    if (header === undefined) {
      header = row.map((h) => h.toLowerCase());
      return;
    }
    if (row.every((c) => /^:?-+:?$/.test(c))) return;
    const scimColumns = header.flatMap((h, i) => (h.includes('scim attribute') ? [i] : []));
    for (const i of scimColumns) {
      for (const token of backticked(row[i] ?? '')) {
        if (!token.startsWith(SCHEMA_PREFIX) && !VALUE_FILTER.test(token)) add(token, line);
      }
    }
    const name = header.indexOf('external name');
    const namespace = header.indexOf('external namespace');
    if (name >= 0 && namespace >= 0) {
      const [n] = backticked(row[name] ?? '');
      const [ns] = backticked(row[namespace] ?? '');
      if (n !== undefined && ns !== undefined) add(`${ns}:${n}`, line);
    }
  });
  return refs;
}

/** The references /Schemas does not advertise, as `line N: text`. */
function unknownReferences(refs: readonly Reference[], advertised: Advertised): string[] {
  return refs
    .filter((ref) => !advertised.schemaIds.has(ref.path) && !advertised.paths.has(ref.path))
    .map((ref) => `line ${ref.line}: ${ref.text}`);
}

const readGuide = (file: string) => readFileSync(join(DOCS, file), 'utf8');

async function advertised(t: TestApp): Promise<{ advertised: Advertised; schemas: SchemaJson[] }> {
  const scim = await scimTenant(t);
  const res = await scim.get('/Schemas').expect(200);
  const schemas = res.body.Resources as SchemaJson[];
  return { advertised: advertisedPaths(schemas), schemas };
}

describeEachEngine('Setup guides name only attributes that /Schemas advertises', (ctx) => {
  it.each(GUIDES)('%s: every attribute reference exists in /Schemas', async (file) => {
    const { advertised: known } = await advertised(ctx());
    const refs = attributeReferences(readGuide(file));
    expect(unknownReferences(refs, known)).toEqual([]);
    const mentioned = new Set(refs.map((r) => r.path));
    expect(REQUIRED_REFERENCES.filter((r) => !mentioned.has(r))).toEqual([]);
  });

  it.each(GUIDES)('%s: lists every advertised gender value', async (file) => {
    const { schemas } = await advertised(ctx());
    const gender = schemas.find((s) => s.id === MANAGER)?.attributes.find((a) => a.name === 'gender');
    expect(gender?.canonicalValues).toEqual(['female', 'male', 'diverse', 'unspecified']);
    const tokens = new Set(backticked(readGuide(file)));
    expect(gender!.canonicalValues!.filter((v) => !tokens.has(v))).toEqual([]);
  });

  it('finds users by the common attributes the guides name (externalId, id)', async () => {
    const scim = await scimTenant(ctx());
    const { body: user } = await scim.post('/Users', userBody({ externalId: 'guide-ext-1' })).expect(201);
    const byExternalId = await scim.get(`/Users?filter=${encodeURIComponent('externalId eq "guide-ext-1"')}`).expect(200);
    expect(byExternalId.body.Resources.map((r: { id: string }) => r.id)).toEqual([user.id]);
    const byId = await scim.get(`/Users?filter=${encodeURIComponent(`id eq "${user.id}"`)}`).expect(200);
    expect(byId.body.totalResults).toBe(1);
  });

  it('reports a wrong attribute name such as academicDegree in every position the guides use', async () => {
    const { advertised: known } = await advertised(ctx());
    const guide = (attr: string, sub: string, extension: string) =>
      [
        `Add \`${MANAGER}:${attr}\` as String.`,
        '| Entra source | SCIM attribute (target) |',
        '|---|---|',
        `| \`extensionAttribute2\` | \`${MANAGER}:${attr}\` \`name.${sub}\` |`,
        `| \`mail\` | \`emails[type eq "work"].${sub === 'givenName' ? 'value' : 'address'}\` |`,
        '',
        '| Display name | External name | External namespace |',
        '|---|---|---|',
        `| Title | \`${attr}\` | \`${MANAGER}\` |`,
        '',
        `Namespace \`urn:ietf:params:scim:schemas:extension:${extension}:2.0:User\`.`,
        '```',
        `{"${MANAGER}:${attr}": "Dr."}`,
        '```',
      ].join('\n');
    expect(unknownReferences(attributeReferences(guide('academicDegree', 'firstName', 'acme')), known)).toEqual([
      `line 1: ${MANAGER}:academicDegree`,
      `line 4: ${MANAGER}:academicDegree`,
      'line 4: name.firstName',
      'line 5: emails[type eq "work"].address',
      `line 9: ${MANAGER}:academicDegree`,
      'line 11: urn:ietf:params:scim:schemas:extension:acme:2.0:User',
      `line 13: ${MANAGER}:academicDegree`,
    ]);
    expect(unknownReferences(attributeReferences(guide('academicTitle', 'givenName', 'manager')), known)).toEqual([]);
    const bare = ['| Okta source | SCIM attribute |', '|---|---|', '| `user.title` | `academicDegree` |'].join('\n');
    expect(unknownReferences(attributeReferences(bare), known)).toEqual(['line 3: academicDegree']);
  });
});

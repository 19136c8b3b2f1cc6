/** How strictly a connection's requests are read: its IdP's known deviations, or RFC 7644 only. */
export type DialectProfile = 'entra' | 'okta' | 'strict';

export const DIALECT_PROFILES: readonly DialectProfile[] = ['entra', 'okta', 'strict'];

/** One named tolerance of an IdP's deviation from RFC 7643/7644 (SCIM-NOTES §1.3, §2, §3). */
export interface DialectRule {
  readonly id: string;
  readonly profiles: readonly DialectProfile[];
  readonly description: string;
}

export const DIALECT_RULES = {
  opCase: { id: 'op-case', profiles: ['entra'], description: 'PATCH op in any case ("Replace") read as lower case' },
  stringBoolean: {
    id: 'string-boolean',
    profiles: ['entra'],
    description: 'Boolean attributes sent as the strings "True"/"False" read as booleans (Entra without aadOptscim062020)',
  },
  pathlessPathKeys: {
    id: 'pathless-path-keys',
    profiles: ['entra'],
    description: 'Path-less add/replace whose value keys are paths ("name.givenName", "urn:…:User:department") expanded to attributes',
  },
  removeWithValue: {
    id: 'remove-with-value',
    profiles: ['entra'],
    description: 'remove of a multi-valued attribute with a value array removes only those values (Entra member removal)',
  },
  filterUpsert: {
    id: 'filter-upsert',
    profiles: ['entra'],
    description: 'add/replace on emails[type eq "work"].value when no such element exists adds it',
  },
  derivedWrite: {
    id: 'derived-write',
    profiles: ['entra'],
    description: 'Writes to derived attributes (User displayName, name.formatted) ignored',
  },
  idInValue: {
    id: 'id-in-value',
    profiles: ['okta'],
    description: 'id/schemas/meta inside a path-less replace value (Okta group rename) ignored when id is unchanged',
  },
  undeclaredExtension: {
    id: 'undeclared-extension',
    profiles: ['entra', 'okta'],
    description: 'Extension objects present in the body but not listed in schemas are accepted (Entra never lists custom ones)',
  },
  foreignSchema: {
    id: 'foreign-schema',
    profiles: ['entra'],
    description: 'Unknown URIs in schemas dropped (Microsoft ADSCIM Group URI)',
  },
  missingSchemas: {
    id: 'missing-schemas',
    profiles: ['entra', 'okta'],
    description: 'A body without schemas gets the resource type core schema',
  },
} as const satisfies Record<string, DialectRule>;

export type DialectRuleName = keyof typeof DIALECT_RULES;

/** The rules in force for a profile, and a record of which ones changed the request. */
export class DialectContext {
  readonly fired = new Set<string>();

  constructor(readonly profile: DialectProfile) {}

  applies(rule: DialectRuleName): boolean {
    return (DIALECT_RULES[rule].profiles as readonly DialectProfile[]).includes(this.profile);
  }

  fire(rule: DialectRuleName): void {
    this.fired.add(DIALECT_RULES[rule].id);
  }

  /** The same rules, recording into a throw-away set (to look at a request before reading the resource). */
  dryRun(): DialectContext {
    return new DialectContext(this.profile);
  }
}

/** A connection's profile: as configured, else its provider's, else strict. */
export function profileFor(provider: string, configured?: string | null): DialectProfile {
  const candidate = (configured ?? provider).toLowerCase();
  return (DIALECT_PROFILES as readonly string[]).includes(candidate) ? (candidate as DialectProfile) : 'strict';
}

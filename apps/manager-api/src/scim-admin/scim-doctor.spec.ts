import { diagnose, foreignDialectRules, HintCode, ProvisioningSummary } from './scim-doctor';

const NOW = new Date('2025-11-29T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3_600_000);

/** A healthy, busy Entra connection; each case overrides what it is about. */
const summary = (overrides: Partial<ProvisioningSummary> = {}): ProvisioningSummary => ({
  now: NOW,
  provider: 'entra',
  baseUrl: 'https://manager.example.com/scim/v2',
  lastActivityAt: hoursAgo(0.5),
  unauthorizedRun: 0,
  refusedSourceRun: 0,
  failedUserCreates: 0,
  userCreates: 10,
  lastStringBooleanAt: null,
  foreignRules: [],
  foreignExternalIds: 0,
  currentToken: { prefix: 'scim_abc123' },
  previousTokenInUse: null,
  ...overrides,
});

const codes = (s: ProvisioningSummary) => diagnose(s).map((h) => h.code);

describe(diagnose.name, () => {
  it('says nothing about a healthy connection', () => expect(diagnose(summary())).toEqual([]));

  it.each<[string, Partial<ProvisioningSummary>, HintCode[]]>([
    ['3 refused tokens in a row', { unauthorizedRun: 3 }, ['TOKEN_MISMATCH']],
    ['2 refused tokens (below the threshold)', { unauthorizedRun: 2 }, []],
    ['one request from outside the allowlist', { refusedSourceRun: 1 }, ['SOURCE_IP_REFUSED']],
    ['an old token still in use', { previousTokenInUse: { prefix: 'scim_old000', expiresAt: hoursAgo(-24) } }, ['OLD_TOKEN_IN_USE']],
    ['3 invalid creates and none succeeded', { failedUserCreates: 3, userCreates: 0 }, ['EMAIL_MAPPING_MISSING']],
    ['2 invalid creates (below the threshold)', { failedUserCreates: 2, userCreates: 0 }, []],
    ['invalid creates, but more succeeded', { failedUserCreates: 5, userCreates: 6 }, []],
    ['string booleans', { lastStringBooleanAt: hoursAgo(30) }, ['STRING_BOOLEANS']],
    ['Okta-only dialect rules on Entra', { foreignRules: ['id-in-value'] }, ['IDP_MISMATCH']],
    ['Okta user ids as externalId on Entra', { foreignExternalIds: 4 }, ['IDP_MISMATCH']],
    ['the last request 47 hours ago', { lastActivityAt: hoursAgo(47) }, []],
    ['the last request 48 hours ago', { lastActivityAt: hoursAgo(48) }, ['NO_RECENT_REQUESTS']],
    ['no request ever', { lastActivityAt: null }, ['NEVER_USED']],
  ])('%s', (_case, overrides, expected) => expect(codes(summary(overrides))).toEqual(expected));

  it('orders errors before warnings before info', () => {
    const all = summary({
      lastActivityAt: null,
      unauthorizedRun: 5,
      failedUserCreates: 3,
      userCreates: 0,
      lastStringBooleanAt: hoursAgo(1),
    });
    expect(diagnose(all).map((h) => [h.code, h.severity])).toEqual([
      ['TOKEN_MISMATCH', 'error'],
      ['EMAIL_MAPPING_MISSING', 'warning'],
      ['STRING_BOOLEANS', 'warning'],
      ['NEVER_USED', 'info'],
    ]);
  });

  it.each<[HintCode, Partial<ProvisioningSummary>, RegExp[]]>([
    ['TOKEN_MISMATCH', { unauthorizedRun: 4 }, [/^4 SCIM requests/, /scim_abc123/, /Secret Token/]],
    ['TOKEN_MISMATCH', { provider: 'okta', unauthorizedRun: 3 }, [/Okta/, /Test Connector Configuration/]],
    ['SOURCE_IP_REFUSED', { refusedSourceRun: 2 }, [/allowedSourceIps/, /rotate/]],
    ['OLD_TOKEN_IN_USE', { previousTokenInUse: { prefix: 'scim_old000', expiresAt: new Date('2025-12-01T00:00:00.000Z') } }, [/scim_old000/, /2025-12-01T00:00:00.000Z/]],
    ['EMAIL_MAPPING_MISSING', { failedUserCreates: 3, userCreates: 1 }, [/likely/, /emails\[type eq "work"\]\.value/]],
    ['STRING_BOOLEANS', { lastStringBooleanAt: hoursAgo(2) }, [/https:\/\/manager\.example\.com\/scim\/v2\?aadOptscim062020/, /2025-11-29T10:00:00\.000Z/]],
    ['IDP_MISMATCH', { foreignRules: ['id-in-value'] }, [/look like Okta/, /id-in-value/, /provider "okta"/]],
    ['IDP_MISMATCH', { provider: 'okta', foreignRules: ['op-case'] }, [/look like Microsoft Entra ID/, /provider "entra"/]],
    ['NO_RECENT_REQUESTS', { lastActivityAt: hoursAgo(50) }, [/for 50 hours/, /Provisioning Status/]],
    ['NEVER_USED', { provider: 'okta', lastActivityAt: null }, [/SCIM connector base URL https:\/\/manager\.example\.com\/scim\/v2/]],
  ])('%s tells what to do', (code, overrides, patterns) => {
    const found = diagnose(summary(overrides)).find((h) => h.code === code);
    for (const pattern of patterns) expect(found?.message).toMatch(pattern);
  });
});

describe(foreignDialectRules.name, () => {
  it.each([
    ['entra', ['id-in-value']],
    ['okta', ['op-case', 'string-boolean', 'pathless-path-keys', 'remove-with-value', 'filter-upsert', 'derived-write', 'foreign-schema']],
  ] as const)('lists the rules only the other IdP needs (%s)', (provider, rules) =>
    expect(foreignDialectRules(provider)).toEqual(rules),
  );
});

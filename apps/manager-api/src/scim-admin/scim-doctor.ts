import { DIALECT_RULES } from '@app/scim/dialects/dialect-rules';
import { ScimProvider } from './scim-connection.entity';

export type HintSeverity = 'info' | 'warning' | 'error';

export type HintCode =
  | 'TOKEN_MISMATCH'
  | 'SOURCE_IP_REFUSED'
  | 'OLD_TOKEN_IN_USE'
  | 'EMAIL_MAPPING_MISSING'
  | 'STRING_BOOLEANS'
  | 'IDP_MISMATCH'
  | 'NO_RECENT_REQUESTS'
  | 'NEVER_USED';

export interface ScimHint {
  readonly code: HintCode;
  readonly severity: HintSeverity;
  readonly message: string;
}

const HOUR = 3_600_000;

/** How far back each piece of evidence is looked for. */
export const DOCTOR_WINDOWS = { unauthorizedMs: HOUR, evidenceMs: 7 * 24 * HOUR, quietMs: 48 * HOUR } as const;
export const TOKEN_MISMATCH_THRESHOLD = 3;
export const EMAIL_MAPPING_THRESHOLD = 3;

/** Okta sends its own user id (`00u` + 17 characters) as externalId; Entra never does. */
export const OKTA_USER_ID = /^00u[A-Za-z0-9]{17}$/;

/** What the doctor knows about an enabled connection: a few aggregates of its log, tokens and users. */
export interface ProvisioningSummary {
  readonly now: Date;
  readonly provider: ScimProvider;
  readonly baseUrl: string;
  /** Newest of: a logged event, the connection's last request, a token's last use. */
  readonly lastActivityAt: Date | null;
  /** 401s (revoked or expired token) in the last hour with no accepted request after them. */
  readonly unauthorizedRun: number;
  /** 403s of the source-IP allowlist in the last hour with no accepted request after them. */
  readonly refusedSourceRun: number;
  /** POST /Users answered 400 invalidValue (the mapper's "no usable email"), last 7 days. */
  readonly failedUserCreates: number;
  /** POST /Users answered 2xx, last 7 days. */
  readonly userCreates: number;
  /** The last request (within 7 days) that needed the `string-boolean` rule. */
  readonly lastStringBooleanAt: Date | null;
  /** Ids of dialect rules exclusive to another IdP that fired in the last 7 days. */
  readonly foreignRules: readonly string[];
  /** SCIM users whose externalId has another IdP's id shape. */
  readonly foreignExternalIds: number;
  readonly currentToken: { readonly prefix: string } | null;
  /** An older, still valid token the IdP used after the current one was issued. */
  readonly previousTokenInUse: { readonly prefix: string; readonly expiresAt: Date | null } | null;
}

const otherProvider = (provider: ScimProvider): ScimProvider => (provider === 'entra' ? 'okta' : 'entra');
const IDP_NAMES: Record<ScimProvider, string> = { entra: 'Microsoft Entra ID', okta: 'Okta' };

/** Dialect rules that only another IdP's requests need (e.g. `id-in-value` on an Entra connection). */
export function foreignDialectRules(provider: ScimProvider): string[] {
  const other = otherProvider(provider);
  return Object.values(DIALECT_RULES)
    .filter((rule) => (rule.profiles as readonly string[]).includes(other) && !(rule.profiles as readonly string[]).includes(provider))
    .map((rule) => rule.id);
}

type Check = (s: ProvisioningSummary) => ScimHint | null;

const hint = (code: HintCode, severity: HintSeverity, message: string): ScimHint => ({ code, severity, message });
const iso = (date: Date) => date.toISOString();
const hoursBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / HOUR);
const requests = (n: number) => `${n} SCIM request${n === 1 ? '' : 's'}`;

const tokenMismatch: Check = (s) =>
  s.unauthorizedRun < TOKEN_MISMATCH_THRESHOLD
    ? null
    : hint(
        'TOKEN_MISMATCH',
        'error',
        `${requests(s.unauthorizedRun)} in the last hour were refused with 401: ${IDP_NAMES[s.provider]} uses a revoked or expired ` +
          `token${s.currentToken === null ? '' : `, not the current one (${s.currentToken.prefix}…)`}. Rotate the token and paste ` +
          (s.provider === 'entra'
            ? 'it into Secret Token, then Test Connection and Save (Restart provisioning if the job is in quarantine).'
            : 'it into Provisioning → Integration → Authorization, then Test Connector Configuration and retry the failed tasks.'),
      );

const sourceIpRefused: Check = (s) =>
  s.refusedSourceRun === 0
    ? null
    : hint(
        'SOURCE_IP_REFUSED',
        'error',
        `${requests(s.refusedSourceRun)} in the last hour came from addresses outside this connection's source-IP allowlist ` +
          `and were refused with 403. If ${IDP_NAMES[s.provider]}'s outbound addresses changed, update allowedSourceIps; ` +
          'if the IdP does not call from there, someone else holds the token: rotate it.',
      );

const oldTokenInUse: Check = (s) =>
  s.previousTokenInUse === null
    ? null
    : hint(
        'OLD_TOKEN_IN_USE',
        'warning',
        `${IDP_NAMES[s.provider]} still authenticates with the previous token (${s.previousTokenInUse.prefix}…)` +
          (s.previousTokenInUse.expiresAt === null ? '' : `, which stops working at ${iso(s.previousTokenInUse.expiresAt)}`) +
          '. Paste the current token into the provisioning settings.',
      );

const emailMappingMissing: Check = (s) =>
  s.failedUserCreates < EMAIL_MAPPING_THRESHOLD || s.failedUserCreates <= s.userCreates
    ? null
    : hint(
        'EMAIL_MAPPING_MISSING',
        'warning',
        `${s.failedUserCreates} user creates in the last 7 days were refused as invalid, more than succeeded. The likely cause: ` +
          'the IdP sends no email address and its userName is not one. Map an email attribute to emails[type eq "work"].value ' +
          '(Entra: mail; Okta: email) or make userName the email address, then retry the failed users. ' +
          'The failed requests are in the provisioning log.',
      );

const stringBooleans: Check = (s) =>
  s.lastStringBooleanAt === null
    ? null
    : hint(
        'STRING_BOOLEANS',
        'warning',
        `Entra sent booleans as strings ("True"/"False"), last at ${iso(s.lastStringBooleanAt)}: it uses its old SCIM format. ` +
          `Set the Tenant URL to ${s.baseUrl}?aadOptscim062020 in the provisioning settings and save.`,
      );

const idpMismatch: Check = (s) => {
  if (s.foreignRules.length === 0 && s.foreignExternalIds === 0) return null;
  const other = IDP_NAMES[otherProvider(s.provider)];
  const evidence = [
    ...(s.foreignRules.length > 0 ? [`requests needed ${other}-only rules (${s.foreignRules.join(', ')})`] : []),
    ...(s.foreignExternalIds > 0 ? [`${s.foreignExternalIds} of its users have an Okta user id (00u…) as externalId`] : []),
  ];
  return hint(
    'IDP_MISMATCH',
    'warning',
    `SCIM requests look like ${other}, but this connection is configured for ${IDP_NAMES[s.provider]}: ` +
      `${evidence.join('; ')}. Disable SCIM and enable it again with provider "${otherProvider(s.provider)}", or check that the token ` +
      'is used by the right identity provider only.',
  );
};

const noRecentRequests: Check = (s) =>
  s.lastActivityAt === null || s.now.getTime() - s.lastActivityAt.getTime() < DOCTOR_WINDOWS.quietMs
    ? null
    : hint(
        'NO_RECENT_REQUESTS',
        'warning',
        `No SCIM request for ${hoursBetween(s.lastActivityAt, s.now)} hours (last at ${iso(s.lastActivityAt)}). ` +
          (s.provider === 'entra'
            ? 'Entra syncs every 40 minutes: check in Entra that Provisioning Status is On and the job is not in quarantine.'
            : 'Okta pushes on every change: check in Okta that Provisioning → To App is enabled and the app is assigned.'),
      );

const neverUsed: Check = (s) =>
  s.lastActivityAt !== null
    ? null
    : hint(
        'NEVER_USED',
        'info',
        `No SCIM request has arrived yet. ` +
          (s.provider === 'entra'
            ? `In Entra, set Tenant URL ${s.baseUrl}?aadOptscim062020 and the Secret Token, choose Test Connection, ` +
              'then start provisioning.'
            : `In Okta, set the SCIM connector base URL ${s.baseUrl}, authentication mode HTTP Header with the token, ` +
              'and choose Test Connector Configuration.'),
      );

const CHECKS: readonly Check[] = [
  tokenMismatch,
  sourceIpRefused,
  oldTokenInUse,
  emailMappingMissing,
  stringBooleans,
  idpMismatch,
  noRecentRequests,
  neverUsed,
];
const RANK: Record<HintSeverity, number> = { error: 0, warning: 1, info: 2 };

/** Setup hints of an enabled connection, most severe first. Pure: everything it needs is in the summary. */
export function diagnose(summary: ProvisioningSummary): ScimHint[] {
  return CHECKS.map((check) => check(summary))
    .filter((h): h is ScimHint => h !== null)
    .sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

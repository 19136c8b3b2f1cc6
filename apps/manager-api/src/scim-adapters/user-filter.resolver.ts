import { StoreValidationError } from '@app/scim/ports/store-errors';
import { formatAttrPath } from '@app/scim/query/attr-path-syntax';
import type { AttrPath } from '@app/scim/query/filter-ast';
import type {
  ColumnTarget,
  ColumnTargetColumn,
  ColumnTargetConstant,
  ColumnTargetExists,
  FilterTargetResolver,
  SqlDialect,
} from '@app/scim/query/filter-to-sql';
import { ENTERPRISE_USER_SCHEMA } from '@app/scim/schema/enterprise-user.schema';
import { MANAGER_USER_SCHEMA } from '@app/scim/schema/manager-user.schema';
import { USER_SCHEMA } from '@app/scim/schema/user.schema';
import { dateTimeColumn as dateTime, textColumn as text } from './store-sql';

/** Memberships of the user row `alias`; `value` is the group id, `display` its name. */
function groupsTarget(alias: string): ColumnTargetExists {
  const subs = new Map<string, ColumnTargetColumn | ColumnTargetConstant>([
    ['value', text('gm.group_id', true)],
    ['display', text('g.name', false, 'g.name_key')],
    ['type', { kind: 'constant', value: 'direct', caseExact: false }],
  ]);
  return {
    kind: 'exists',
    from: `group_members gm INNER JOIN user_groups g ON g.id = gm.group_id WHERE gm.user_id = ${alias}.id`,
    resolveSub: (sub) => subs.get(sub.toLowerCase()),
  };
}

/** DESIGN §3: what each SCIM User attribute is in `users` (keys: lower-cased `[extension-urn:]attr[.sub]`). */
function userTargets(a: string): ReadonlyMap<string, ColumnTarget> {
  const email = text(`${a}.email`, false, `${a}.email_key`);
  // name_key is caseKey("first last"); TRIM drops the space left by an empty part, as `formatted` does.
  const formatted = text(`TRIM(${a}.first_name || ' ' || ${a}.last_name)`, false, `TRIM(${a}.name_key)`);
  const hasEmail = `${a}.email IS NOT NULL`;
  return new Map<string, ColumnTarget>([
    ['id', text(`${a}.id`, true)],
    ['externalid', text(`${a}.external_id`, true)],
    ['username', text(`${a}.scim_user_name`, false, `${a}.scim_user_name_key`)],
    ['name.givenname', text(`${a}.first_name`, false)],
    ['name.familyname', text(`${a}.last_name`, false)],
    ['name.formatted', formatted],
    ['displayname', formatted],
    ['emails', email],
    ['emails.value', email],
    ['emails.type', { kind: 'constant', value: 'work', caseExact: false, presentIf: hasEmail }],
    ['emails.primary', { kind: 'constant', value: true, caseExact: false, presentIf: hasEmail }],
    ['active', { kind: 'column', expr: `${a}.active`, type: 'boolean', caseExact: false }],
    ['preferredlanguage', text(`${a}.language`, false)],
    ['locale', text(`${a}.language`, false)],
    ['meta.resourcetype', { kind: 'constant', value: 'User', caseExact: true }],
    ['meta.created', dateTime(`${a}.created_at`)],
    ['meta.lastmodified', dateTime(`${a}.updated_at`)],
    [`${ENTERPRISE_USER_SCHEMA}:department`.toLowerCase(), text(`${a}.department`, false)],
    [`${MANAGER_USER_SCHEMA}:gender`.toLowerCase(), text(`${a}.gender`, false)],
    [`${MANAGER_USER_SCHEMA}:academicTitle`.toLowerCase(), text(`${a}.academic_title`, false)],
    ['groups', groupsTarget(a)],
  ]);
}

function keyOf(path: AttrPath): string {
  const core = path.uri === undefined || path.uri.toLowerCase() === USER_SCHEMA.toLowerCase();
  const prefix = core ? '' : `${path.uri}:`;
  const sub = path.sub === undefined ? '' : `.${path.sub}`;
  return `${prefix}${path.attr}${sub}`.toLowerCase();
}

/** The filter targets of SCIM User paths over the `users` row aliased `alias` (no other alias may be `gm`/`g`). */
export function userFilterResolver(alias: string): FilterTargetResolver {
  const targets = userTargets(alias);
  return { resolve: (path) => targets.get(keyOf(path)) };
}

/**
 * The ORDER BY expression for `sortBy` (RFC 7644 §3.4.2.3): case-insensitive strings sort by their key,
 * all strings in code-point order on both engines.
 * @throws StoreValidationError('sortBy') for unknown attributes and those that are not a plain column.
 */
export function userSortExpression(path: AttrPath, alias: string, dialect: SqlDialect): string {
  const target = userFilterResolver(alias).resolve(path);
  if (target?.kind !== 'column') {
    throw new StoreValidationError('sortBy', `Cannot sort by "${formatAttrPath(path)}"`);
  }
  if (target.type !== 'string') return target.expr;
  const expr = target.caseExact ? target.expr : (target.keyExpr ?? `LOWER(${target.expr})`);
  return dialect === 'postgres' ? `${expr} COLLATE "C"` : expr;
}

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
import { GROUP_SCHEMA } from '@app/scim/schema/group.schema';
import { dateTimeColumn as dateTime, textColumn as text } from './store-sql';

/**
 * Memberships of the group row `alias`; `value` is the user id, `display` the user's "First Last", else
 * its email (as rendered by memberDisplay). `name_key` is caseKey("first last"); TRIM drops the space
 * left by an empty part.
 */
function membersTarget(alias: string): ColumnTargetExists {
  const display = text(
    `COALESCE(NULLIF(TRIM(mu.first_name || ' ' || mu.last_name), ''), mu.email)`,
    false,
    `COALESCE(NULLIF(TRIM(mu.name_key), ''), mu.email_key)`,
  );
  const subs = new Map<string, ColumnTargetColumn | ColumnTargetConstant>([
    ['value', text('gm.user_id', true)],
    ['display', display],
    ['type', { kind: 'constant', value: 'User', caseExact: false }],
  ]);
  return {
    kind: 'exists',
    from: `group_members gm INNER JOIN users mu ON mu.id = gm.user_id WHERE gm.group_id = ${alias}.id`,
    resolveSub: (sub) => subs.get(sub.toLowerCase()),
  };
}

/** DESIGN §3: what each SCIM Group attribute is in `user_groups` (keys: lower-cased `attr[.sub]`). */
function groupTargets(a: string): ReadonlyMap<string, ColumnTarget> {
  return new Map<string, ColumnTarget>([
    ['id', text(`${a}.id`, true)],
    ['externalid', text(`${a}.external_id`, true)],
    ['displayname', text(`${a}.name`, false, `${a}.name_key`)],
    ['members', membersTarget(a)],
    ['meta.resourcetype', { kind: 'constant', value: 'Group', caseExact: true }],
    ['meta.created', dateTime(`${a}.created_at`)],
    ['meta.lastmodified', dateTime(`${a}.updated_at`)],
  ]);
}

/** `undefined` for paths of another schema (the Group resource has no extensions here). */
function keyOf(path: AttrPath): string | undefined {
  if (path.uri !== undefined && path.uri.toLowerCase() !== GROUP_SCHEMA.toLowerCase()) return undefined;
  const sub = path.sub === undefined ? '' : `.${path.sub}`;
  return `${path.attr}${sub}`.toLowerCase();
}

/**
 * The filter targets of SCIM Group paths over the `user_groups` row aliased `alias` (no other alias of the
 * query may be `gm` or `mu`). `members eq "x"` and `members.value eq "x"` test one membership row.
 */
export function groupFilterResolver(alias: string): FilterTargetResolver {
  const targets = groupTargets(alias);
  return {
    resolve: (path) => {
      const key = keyOf(path);
      return key === undefined ? undefined : targets.get(key);
    },
  };
}

/**
 * The ORDER BY expression for `sortBy` (RFC 7644 §3.4.2.3): displayName sorts by its key, all strings
 * in code-point order on both engines.
 * @throws StoreValidationError('sortBy') for unknown attributes and those that are not a plain column (members).
 */
export function groupSortExpression(path: AttrPath, alias: string, dialect: SqlDialect): string {
  const target = groupFilterResolver(alias).resolve(path);
  if (target?.kind !== 'column') {
    throw new StoreValidationError('sortBy', `Cannot sort by "${formatAttrPath(path)}"`);
  }
  if (target.type !== 'string') return target.expr;
  const expr = target.caseExact ? target.expr : (target.keyExpr ?? `LOWER(${target.expr})`);
  return dialect === 'postgres' ? `${expr} COLLATE "C"` : expr;
}

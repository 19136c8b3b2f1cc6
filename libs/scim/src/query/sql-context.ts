import { ScimError } from '../errors/scim-error';
import type { SqlDialect } from './sql-target';

const PARAM_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Most EXISTS sub-queries one filter may compile to. Each costs a probe per candidate row, and PostgreSQL's
 * planning time grows steeply with ANDed ones (200 took over a minute), while 4096 characters hold ~290.
 */
export const MAX_FILTER_SUBQUERIES = 10;

/** Collects the bound parameters of one compilation under unique names `<prefix>0`, `<prefix>1`, … */
export class SqlContext {
  readonly params: Record<string, unknown> = {};
  private counter = 0;
  private subqueries = 0;

  constructor(
    readonly dialect: SqlDialect,
    private readonly prefix: string,
  ) {
    if (!PARAM_PREFIX.test(prefix)) throw new Error(`Invalid SQL parameter prefix "${prefix}"`);
  }

  /** Counts one EXISTS sub-query. @throws ScimError invalidFilter past MAX_FILTER_SUBQUERIES. */
  subquery(label: string): void {
    this.subqueries += 1;
    if (this.subqueries > MAX_FILTER_SUBQUERIES) {
      throw ScimError.invalidFilter(
        `The filter tests multi-valued attributes such as "${label}" more than ${MAX_FILTER_SUBQUERIES} times; combine the tests in one value filter, e.g. ${label}[value eq "a" or value eq "b"]`,
      );
    }
  }

  /** Returns the placeholder (`:f0`) for `value`. */
  bind(value: unknown): string {
    const name = `${this.prefix}${this.counter}`;
    this.counter += 1;
    this.params[name] = value;
    return `:${name}`;
  }
}

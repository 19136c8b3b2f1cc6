import type { SqlDialect } from './sql-target';

const PARAM_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Collects the bound parameters of one compilation under unique names `<prefix>0`, `<prefix>1`, … */
export class SqlContext {
  readonly params: Record<string, unknown> = {};
  private counter = 0;

  constructor(
    readonly dialect: SqlDialect,
    private readonly prefix: string,
  ) {
    if (!PARAM_PREFIX.test(prefix)) throw new Error(`Invalid SQL parameter prefix "${prefix}"`);
  }

  /** Returns the placeholder (`:f0`) for `value`. */
  bind(value: unknown): string {
    const name = `${this.prefix}${this.counter}`;
    this.counter += 1;
    this.params[name] = value;
    return `:${name}`;
  }
}

/** Variables saved from earlier responses, by name. */
export type ReplayVars = Record<string, unknown>;

const WHOLE = /^\{\{\s*([\w.-]+)\s*\}\}$/;
const EMBEDDED = /\{\{\s*([\w.-]+)\s*\}\}/g;

/** A template variable that no earlier step saved. */
export class UnknownVariableError extends Error {
  constructor(readonly variable: string) {
    super(`unknown variable {{${variable}}}`);
    this.name = 'UnknownVariableError';
  }
}

/**
 * `value` with `{{var}}` replaced throughout: a string that is exactly one variable takes the variable's
 * value (any JSON type); a variable inside a longer string is interpolated as text.
 * @throws UnknownVariableError
 */
export function substitute(value: unknown, vars: ReplayVars): unknown {
  if (typeof value === 'string') return substituteText(value, vars);
  if (Array.isArray(value)) return value.map((v) => substitute(v, vars));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [substituteText(k, vars), substitute(v, vars)]));
  }
  return value;
}

function substituteText(text: string, vars: ReplayVars): unknown {
  const whole = WHOLE.exec(text);
  if (whole !== null) return lookup(whole[1]!, vars);
  return text.replace(EMBEDDED, (_m, name: string) => String(lookup(name, vars)));
}

function lookup(name: string, vars: ReplayVars): unknown {
  if (!(name in vars)) throw new UnknownVariableError(name);
  return vars[name];
}

/** The value at `path` in `json`: `id`, `Resources[0].id`, `Resources.0.id`, `meta.version`; `undefined` when absent. */
export function valueAt(json: unknown, path: string): unknown {
  const segments = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '');
  let current: unknown = json;
  for (const segment of segments) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * One table per service: each environment variable is a row (name, parser, default, meaning).
 * The loader reads the table, the README table and .env.example are checked against it, and the
 * default is written once (in the parser). A bad value throws with the rule, never the value (it
 * may be a secret).
 */

export type Env = Readonly<Record<string, string | undefined>>

/** Thrown by a parser: `rule` completes "<VARIABLE> …", e.g. "must be one of: text, template". */
export class SettingRuleError extends Error {
  constructor(readonly rule: string) {
    super(rule)
    this.name = 'SettingRuleError'
  }
}

/** Parses a variable's trimmed value (undefined when absent or blank) into its typed value. */
export interface Parser<T> {
  /** The default as the README table shows it ('unset' when there is none). */
  readonly shownDefault: string
  /** True when `shownDefault` is the literal value (so .env.example must show that same value). */
  readonly literalDefault: boolean
  parse(raw: string | undefined): T
}

export interface Setting<N extends string = string, T = unknown> {
  name: N
  parser: Parser<T>
  meaning: string
}

/** The typed configuration a table describes: `{ NAME: parsed value }`. */
export type SettingsOf<Rows extends readonly Setting[]> = {
  [Row in Rows[number] as Row['name']]: Row['parser'] extends Parser<infer T> ? T : never
}

/** A variable counts as unset when it is absent or blank (docker-compose passes `VAR=` as ""). */
export function readVariable(env: Env, name: string): string | undefined {
  const value = env[name]
  if (value === undefined) return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

/**
 * Parses every row of `table` from `env`. The first bad value becomes `toError(name, rule)`
 * (each service keeps its own error class and message form).
 */
export function loadSettings<Rows extends readonly Setting[]>(
  table: Rows,
  env: Env,
  toError: (name: string, rule: string) => Error
): SettingsOf<Rows> {
  const settings: Record<string, unknown> = {}
  for (const row of table) {
    try {
      settings[row.name] = row.parser.parse(readVariable(env, row.name))
    } catch (err) {
      if (err instanceof SettingRuleError) throw toError(row.name, err.rule)
      throw err
    }
  }
  // The keys are exactly the rows' names, each parsed by its row's parser.
  return settings as SettingsOf<Rows>
}

const parser = <T>(
  shownDefault: string,
  literalDefault: boolean,
  parse: (raw: string | undefined) => T
): Parser<T> => ({ shownDefault, literalDefault, parse })

/** Any text; `fallback` when unset. */
export function text(fallback: string, shown = fallback): Parser<string> {
  return parser(shown, shown === fallback, (raw) => raw ?? fallback)
}

/** Any text, or undefined when unset. */
export function optionalText(shown = 'unset'): Parser<string | undefined> {
  return parser(shown, false, (raw) => raw)
}

/** A whole number in [min, max]. */
export function integer(fallback: number, min: number, max: number): Parser<number> {
  return parser(String(fallback), true, (raw) => {
    if (raw === undefined) return fallback
    const rule = `must be a whole number between ${min} and ${max}`
    if (!/^\d+$/.test(raw)) throw new SettingRuleError(rule)
    const value = Number(raw)
    if (value < min || value > max) throw new SettingRuleError(rule)
    return value
  })
}

/** One of `allowed`; `lowercase` accepts any case (LOG_LEVEL=INFO). */
export function oneOf<T extends string>(
  allowed: readonly T[],
  fallback: T,
  options: { lowercase?: boolean } = {}
): Parser<T> {
  return parser(fallback, true, (raw) => {
    if (raw === undefined) return fallback
    const value = options.lowercase === true ? raw.toLowerCase() : raw
    if (!(allowed as readonly string[]).includes(value))
      throw new SettingRuleError(`must be one of: ${allowed.join(', ')}`)
    return value as T
  })
}

/** true/false (or 1/0). */
export function bool(fallback: boolean): Parser<boolean> {
  return parser(String(fallback), true, (raw) => {
    if (raw === undefined) return fallback
    if (raw === 'true' || raw === '1') return true
    if (raw === 'false' || raw === '0') return false
    throw new SettingRuleError('must be true or false')
  })
}

/** Checks an absolute http(s) URL (https only with `httpsOnly`); returns it unchanged. */
export function checkHttpUrl(
  raw: string,
  options: { httpsOnly?: boolean; rule?: string } = {}
): string {
  const rule =
    options.rule ?? `must be an absolute ${options.httpsOnly === true ? 'https' : 'http(s)'} URL`
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new SettingRuleError(rule)
  }
  const ok =
    options.httpsOnly === true
      ? url.protocol === 'https:'
      : url.protocol === 'http:' || url.protocol === 'https:'
  if (!ok) throw new SettingRuleError(rule)
  return raw
}

/** An http(s) URL, or `fallback` (undefined: unset) when absent; `transform` normalises it. */
export function httpUrl(
  fallback: string,
  options?: { rule?: string; transform?: (url: string) => string }
): Parser<string>
export function httpUrl(
  fallback: undefined,
  options?: { rule?: string; transform?: (url: string) => string }
): Parser<string | undefined>
export function httpUrl(
  fallback: string | undefined,
  options: { rule?: string; transform?: (url: string) => string } = {}
): Parser<string | undefined> {
  const transform = options.transform ?? ((url: string) => url)
  return parser(fallback ?? 'unset', fallback !== undefined, (raw) => {
    if (raw === undefined) return fallback === undefined ? undefined : transform(fallback)
    return transform(checkHttpUrl(raw, options.rule === undefined ? {} : { rule: options.rule }))
  })
}

/** A value checked by `check` (which throws SettingRuleError), or undefined when unset. */
export function optionalChecked<T>(
  check: (raw: string) => T,
  shown = 'unset'
): Parser<T | undefined> {
  return parser(shown, false, (raw) => (raw === undefined ? undefined : check(raw)))
}

/** Text checked by `check` (which throws SettingRuleError), or `fallback` when unset. */
export function checkedText(fallback: string, check: (raw: string) => string): Parser<string> {
  return parser(fallback, true, (raw) => (raw === undefined ? fallback : check(raw)))
}

/**
 * DATABASE_URL: a postgres:// or postgresql:// URL, or undefined when unset (the store then uses
 * DATABASE_FILE). The rule never repeats the value: it carries the database password.
 */
export function postgresUrl(): Parser<string | undefined> {
  return optionalChecked((raw) => {
    if (!/^postgres(ql)?:\/\/[^/]/i.test(raw))
      throw new SettingRuleError('must be a postgres:// or postgresql:// URL')
    try {
      new URL(raw)
    } catch {
      throw new SettingRuleError('must be a postgres:// or postgresql:// URL')
    }
    return raw
  }, 'unset (SQLite in DATABASE_FILE)')
}

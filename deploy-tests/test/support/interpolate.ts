/**
 * Compose-style variable interpolation for the tests: `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}` and `$$`, applied to every string of a
 * parsed compose file, as `docker compose config` does before validating.
 */
export type Vars = Readonly<Record<string, string | undefined>>

const PATTERN =
  /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g

export function interpolateString(text: string, vars: Vars): string {
  return text.replace(
    PATTERN,
    (
      match,
      braced: string | undefined,
      op: string | undefined,
      arg: string | undefined,
      bare: string | undefined
    ) => {
      if (match === '$$') return '$'
      const name = braced ?? bare ?? ''
      const value = vars[name]
      const unsetOrEmpty = value === undefined || value === ''
      switch (op) {
        case ':-':
          return unsetOrEmpty ? (arg ?? '') : value
        case '-':
          return value === undefined ? (arg ?? '') : value
        case ':?':
          if (unsetOrEmpty) throw new Error(`required variable ${name} is missing: ${arg ?? ''}`)
          return value
        case '?':
          if (value === undefined)
            throw new Error(`required variable ${name} is missing: ${arg ?? ''}`)
          return value
        default:
          return value ?? ''
      }
    }
  )
}

export function interpolate(node: unknown, vars: Vars): unknown {
  if (typeof node === 'string') return interpolateString(node, vars)
  if (Array.isArray(node)) return node.map((item) => interpolate(item, vars))
  if (typeof node === 'object' && node !== null) {
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => [key, interpolate(value, vars)])
    )
  }
  return node
}

import type { SqlParams, SqlValue } from './sql-db'

/**
 * Rewrites the shared placeholder syntax (`?`, or `@name` with an object) into PostgreSQL's
 * `$1, $2, …` and returns the values in that order. Quoted strings, quoted identifiers and
 * comments are left alone, so a literal '?' or '@' in them is not taken for a parameter.
 */
export function toPostgresPlaceholders(
  sql: string,
  params: SqlParams | undefined
): { text: string; values: SqlValue[] } {
  const named = params !== undefined && !Array.isArray(params)
  const positional = (params ?? []) as readonly SqlValue[]
  const values: SqlValue[] = []
  const slotOf = new Map<string, number>()
  let text = ''
  let i = 0
  while (i < sql.length) {
    const c = sql[i] as string
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c)
      text += sql.slice(i, end)
      i = end
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      const stop = end === -1 ? sql.length : end
      text += sql.slice(i, stop)
      i = stop
    } else if (c === '?' && !named) {
      if (values.length >= positional.length) {
        throw new Error(`SQL has more '?' than the ${positional.length} values given`)
      }
      values.push(positional[values.length] as SqlValue)
      text += `$${values.length}`
      i += 1
    } else if (c === '@' && named && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(sql.slice(i + 1))?.[0] as string
      const record = params as Readonly<Record<string, SqlValue>>
      if (!(name in record)) throw new Error(`SQL parameter @${name} has no value`)
      let slot = slotOf.get(name)
      if (slot === undefined) {
        values.push(record[name] as SqlValue)
        slot = values.length
        slotOf.set(name, slot)
      }
      text += `$${slot}`
      i += 1 + name.length
    } else {
      text += c
      i += 1
    }
  }
  if (!named && values.length !== positional.length) {
    throw new Error(`SQL has ${values.length} '?' but ${positional.length} values were given`)
  }
  return { text, values }
}

/** Index just past the quote that closes the one at `start` (a doubled quote is an escape). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2
      else return i + 1
    } else i += 1
  }
  return sql.length
}

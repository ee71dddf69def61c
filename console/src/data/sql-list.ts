import type { SqlExecutor, SqlValue } from '@helpdesk/core'

/** Values per IN (…) list: well under SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 500

/** "?, ?, ?" for `n` values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ')

/**
 * Rows of `query(list)` for every chunk of `values`, where `list` is the placeholders of one chunk
 * (`… WHERE x IN (${list})`), and the chunk's values come first among the parameters. Both engines
 * take a plain IN list (SQLite's json_each and PostgreSQL's arrays differ).
 */
export async function allInChunks<T>(
  sql: SqlExecutor,
  values: readonly SqlValue[],
  query: (list: string) => string,
  rest: readonly SqlValue[] = []
): Promise<T[]> {
  const rows: T[] = []
  for (let i = 0; i < values.length; i += CHUNK) {
    const chunk = values.slice(i, i + CHUNK)
    rows.push(...(await sql.all<T>(query(placeholders(chunk.length)), [...chunk, ...rest])))
  }
  return rows
}

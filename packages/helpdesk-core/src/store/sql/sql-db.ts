/**
 * The store's one database interface, the same for the embedded SQLite file (DATABASE_FILE) and
 * a PostgreSQL server (DATABASE_URL). Every repository talks to this and nothing else, so both
 * engines run the same code and the same tests.
 *
 * SQL is written once in the subset both engines accept: `?` (or `@name` with an object of
 * parameters) for values, `ON CONFLICT … DO NOTHING/UPDATE`, `RETURNING`, ISO-8601 text for
 * times. Where an engine needs its own SQL, branch on `dialect`.
 */
export type SqlDialect = 'sqlite' | 'postgres'

/** Values a statement can take. No booleans: SQLite has none; store 0/1 in INTEGER columns. */
export type SqlValue = string | number | bigint | null | Buffer
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>

export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number
}

/** Runs statements; inside a transaction, on the transaction's connection. */
export interface SqlExecutor {
  readonly dialect: SqlDialect
  /** Every row of a query. Integer and numeric columns arrive as JS numbers on both engines. */
  all<T>(sql: string, params?: SqlParams): Promise<T[]>
  /** The first row, or undefined. */
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>
  /** A statement without result rows (use `all`/`get` with RETURNING for generated values). */
  run(sql: string, params?: SqlParams): Promise<SqlRunResult>
  /** One or more statements without parameters (DDL). */
  exec(sql: string): Promise<void>
}

export interface SqlDb extends SqlExecutor {
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Statements must go through `tx`. SQLite takes the write lock at BEGIN (IMMEDIATE) and runs
   * one transaction at a time per connection; PostgreSQL runs at READ COMMITTED on a connection
   * of its own, so a read-then-write that must not race uses a row lock or one atomic statement.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * Child process of concurrent-migration.test.ts (PostgreSQL): for each round, waits until the
 * round's instant and migrates that round's empty database, as a replica of a new deployment
 * does at start. Prints one JSON line: the error of each failed round (empty when none).
 */
import { MIGRATIONS } from '../../src/store/migrations'
import { migrateSql } from '../../src/store/sql/migrate-sql'
import { postgresSqlDb } from '../../src/store/sql/postgres-sql-db'

async function main(): Promise<void> {
  const rounds = JSON.parse(String(process.argv[2])) as { url: string; at: number }[]
  const errors: string[] = []
  for (const round of rounds) {
    const db = postgresSqlDb(round.url, { max: 1 })
    await db.get('SELECT 1')
    while (Date.now() < round.at) {
      // Spin, not sleep: every child must reach the first statement in the same millisecond.
    }
    await migrateSql(db, MIGRATIONS).catch((err: Error) => errors.push(err.message))
    await db.close()
  }
  process.stdout.write(JSON.stringify(errors))
}

void main()

import { randomBytes } from 'node:crypto'
import { loadPg } from './lazy-pg'

/**
 * A new, empty PostgreSQL database on the server of TEST_DATABASE_URL (a superuser URL that
 * scripts/with-test-services.sh starts for tests and benchmarks), so suites never see each
 * other's rows. `drop` removes it (closing your own pools first is up to you).
 */
export async function createScratchDatabase(
  serverUrl: string | undefined = process.env.TEST_DATABASE_URL
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (serverUrl === undefined || serverUrl === '') {
    throw new Error(
      'TEST_DATABASE_URL is not set: run through `npm test` or `bash scripts/with-test-services.sh <command>`, which start a PostgreSQL server'
    )
  }
  const name = `scratch_${randomBytes(6).toString('hex')}`
  const admin = new (loadPg().Client)({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async (): Promise<void> => {
      const client = new (loadPg().Client)({ connectionString: serverUrl })
      await client.connect()
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      } finally {
        await client.end()
      }
    }
  }
}

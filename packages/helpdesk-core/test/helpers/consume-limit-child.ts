/**
 * Child process of identity-limits.test.ts: one more action-server process sharing the database.
 * argv: <store location as JSON> <attempts> <limit>; prints how many lookups were allowed.
 */
import { openStore, systemClock } from '../../src/store'
import { LIMIT_BUCKET } from '../../src/store/identity-limits-repository'

async function main(): Promise<void> {
  const [location, attempts, limit] = process.argv.slice(2)
  const store = await openStore(JSON.parse(String(location)) as never, systemClock)
  let allowed = 0
  for (let i = 0; i < Number(attempts); i++) {
    const decision = await store.identityLimits.consume([
      {
        name: 'global',
        bucket: LIMIT_BUCKET.lookupGlobal,
        limit: Number(limit),
        windowMs: 60 * 60 * 1000
      }
    ])
    if (decision.allowed) allowed++
  }
  await store.close()
  process.stdout.write(String(allowed))
}

void main()

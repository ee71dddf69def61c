/**
 * Child process of identity-limits.test.ts: one more action-server process sharing the database.
 * argv: <database file> <attempts> <limit>; prints how many lookups were allowed.
 */
import { openStore, systemClock } from '../../src/store'
import { LIMIT_BUCKET } from '../../src/store/identity-limits-repository'

const [file, attempts, limit] = process.argv.slice(2)
const store = openStore(String(file), systemClock)
let allowed = 0
for (let i = 0; i < Number(attempts); i++) {
  const decision = store.identityLimits.consume([
    {
      name: 'global',
      bucket: LIMIT_BUCKET.lookupGlobal,
      limit: Number(limit),
      windowMs: 60 * 60 * 1000
    }
  ])
  if (decision.allowed) allowed++
}
store.close()
process.stdout.write(String(allowed))

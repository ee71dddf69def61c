/**
 * Child process of concurrent-migration.test.ts: waits until the agreed instant (argv[3], epoch
 * ms) so every child opens the new SQLite file at the same moment, then opens and migrates it.
 */
import { openDatabase } from '../../src/store/database'

const [file, startAt] = process.argv.slice(2)
const wait = Math.max(0, Number(startAt) - Date.now())
setTimeout(() => {
  openDatabase(String(file)).close()
}, wait)

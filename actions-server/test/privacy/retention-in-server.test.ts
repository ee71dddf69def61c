/** RETENTION_DAYS inside the running action server: applied at start, before the first request. */
import {
  ENGINES,
  fixedClock,
  seedReset,
  tableCounts,
  testStoreLocation
} from '@helpdesk/core/testing'
import { openStore } from '@helpdesk/core'
import pino from 'pino'
import { loadConfig } from '../../src/config'
import { startActionServer } from '../../src/server'

const DAY = 24 * 60 * 60 * 1000

describe.each(ENGINES)('retention inside the running action server on %s', (engine) => {
  it('When the action server starts on a store with data older than RETENTION_DAYS, then that data is gone once it listens', async () => {
    const { location, drop } = await testStoreLocation(engine)
    try {
      const seeded = await openStore(
        location,
        fixedClock(new Date(Date.now() - 10 * DAY).toISOString())
      )
      await seedReset(seeded, {
        sender: 'ten-days-ago',
        nip: '198501012010011001',
        phone: '6281200000001'
      })
      await seeded.close()

      const config = loadConfig({
        ACTIONS_HOST: '127.0.0.1',
        ACTIONS_PORT: '0',
        DATABASE_FILE: location.databaseFile,
        ...(location.databaseUrl === undefined ? {} : { DATABASE_URL: location.databaseUrl }),
        RETENTION_DAYS: '7',
        ACTIONS_TOKEN: 'a-test-token-of-32-characters-xx'
      })
      const server = await startActionServer(config, pino({ level: 'silent' }))
      await server.stop()

      const reopened = await openStore(location, fixedClock(new Date().toISOString()))
      expect(await tableCounts(reopened)).toEqual({
        tickets: 1,
        tickets_with_personal_data: 0,
        tte_requests: 0,
        whatsapp_outbox: 0,
        audit_log: 0
      })
      await reopened.close()
    } finally {
      await drop()
    }
  })
})

/** RETENTION_DAYS inside the running action server: applied at start, before the first request. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixedClock, seedReset, tableCounts } from '@helpdesk/core/testing'
import { openStore } from '@helpdesk/core'
import pino from 'pino'
import { loadConfig } from '../../src/config'
import { startActionServer } from '../../src/server'

const DAY = 24 * 60 * 60 * 1000

describe('retention inside the running action server', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'retention-server-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('When the action server starts on a store with data older than RETENTION_DAYS, then that data is gone once it listens', async () => {
    const file = join(dir, 'helpdesk.sqlite')
    const seeded = openStore(file, fixedClock(new Date(Date.now() - 10 * DAY).toISOString()))
    seedReset(seeded, { sender: 'ten-days-ago', nip: '198501012010011001', phone: '6281200000001' })
    seeded.close()

    const config = loadConfig({
      ACTIONS_HOST: '127.0.0.1',
      ACTIONS_PORT: '0',
      DATABASE_FILE: file,
      RETENTION_DAYS: '7',
      ACTIONS_TOKEN: 'a-test-token-of-32-characters-xx'
    })
    const server = await startActionServer(config, pino({ level: 'silent' }))
    await server.stop()

    const reopened = openStore(file, fixedClock(new Date().toISOString()))
    expect(tableCounts(reopened)).toEqual({
      tickets: 1,
      tickets_with_personal_data: 0,
      tte_requests: 0,
      whatsapp_outbox: 0,
      audit_log: 0
    })
    reopened.close()
  })
})

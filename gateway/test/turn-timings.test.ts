/**
 * The gateway records each user turn's response time in the shared store (turn_timings,
 * migration 8) when DATABASE_FILE is set: from the message entering the gateway to the last
 * reply call finishing. Real gateway processes, a loopback fake Rasa and Bot API.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createScratchDatabase, openDatabase, openSqlDb, type Db } from '@helpdesk/core'
import { aTextUpdate, startFakeBotApi, startFakeRasa } from './fakes'

const ROOT = join(__dirname, '..')

function runMain(
  env: Record<string, string>,
  stdin: string,
  whileRunning?: (child: ReturnType<typeof spawn>) => Promise<void>
): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(ROOT, '../packages/helpdesk-core/test/helpers/ts-register.js'),
        join(ROOT, 'src/main.ts')
      ],
      { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['pipe', 'ignore', 'ignore'] }
    )
    child.on('close', (code) => resolve(code))
    child.stdin.end(stdin)
    if (whileRunning !== undefined) void whileRunning(child)
  })
}

interface Row {
  channel: string
  duration_ms: number
  outcome: string
  day: string
}

describe('turn timings for the dashboard', () => {
  let dir: string
  let file: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-timings-'))
    file = join(dir, 'helpdesk.sqlite')
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  const rows = (): Row[] => {
    const db: Db = openDatabase(file)
    try {
      return db
        .prepare('SELECT channel, duration_ms, outcome, day FROM turn_timings ORDER BY id')
        .all() as Row[]
    } finally {
      db.close()
    }
  }

  test('When Rasa takes 300 ms to answer a Telegram message, then one turn of at least 300 ms is stored, without sender or text', async () => {
    const api = await startFakeBotApi()
    const rasa = await startFakeRasa({
      reply: async (req) => {
        await new Promise((r) => setTimeout(r, 300))
        return [{ text: `echo: ${req.message}` }]
      }
    })
    try {
      api.pushUpdate(aTextUpdate(9001, 'halo'))
      const code = await runMain(
        {
          TELEGRAM_BOT_TOKEN: api.token,
          TELEGRAM_API_ROOT: api.url,
          RASA_URL: rasa.url,
          GATEWAY_HOST: '127.0.0.1',
          GATEWAY_PORT: '0',
          DATABASE_FILE: file
        },
        '',
        async (child) => {
          await api.waitFor(
            (c) => c.method === 'sendMessage' && c.payload.text === 'echo: halo',
            15000
          )
          child.kill('SIGTERM')
        }
      )
      expect(code).toBe(0)
      const stored = rows()
      expect(stored).toHaveLength(1)
      expect(stored[0]).toMatchObject({ channel: 'telegram', outcome: 'ok' })
      expect(stored[0]!.duration_ms).toBeGreaterThanOrEqual(300)
      expect(stored[0]!.duration_ms).toBeLessThan(15000)
      const columns = JSON.stringify(rows())
      expect(columns).not.toContain('halo')
      expect(columns).not.toContain('9001')
    } finally {
      await api.close()
      await rasa.close()
    }
  })

  test('When the terminal chat has two turns and Rasa fails the second, then both are stored, the second as failed', async () => {
    let calls = 0
    const rasa = await startFakeRasa({
      reply: () => (++calls === 1 ? [{ text: 'Halo!' }] : [])
    })
    try {
      expect(await runMain({ RASA_URL: rasa.url, DATABASE_FILE: file }, 'halo\nasdf\n')).toBe(0)
      expect(rows().map((r) => [r.channel, r.outcome])).toEqual([
        ['terminal', 'ok'],
        ['terminal', 'failed']
      ])
    } finally {
      await rasa.close()
    }
  })

  test('When DATABASE_URL is set, then the turns go to PostgreSQL and no SQLite file is written', async () => {
    const scratch = await createScratchDatabase()
    const rasa = await startFakeRasa({ reply: () => [{ text: 'Halo!' }] })
    try {
      expect(
        await runMain(
          { RASA_URL: rasa.url, DATABASE_URL: scratch.url, DATABASE_FILE: file },
          'halo\nlagi\n'
        )
      ).toBe(0)
      const { sql } = await openSqlDb({ databaseUrl: scratch.url, databaseFile: '' })
      try {
        expect(await sql.all('SELECT channel, outcome FROM turn_timings ORDER BY id')).toEqual([
          { channel: 'terminal', outcome: 'ok' },
          { channel: 'terminal', outcome: 'ok' }
        ])
        expect(await sql.get('SELECT SUM(turns) AS n FROM turn_timing_histogram')).toEqual({ n: 2 })
      } finally {
        await sql.close()
      }
      expect(existsSync(file)).toBe(false)
    } finally {
      await rasa.close()
      await scratch.drop()
    }
  })

  test('When DATABASE_FILE is not set, then the chat works as before without a store', async () => {
    const rasa = await startFakeRasa()
    try {
      expect(await runMain({ RASA_URL: rasa.url }, 'halo\n')).toBe(0)
      expect(rasa.requests).toHaveLength(1)
    } finally {
      await rasa.close()
    }
  })
})

/** `npm run data -- purge | erase …` as an operator runs it: a child process, exit codes, output. */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { openStore, type StoreLocation } from '@helpdesk/core'
import {
  ENGINES,
  everything,
  fixedClock,
  seedReset,
  seedTte,
  testStoreLocation
} from '@helpdesk/core/testing'

jest.setTimeout(60_000)

const CLI = resolve(__dirname, '..', '..', 'src', 'tools', 'data-cli.ts')
const REGISTER = resolve(
  __dirname,
  '..',
  '..',
  '..',
  'packages',
  'helpdesk-core',
  'test',
  'helpers',
  'ts-register.js'
)
const DAY = 24 * 60 * 60 * 1000
const NIP = '198501012010011001'
const NIK = '3603010101850002'

function runCli(
  args: string[],
  env: Record<string, string>
): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', REGISTER, CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8'
  })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe.each(ENGINES)('npm run data on %s', (engine) => {
  let location: StoreLocation
  let drop: () => Promise<void>
  /** The store's variables as an operator sets them: DATABASE_URL, or DATABASE_FILE. */
  let storeEnv: Record<string, string>
  beforeEach(async () => {
    ;({ location, drop } = await testStoreLocation(engine))
    storeEnv =
      location.databaseUrl === undefined
        ? { DATABASE_FILE: location.databaseFile }
        : { DATABASE_URL: location.databaseUrl }
    const old = await openStore(
      location,
      fixedClock(new Date(Date.now() - 100 * DAY).toISOString())
    )
    await seedReset(old, { sender: '700100', nip: NIP, phone: '6281200000001' })
    await old.close()
    const recent = await openStore(location, fixedClock(new Date(Date.now() - DAY).toISOString()))
    await seedTte(recent, { sender: '700200', nik: NIK })
    await seedReset(recent, { sender: '700300', nip: '199002022015022003', phone: '6281300000003' })
    await recent.close()
  })
  afterEach(async () => {
    await drop()
  })

  const stored = async (): Promise<string> => {
    const store = await openStore(location, fixedClock(new Date().toISOString()))
    try {
      return await everything(store)
    } finally {
      await store.close()
    }
  }

  it('When purge runs, then it exits 0, prints the counts by table and only the data older than RETENTION_DAYS is gone', async () => {
    const result = runCli(['purge'], storeEnv)

    expect(result.status).toBe(0)
    expect(result.stderr).toBe('')
    const lines = result.stdout.trim().split('\n')
    expect(lines[0]).toMatch(
      /^purged personal data older than 90 days \(created before \d{4}-\d\d-\d\dT[\d:.]+Z\):$/
    )
    expect(lines.slice(1)).toEqual([
      'tickets: 1 anonymised',
      'tte_requests: 0 deleted',
      'whatsapp_outbox: 1 deleted',
      'audit_log: 3 deleted',
      'identity_limit_events: 0 deleted',
      'ticket_events: 0 deleted',
      'csat_surveys: 0 anonymised',
      'conversation_reviews: 0 deleted',
      'unrecognized_messages: 0 deleted',
      'analytics_senders: 0 cleared',
      'takeovers: 0 deleted'
    ])
    expect(await stored()).not.toContain(NIP)
    expect(await stored()).toContain(NIK)
  })

  it('When RETENTION_DAYS is set, then purge uses it', async () => {
    const result = runCli(['purge'], { ...storeEnv, RETENTION_DAYS: '1' })

    expect(result.status).toBe(0)
    expect(result.stdout).toContain('older than 1 days')
    expect(result.stdout).toContain('tickets: 3 anonymised')
  })

  it.each([
    [
      ['erase', '--nip', '1985 0101 2010 01 1 001'],
      'NIP 1985***********001',
      [
        'tickets: 1 anonymised',
        'tte_requests: 0 deleted',
        'whatsapp_outbox: 1 deleted',
        'audit_log: 2 deleted',
        'identity_limit_events: 0 deleted',
        'ticket_events: 0 deleted',
        'csat_surveys: 0 anonymised',
        'conversation_reviews: 0 deleted',
        'unrecognized_messages: 0 deleted',
        'analytics_senders: 0 cleared',
        'takeovers: 0 deleted'
      ]
    ],
    [
      ['erase', '--nik', NIK],
      'NIK 3603********0002',
      [
        'tickets: 1 anonymised',
        'tte_requests: 1 deleted',
        'whatsapp_outbox: 0 deleted',
        'audit_log: 1 deleted',
        'identity_limit_events: 0 deleted',
        'ticket_events: 0 deleted',
        'csat_surveys: 0 anonymised',
        'conversation_reviews: 0 deleted',
        'unrecognized_messages: 0 deleted',
        'analytics_senders: 0 cleared',
        'takeovers: 0 deleted'
      ]
    ],
    [
      ['erase', '--sender', '700300'],
      'sender 70**00',
      [
        'tickets: 1 anonymised',
        'tte_requests: 0 deleted',
        'whatsapp_outbox: 1 deleted',
        'audit_log: 3 deleted',
        'identity_limit_events: 0 deleted',
        'ticket_events: 0 deleted',
        'csat_surveys: 0 anonymised',
        'conversation_reviews: 0 deleted',
        'unrecognized_messages: 0 deleted',
        'analytics_senders: 0 cleared',
        'takeovers: 0 deleted'
      ]
    ]
  ])(
    'When running %j, then it exits 0, names the person masked and prints what it removed by table',
    async (args, who, counts) => {
      const result = runCli(args, storeEnv)

      expect(result.status).toBe(0)
      expect(result.stdout.trim().split('\n')).toEqual([`erased the data of ${who}:`, ...counts])
      expect(result.stdout).not.toContain(NIP)
      expect(result.stdout).not.toContain(NIK)
      expect(result.stdout).not.toContain('700300')
    }
  )

  it('When erasing by NIP, then that NIP is no longer anywhere in the store', async () => {
    expect(await stored()).toContain(NIP)

    expect(runCli(['erase', '--nip', NIP], storeEnv).status).toBe(0)
    expect(await stored()).not.toContain(NIP)
  })

  // Arguments and configuration are checked before the store is opened: the same on both
  // engines, so they run once (on SQLite), not once per engine.
  if (engine === 'sqlite') {
    it.each([
      [[], /^data: usage: npm run data -- purge \| erase/],
      [['vacuum'], /^data: unknown command; usage:/],
      [['erase'], /^data: erase needs exactly one of --nip, --nik, --sender with a value/],
      [['erase', '--email', 'x@example.go.id'], /^data: erase needs --nip, --nik or --sender/],
      [['erase', '--nip', '19850101201001100'], /^data: --nip must be an 18-digit NIP$/],
      [['erase', '--nik', '360301010185000X'], /^data: --nik must be a 16-digit NIK$/],
      [['purge', '--now'], /^data: purge takes no arguments/]
    ])(
      'When the arguments are %j, then it exits 2 with one clear line and changes nothing',
      async (args, line) => {
        const before = await stored()

        const result = runCli(args, storeEnv)

        expect(result.status).toBe(2)
        expect(result.stdout).toBe('')
        expect(result.stderr.trim().split('\n')).toHaveLength(1)
        expect(result.stderr.trim()).toMatch(line)
        expect(result.stderr).not.toContain('19850101201001100')
        expect(result.stderr).not.toContain('360301010185000')
        expect(await stored()).toBe(before)
      }
    )

    it('When RETENTION_DAYS is invalid, then it exits 2 naming the variable', async () => {
      const result = runCli(['purge'], { ...storeEnv, RETENTION_DAYS: '0' })

      expect(result.status).toBe(2)
      expect(result.stderr.trim()).toBe(
        'data: Invalid configuration: RETENTION_DAYS must be a whole number between 1 and 3650'
      )
    })

    it('When there is no store at DATABASE_FILE, then it exits 1 with one line and creates nothing', async () => {
      const missing = join(location.databaseFile || '/tmp/data-cli', 'nowhere', 'helpdesk.sqlite')

      const result = runCli(['erase', '--nip', NIP], { DATABASE_FILE: missing })

      expect(result.status).toBe(1)
      expect(result.stderr.trim()).toBe(
        `data: no store at ${missing} (DATABASE_FILE); nothing to do`
      )
      expect(result.stderr).not.toContain(NIP)
    })
  }
})

describe('npm run data with DATABASE_URL', () => {
  it('When DATABASE_URL is not a PostgreSQL URL, then it exits 2 with one line naming the variable and never the value', () => {
    const result = runCli(['purge'], {
      DATABASE_URL: 'mysql://helpdesk:Rahasia-Sekali-42@db/helpdesk'
    })

    expect(result.status).toBe(2)
    expect(result.stderr).toBe(
      'data: Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL\n'
    )
    expect(result.stderr).not.toContain('Rahasia-Sekali-42')
  })

  it('When the PostgreSQL server cannot be reached, then it exits 1 with one line that holds no password', () => {
    const result = runCli(['purge'], {
      DATABASE_URL: 'postgres://helpdesk:Rahasia-Sekali-42@127.0.0.1:9/helpdesk'
    })

    expect(result.status).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/^data: the store could not be changed/)
    expect(result.stderr + result.stdout).not.toContain('Rahasia-Sekali-42')
  })
})

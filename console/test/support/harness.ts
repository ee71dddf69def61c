import type { FastifyInstance } from 'fastify'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { buildConsole } from '../../src/app'
import { loadConsoleConfig } from '../../src/config'
import type { Clock, SqlDb } from '../../src/data/db'
import { createStaffAccounts } from '../../src/data/staff-accounts'
import type { SlaPolicy } from '../../src/data/sla'
import type { ConsoleDeps, RequesterDirectory, RequesterRecord } from '../../src/deps'
import { createScratchDatabase, type Db } from '@helpdesk/core'
import { openRasaTrackerSource, type RasaTrackerSource } from '../../src/data/rasa-tracker-store'
import { openConsoleStore } from '../../src/store'
import { createGatewayNotifier } from '../../src/gateway-notifier'
import { createRasaApi } from '../../src/rasa/rasa-api'

export const SLA: SlaPolicy = {
  calendar: { days: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 16 * 60 },
  categoryHours: { handoff: 8, reset_password: 8, tte: 16, identitas_gagal: 8 },
  systemHours: { email_dinas: 4 }
}

/** Invented people (fictional NIP/NIK ranges); one has markup in the name to prove escaping. */
export const PEOPLE: RequesterRecord[] = [
  {
    nip: '198503152010011001',
    nama: 'Budi Santoso',
    nik: '3603121503850001',
    email_dinas: 'budi.santoso@example.go.id',
    whatsapp: '6285600000001',
    unit_kerja: 'Dinas Komunikasi dan Informatika',
    status_tte: 'belum_terdaftar',
    aktif: true
  },
  {
    nip: '199005302014092001',
    nama: '<script>alert("nama")</script><b>Dewi</b>',
    email_dinas: 'dewi@example.go.id',
    whatsapp: '6285600000004',
    unit_kerja: 'BKPSDM',
    status_tte: 'diajukan',
    aktif: true
  }
]

export const directory: RequesterDirectory = {
  findByNip: async (nip) => PEOPLE.find((p) => p.nip === nip),
  findByNik: async (nik) => PEOPLE.find((p) => p.nik === nik)
}

/** The store engines the console runs on. */
export type Engine = 'sqlite' | 'postgres'
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres']

export interface Harness {
  url: string
  engine: Engine
  /** The console's store. */
  sql: SqlDb
  /** The SQLite connection of the store (the sqlite engine only; throws on PostgreSQL). */
  db: Db
  /** Where the store is (DATABASE_URL on PostgreSQL, else DATABASE_FILE). */
  databaseUrl: string | undefined
  databaseFile: string
  /** Rasa's tracker store as this console reads it. */
  tracker: RasaTrackerSource
  app: FastifyInstance
  clock: Clock & { set(date: Date): void; advance(ms: number): void }
  addAccount(username: string, role: 'admin' | 'petugas', password?: string): Promise<void>
  close(): Promise<void>
}

export const PASSWORD = 'kata-sandi-uji-123'

/**
 * A console on 127.0.0.1 (ephemeral port) over a fresh store with the bot's schema: a SQLite file,
 * or (engine 'postgres') a scratch database on the test PostgreSQL (TEST_DATABASE_URL).
 */
export async function startConsole(
  options: {
    env?: Record<string, string>
    now?: Date
    logger?: ConsoleDeps['logger']
    engine?: Engine
    /** Another console process over this harness's store (not removed by close). */
    store?: Harness
  } = {}
): Promise<Harness> {
  const engine = options.engine ?? 'sqlite'
  const dir = mkdtempSync(join(tmpdir(), 'console-test-'))
  const file = options.store?.databaseFile ?? join(dir, 'helpdesk.sqlite')
  const scratch =
    options.store !== undefined
      ? undefined
      : engine === 'postgres'
        ? await createScratchDatabase()
        : undefined
  const databaseUrl = options.store?.databaseUrl ?? scratch?.url
  const { sql, sqlite: raw } = await openConsoleStore({
    databaseFile: file,
    ...(databaseUrl === undefined ? {} : { databaseUrl })
  })
  let now = options.now ?? new Date()
  const clock = {
    now: () => now,
    set: (d: Date) => {
      now = d
    },
    advance: (ms: number) => {
      now = new Date(now.getTime() + ms)
    }
  }
  const config = loadConsoleConfig({
    CONSOLE_SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    CONSOLE_HOST: '127.0.0.1',
    CONSOLE_PORT: '0',
    DATABASE_FILE: file,
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
    ...options.env
  })
  const tracker = openRasaTrackerSource(config.trackerStore)
  const deps: ConsoleDeps = {
    config,
    sql,
    tracker,
    clock,
    sla: SLA,
    directory,
    logger: options.logger ?? pino({ level: 'silent' }),
    notifier: createGatewayNotifier({
      url: config.gatewayUrl,
      token: config.gatewayCallbackToken,
      timeoutMs: 2000,
      waitTimeoutMs: 10_000
    }),
    rasa: createRasaApi({ url: config.rasaUrl, token: config.rasaAuthToken, timeoutMs: 2000 })
  }
  const app = await buildConsole(deps)
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as AddressInfo
  const accounts = createStaffAccounts(sql, clock)
  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    sql,
    get db(): Db {
      if (raw === undefined) throw new Error('h.db is the SQLite engine only: use h.sql')
      return raw
    },
    databaseUrl,
    databaseFile: file,
    tracker,
    app,
    clock,
    addAccount: async (username, role, password = PASSWORD) => {
      await accounts.add(username, role, password)
    },
    close: async () => {
      await app.close()
      await tracker.close()
      await sql.close()
      await scratch?.drop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export interface SeedTicket {
  number: string
  category?: string
  status?: string
  summary?: string
  data?: Record<string, unknown>
  createdAt?: string
  senderId?: string
}

const INSERT_TICKET = `INSERT INTO tickets (number, day, seq, category, sender_id, status, summary, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

/** Inserts a ticket the way the bot's store does (numbered per WIB day), on either engine. */
export async function seedTicketSql(sql: SqlDb, ticket: SeedTicket): Promise<void> {
  await sql.run(INSERT_TICKET, ticketRow(ticket))
}

/** seedTicket on the SQLite connection (the suites that run on SQLite only). */
export function seedTicket(db: Db, ticket: SeedTicket): void {
  db.prepare(INSERT_TICKET).run(...ticketRow(ticket))
}

function ticketRow(ticket: SeedTicket): Array<string | number> {
  const [, day, seq] = /^TIK-(\d{8})-(\d+)$/.exec(ticket.number) ?? []
  return [
    ticket.number,
    day ?? '',
    Number(seq),
    ticket.category ?? 'handoff',
    ticket.senderId ?? 'tg-1',
    ticket.status ?? 'baru',
    ticket.summary ?? 'Pengguna minta bicara dengan petugas',
    JSON.stringify(ticket.data ?? {}),
    ticket.createdAt ?? new Date().toISOString()
  ]
}

/** The id of a ticket's TTE registration request (what the console's /tte forms post to). */
export function tteRequestId(db: Db, ticketNumber: string): number {
  return (
    db.prepare('SELECT id FROM tte_requests WHERE ticket_number = ?').get(ticketNumber) as {
      id: number
    }
  ).id
}

/** A tiny browser-like HTTP client: keeps the session cookie, reads the CSRF token from pages. */
export class Client {
  private cookie = ''
  csrf = ''
  constructor(readonly base: string) {}

  /** Continues `other`'s signed-in session (as the same browser reaching another console process). */
  useSessionOf(other: Client): void {
    this.cookie = other.cookie
    this.csrf = other.csrf
  }

  async get(
    path: string
  ): Promise<{ status: number; body: string; location: string | null; headers: Headers }> {
    const res = await fetch(this.base + path, {
      redirect: 'manual',
      headers: this.cookie === '' ? {} : { cookie: this.cookie }
    })
    return await this.read(res)
  }

  async post(
    path: string,
    fields: Record<string, string>,
    options: { csrf?: string | null } = {}
  ): Promise<{ status: number; body: string; location: string | null; headers: Headers }> {
    const form = new URLSearchParams(fields)
    const token = options.csrf === undefined ? this.csrf : options.csrf
    if (token !== null) form.set('_csrf', token)
    const res = await fetch(this.base + path, {
      method: 'POST',
      redirect: 'manual',
      body: form.toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(this.cookie === '' ? {} : { cookie: this.cookie })
      }
    })
    return await this.read(res)
  }

  async login(
    username: string,
    password = PASSWORD
  ): Promise<{ status: number; body: string; location: string | null; headers: Headers }> {
    await this.get('/login')
    return await this.post('/login', { username, password })
  }

  private async read(res: Response) {
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('konsol_sesi='))
    if (setCookie !== undefined) this.cookie = setCookie.split(';')[0]!
    const body = await res.text()
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1]
    if (token !== undefined) this.csrf = token
    return { status: res.status, body, location: res.headers.get('location'), headers: res.headers }
  }
}

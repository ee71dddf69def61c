import type { FastifyInstance } from 'fastify'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { buildConsole } from '../../src/app'
import { loadConsoleConfig } from '../../src/config'
import type { Clock, Db } from '../../src/data/db'
import { createStaffAccounts } from '../../src/data/staff-accounts'
import type { SlaPolicy } from '../../src/data/sla'
import type { ConsoleDeps, RequesterDirectory, RequesterRecord } from '../../src/deps'
import { openDatabase } from '@helpdesk/core'
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

export interface Harness {
  url: string
  db: Db
  app: FastifyInstance
  clock: Clock & { set(date: Date): void; advance(ms: number): void }
  addAccount(username: string, role: 'admin' | 'petugas', password?: string): Promise<void>
  close(): Promise<void>
}

export const PASSWORD = 'kata-sandi-uji-123'

/** A console on 127.0.0.1 (ephemeral port) over a fresh SQLite file with the bot's schema. */
export async function startConsole(
  options: { env?: Record<string, string>; now?: Date; logger?: ConsoleDeps['logger'] } = {}
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'console-test-'))
  const file = join(dir, 'helpdesk.sqlite')
  const db = openDatabase(file)
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
    ...options.env
  })
  const deps: ConsoleDeps = {
    config,
    db,
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
  const accounts = createStaffAccounts(db, clock)
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    app,
    clock,
    addAccount: async (username, role, password = PASSWORD) => {
      await accounts.add(username, role, password)
    },
    close: async () => {
      await app.close()
      db.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

/** Inserts a ticket the way the bot's store does (numbered per WIB day). */
export function seedTicket(
  db: Db,
  ticket: {
    number: string
    category?: string
    status?: string
    summary?: string
    data?: Record<string, unknown>
    createdAt?: string
    senderId?: string
  }
): void {
  const [, day, seq] = /^TIK-(\d{8})-(\d+)$/.exec(ticket.number) ?? []
  db.prepare(
    `INSERT INTO tickets (number, day, seq, category, sender_id, status, summary, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(
    ticket.number,
    day,
    Number(seq),
    ticket.category ?? 'handoff',
    ticket.senderId ?? 'tg-1',
    ticket.status ?? 'baru',
    ticket.summary ?? 'Pengguna minta bicara dengan petugas',
    JSON.stringify(ticket.data ?? {}),
    ticket.createdAt ?? new Date().toISOString()
  )
}

/** A tiny browser-like HTTP client: keeps the session cookie, reads the CSRF token from pages. */
export class Client {
  private cookie = ''
  csrf = ''
  constructor(readonly base: string) {}

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

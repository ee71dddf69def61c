import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { closeServer, listenLoopback, readBody, sendJson } from './http-util'

/** One reset the agency API performed. */
export interface ResetCall {
  sistem: string
  nip: string
  tiket: string
  idempotencyKey: string
  temporaryPassword: string
  at: number
}

/**
 * Loopback account-reset API of the agency (RESET_PROVIDER=http), wire format of
 * packages/helpdesk-core/src/reset/http-reset-provider.ts: `POST <RESET_API_URL>/reset-password` with
 * `{"sistem","nip","tiket"}`, a bearer token and an `Idempotency-Key` header; 200
 * `{"jenis":"password_sementara","password_sementara":…,"berlaku_sampai":…}`, 404 when the
 * account does not exist. A repeated Idempotency-Key gets the same password again.
 */
export class FakeResetApi {
  readonly calls: ResetCall[] = []
  private readonly server: Server

  constructor(private readonly token: string) {
    this.server = createServer((req, res) => void this.handle(req, res))
  }

  async start(): Promise<string> {
    return listenLoopback(this.server)
  }

  async stop(): Promise<void> {
    await closeServer(this.server)
  }

  /** Every temporary password handed out: none of them may ever appear in the chat. */
  get secrets(): string[] {
    return this.calls.map((call) => call.temporaryPassword)
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req)
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return sendJson(res, 401, { pesan: 'token tidak valid' })
    if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== '/reset-password')
      return sendJson(res, 404, { pesan: 'tidak ditemukan' })
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw) as Record<string, unknown>
    } catch {
      return sendJson(res, 400, { pesan: 'JSON tidak valid' })
    }
    const { sistem, nip, tiket } = body
    const idempotencyKey = req.headers['idempotency-key']
    if (
      typeof sistem !== 'string' ||
      typeof nip !== 'string' ||
      !/^\d{18}$/.test(nip) ||
      typeof tiket !== 'string' ||
      typeof idempotencyKey !== 'string'
    ) {
      return sendJson(res, 400, { pesan: 'permintaan tidak lengkap' })
    }
    const earlier = this.calls.find((call) => call.idempotencyKey === idempotencyKey)
    const temporaryPassword =
      earlier?.temporaryPassword ?? `Tmp-${randomBytes(6).toString('base64url')}9!`
    if (earlier === undefined)
      this.calls.push({ sistem, nip, tiket, idempotencyKey, temporaryPassword, at: Date.now() })
    sendJson(res, 200, {
      jenis: 'password_sementara',
      password_sementara: temporaryPassword,
      berlaku_sampai: new Date(Date.now() + 24 * 3600 * 1000).toISOString()
    })
  }
}

import type { Server } from 'node:http'
import { closeServer, listen, readBody, sendJson } from '../../shared/http-util'

export interface ResetCall {
  idempotencyKey: string | undefined
  body: { sistem?: string; nip?: string; tiket?: string }
}

/**
 * Loopback fake of the agency's account-reset API, wire format of actions-server/README.md
 * ("Account-reset API"): `POST /reset-password` with a bearer token, answers a temporary password.
 * Each new request gets a new secret; a repeated Idempotency-Key gets the same answer again.
 */
export class FakeResetApi {
  readonly calls: ResetCall[] = []
  readonly secrets: string[] = []
  private readonly byKey = new Map<string, string>()
  private server: Server | undefined
  url = ''

  constructor (readonly token: string) {}

  async start (): Promise<void> {
    const { server, url } = await listen(async (req, res) => {
      const raw = await readBody(req)
      if (req.method !== 'POST' || req.url !== '/reset-password') {
        sendJson(res, 404, { error: 'not found' })
        return
      }
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        sendJson(res, 401, { error: 'unauthorized' })
        return
      }
      const key = header(req.headers['idempotency-key'])
      this.calls.push({ idempotencyKey: key, body: JSON.parse(raw) as ResetCall['body'] })
      let secret = key === undefined ? undefined : this.byKey.get(key)
      if (secret === undefined) {
        secret = `Sementara-${this.secrets.length + 1}x${Math.random().toString(36).slice(2, 8)}!`
        this.secrets.push(secret)
        if (key !== undefined) this.byKey.set(key, secret)
      }
      sendJson(res, 200, { jenis: 'password_sementara', password_sementara: secret, berlaku_sampai: '2030-01-01T00:00:00+07:00' })
    })
    this.server = server
    this.url = url
  }

  async stop (): Promise<void> {
    await closeServer(this.server)
  }
}

function header (value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}

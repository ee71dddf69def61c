import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { closeServer, listenLoopback, readBody, sendJson } from './http-util'

/** One reset the agency API performed. */
export interface ResetCall {
  path: string
  body: Record<string, unknown>
  temporaryPassword: string
  at: number
}

/**
 * Loopback account-reset API of the agency (RESET_PROVIDER=http).
 * PROVISIONAL wire format until actions-server/README.md defines it.
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
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return sendJson(res, 401, { error: 'unauthorized' })
    }
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'method not allowed' })
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw) as Record<string, unknown>
    } catch {
      return sendJson(res, 400, { error: 'invalid JSON' })
    }
    const temporaryPassword = `Tmp-${randomBytes(6).toString('base64url')}9!`
    this.calls.push({ path: req.url ?? '', body, temporaryPassword, at: Date.now() })
    sendJson(res, 200, { temporary_password: temporaryPassword, reference: `RST-${this.calls.length}` })
  }
}

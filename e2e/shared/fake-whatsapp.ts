import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { closeServer, listenLoopback, readBody, sendJson } from './http-util'

/** One message the WhatsApp Cloud API accepted (or refused, with `status`). */
export interface WhatsAppMessage {
  to: string
  type: string
  /** text.body, or the template name and its text parameters joined by spaces. */
  text: string
  status: number
  at: number
}

/** A send the fake holds open (see `holdNext`): it already counts as accepted by WhatsApp. */
export interface HeldSend {
  /** Resolves with the message once the request has arrived and is being held. */
  arrived: Promise<WhatsAppMessage>
  /** Answers the held request (200) if its client is still connected. */
  release: () => void
}

/**
 * Loopback WhatsApp Business Cloud API: POST <base>/<PHONE_NUMBER_ID>/messages with a Bearer token.
 * `failNext([500, 429])` makes the next sends fail with Graph errors, then it accepts again.
 * `holdNext()` keeps the next accepted send's response open, so a test can crash the sender mid-send.
 */
export class FakeWhatsApp {
  readonly received: WhatsAppMessage[] = []
  private readonly server: Server
  private readonly failures: number[] = []
  private readonly holds: Array<{
    to: string | undefined
    arrived: (m: WhatsAppMessage) => void
    released: Promise<void>
  }> = []

  constructor(
    private readonly phoneNumberId: string,
    private readonly token: string
  ) {
    this.server = createServer((req, res) => void this.handle(req, res))
  }

  /** Resolves the value for WHATSAPP_API_URL. */
  async start(): Promise<string> {
    return (await listenLoopback(this.server)) + '/v21.0'
  }

  async stop(): Promise<void> {
    await closeServer(this.server)
  }

  failNext(statuses: number[]): void {
    this.failures.push(...statuses)
  }

  /**
   * The next accepted send is recorded as delivered (the request reached WhatsApp) but answered
   * only on `release()`: a sender killed meanwhile never learns that it was sent. With `to`, only
   * a send to that number is held.
   */
  holdNext(to?: string): HeldSend {
    let arrived!: (m: WhatsAppMessage) => void
    let release!: () => void
    const arrivedPromise = new Promise<WhatsAppMessage>((resolve) => (arrived = resolve))
    const released = new Promise<void>((resolve) => (release = resolve))
    this.holds.push({ to, arrived, released })
    return { arrived: arrivedPromise, release }
  }

  /** Messages that were accepted (status 200). */
  get delivered(): WhatsAppMessage[] {
    return this.received.filter((message) => message.status === 200)
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '').split('?')[0] ?? ''
    const raw = await readBody(req)
    if (req.method !== 'POST' || path !== `/v21.0/${this.phoneNumberId}/messages`) {
      return graphError(
        res,
        400,
        100,
        `Unsupported post request. Object with ID '${path}' does not exist`
      )
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) {
      return graphError(res, 401, 190, 'Invalid OAuth access token - Cannot parse access token')
    }
    let body: Record<string, unknown>
    try {
      body = JSON.parse(raw) as Record<string, unknown>
    } catch {
      return graphError(res, 400, 100, 'Invalid parameter')
    }
    const to = typeof body.to === 'string' ? body.to : ''
    const type = typeof body.type === 'string' ? body.type : 'text'
    if (body.messaging_product !== 'whatsapp' || !/^[1-9][0-9]{7,14}$/.test(to)) {
      return graphError(res, 400, 100, '(#100) Invalid parameter')
    }
    const text = messageText(type, body)
    if (text === undefined) return graphError(res, 400, 100, '(#100) Invalid parameter')
    const failure = this.failures.shift()
    const status = failure ?? 200
    const message = { to, type, text, status, at: Date.now() }
    this.received.push(message)
    const holdAt = this.holds.findIndex((h) => h.to === undefined || h.to === to)
    const hold = failure === undefined && holdAt >= 0 ? this.holds.splice(holdAt, 1)[0] : undefined
    if (hold !== undefined) {
      hold.arrived(message)
      await Promise.race([hold.released, new Promise((resolve) => res.once('close', resolve))])
      if (res.destroyed || req.socket.destroyed) return
    }
    if (failure === 429) return graphError(res, 429, 130429, '(#130429) Rate limit hit')
    if (failure !== undefined && failure >= 500)
      return graphError(res, failure, 1, 'An unknown error has occurred.')
    if (failure !== undefined) return graphError(res, failure, 100, '(#100) Invalid parameter')
    sendJson(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: to }],
      messages: [{ id: `wamid.${randomBytes(12).toString('hex')}` }]
    })
  }
}

function messageText(type: string, body: Record<string, unknown>): string | undefined {
  if (type === 'text') {
    const text = body.text as { body?: unknown } | undefined
    return typeof text?.body === 'string' && text.body !== '' ? text.body : undefined
  }
  if (type === 'template') {
    const template = body.template as
      { name?: unknown; components?: { parameters?: { text?: unknown }[] }[] } | undefined
    if (typeof template?.name !== 'string') return undefined
    const params = (template.components ?? [])
      .flatMap((c) => c.parameters ?? [])
      .map((p) => String(p.text ?? ''))
    return [template.name, ...params].join(' ')
  }
  return undefined
}

function graphError(res: ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, {
    error: {
      message,
      type: 'OAuthException',
      code,
      fbtrace_id: `A${randomBytes(8).toString('hex')}`
    }
  })
}

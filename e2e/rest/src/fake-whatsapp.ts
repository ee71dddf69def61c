import type { Server } from 'node:http'
import { closeServer, listen, readBody, sendJson } from '../../shared/http-util'

export interface SentWhatsApp {
  to: string
  type: string
  /** the text body, or the template parameters joined by newlines */
  text: string
}

/**
 * Loopback fake of the WhatsApp Business Cloud API: `POST /<version>/<PHONE_NUMBER_ID>/messages`
 * with `Authorization: Bearer <token>`; answers like Graph (`{"messages":[{"id":"wamid…"}]}`,
 * or a Graph error object for a wrong token or phone-number id).
 */
export class FakeWhatsApp {
  readonly sent: SentWhatsApp[] = []
  private server: Server | undefined
  baseUrl = ''

  constructor (readonly phoneNumberId: string, readonly token: string) {}

  async start (): Promise<void> {
    const { server, url } = await listen(async (req, res) => {
      const body = await readBody(req)
      if (req.method !== 'POST' || req.url !== `/v21.0/${this.phoneNumberId}/messages`) {
        sendJson(res, 400, graphError('Unsupported post request', 100))
        return
      }
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        sendJson(res, 401, graphError('Invalid OAuth access token', 190))
        return
      }
      const message = JSON.parse(body) as Record<string, unknown>
      const text = message.type === 'text'
        ? String((message.text as { body?: unknown } | undefined)?.body ?? '')
        : JSON.stringify(message.template ?? {})
      this.sent.push({ to: String(message.to), type: String(message.type), text })
      sendJson(res, 200, {
        messaging_product: 'whatsapp',
        contacts: [{ input: message.to, wa_id: message.to }],
        messages: [{ id: `wamid.E2E${this.sent.length}` }]
      })
    })
    this.server = server
    this.baseUrl = `${url}/v21.0`
  }

  async stop (): Promise<void> {
    await closeServer(this.server)
  }
}

function graphError (message: string, code: number): unknown {
  return { error: { message, type: 'OAuthException', code, fbtrace_id: 'E2Efbtrace' } }
}

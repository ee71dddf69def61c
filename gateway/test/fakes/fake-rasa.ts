import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A loopback fake of Rasa's REST channel: `POST /webhooks/rest/webhook` (JSON in, JSON array
 * out) and `GET /` ("Hello from Rasa: 3.6.21"). The reply is scripted per request.
 */

export interface RestRequestBody {
  sender: string
  message: string
  metadata?: Record<string, unknown>
  input_channel?: string
}

export type FakeRasaReply =
  | Array<Record<string, unknown>>
  | { status: number; body: unknown }
  /** Never answer (until the fake closes): a Rasa stuck in a slow action. */
  | { hang: true }
  /** Answer after `release()` is called: lets a test decide when Rasa finishes. */
  | { wait: Promise<void>; then: Array<Record<string, unknown>> }

export type FakeRasaScript = (request: RestRequestBody) => FakeRasaReply | Promise<FakeRasaReply>

export interface FakeRasa {
  url: string
  /** Every message body received, in arrival order. */
  requests: RestRequestBody[]
  setReply: (script: FakeRasaScript) => void
  /** GET /status answers 200 when true (default), 409 "No model loaded" when false. */
  setModelLoaded: (loaded: boolean) => void
  /** Resolves when `count` messages have arrived. */
  waitForRequests: (count: number, timeoutMs?: number) => Promise<RestRequestBody[]>
  close: () => Promise<void>
}

/** Default behaviour: echo the message back as one text item. */
export const echo: FakeRasaScript = (req) => [
  { recipient_id: req.sender, text: `echo: ${req.message}` }
]

export async function startFakeRasa(
  options: { port?: number; reply?: FakeRasaScript } = {}
): Promise<FakeRasa> {
  let script = options.reply ?? echo
  let modelLoaded = true
  const requests: RestRequestBody[] = []
  const listeners = new Set<() => void>()
  const hanging = new Set<() => void>()

  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = []
      for await (const chunk of req) chunks.push(chunk as Buffer)
      if (req.method === 'GET' && req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/plain' }).end('Hello from Rasa: 3.6.21')
        return
      }
      if (req.method === 'GET' && req.url === '/status') {
        // As `rasa run --enable-api` without a token: 409 until a model is loaded.
        if (modelLoaded)
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              model_file: 'models/fake.tar.gz',
              model_id: 'fake',
              num_active_training_jobs: 0
            })
          )
        else
          res.writeHead(409, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              version: '3.6.21',
              status: 'failure',
              message: 'No model loaded',
              reason: 'Conflict',
              code: 409
            })
          )
        return
      }
      if (req.url !== '/webhooks/rest/webhook' || req.method !== 'POST') {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ status: 'failure', message: 'not found' }))
        return
      }
      let body: RestRequestBody
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RestRequestBody
      } catch {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ description: 'Failed when parsing body as json' }))
        return
      }
      requests.push(body)
      for (const l of [...listeners]) l()
      const reply = await script(body)
      if ('hang' in reply) {
        await new Promise<void>((resolve) => {
          hanging.add(resolve)
          res.once('close', resolve)
        })
        return
      }
      if ('wait' in reply) {
        await reply.wait
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply.then))
        return
      }
      if (Array.isArray(reply)) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply))
        return
      }
      res
        .writeHead(reply.status, { 'content-type': 'application/json' })
        .end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body))
    })().catch(() => {
      if (!res.writableEnded) res.writeHead(500).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setReply: (next) => {
      script = next
    },
    setModelLoaded: (loaded) => {
      modelLoaded = loaded
    },
    waitForRequests(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          if (requests.length < count) return false
          listeners.delete(check)
          clearTimeout(timer)
          resolve(requests.slice(0, count))
          return true
        }
        const timer = setTimeout(() => {
          listeners.delete(check)
          reject(new Error(`fake Rasa: expected ${count} request(s), got ${requests.length}`))
        }, timeoutMs)
        if (!check()) listeners.add(check)
      })
    },
    async close() {
      for (const release of [...hanging]) release()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}

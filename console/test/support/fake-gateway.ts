import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeGateway {
  url: string
  /** Every POST /rasa/callback: its token and JSON body (an array of Rasa bot messages). */
  received: Array<{ token: string | null; body: unknown }>
  /** The HTTP status the next callbacks are answered with. */
  setStatus(status: number): void
  close(): Promise<void>
}

/** A loopback stand-in for the gateway's POST /rasa/callback (same wire format as Rasa's callback channel). */
export async function startFakeGateway(): Promise<FakeGateway> {
  const received: FakeGateway['received'] = []
  let status = 200
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (req.method === 'POST' && url.pathname === '/rasa/callback')
        received.push({
          token: url.searchParams.get('token'),
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
        })
      res.writeHead(status, { 'content-type': 'application/json' }).end('{"accepted":1}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    setStatus: (next) => {
      status = next
    },
    close: async () => {
      await new Promise((r) => server.close(r))
    }
  }
}

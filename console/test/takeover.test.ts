import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTakeovers } from '../src/data/takeovers'
import type { RasaTracker } from '../src/rasa/rasa-api'
import { restartedSince } from '../src/takeover/restarted-since'
import { Client, seedTicket, startConsole, type Harness } from './support/harness'

/** A loopback stand-in for the gateway's POST /rasa/callback; records what it was asked to send. */
async function fakeGateway(): Promise<{
  url: string
  received: unknown[]
  close(): Promise<void>
}> {
  const received: unknown[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"accepted":1}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: async () => {
      await new Promise((r) => server.close(r))
    }
  }
}

/** A loopback port nobody listens on: Rasa "down". */
async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((r) => server.close(r))
  return port
}

describe('taking over a conversation when Rasa is down', () => {
  let h: Harness
  let gateway: Awaited<ReturnType<typeof fakeGateway>>
  beforeAll(async () => {
    gateway = await fakeGateway()
    h = await startConsole({
      env: {
        GATEWAY_URL: gateway.url,
        GATEWAY_CALLBACK_TOKEN: 'callback-token-0123456789',
        RASA_URL: `http://127.0.0.1:${await closedPort()}`,
        RASA_AUTH_TOKEN: 'rasa-token-0123456789'
      }
    })
    await h.addAccount('rina', 'petugas')
    seedTicket(h.db, { number: 'TIK-20260617-0001', senderId: '555000111' })
    seedTicket(h.db, { number: 'TIK-20260617-0002', senderId: 'wa-6285600000001' })
  })
  afterAll(async () => {
    await h.close()
    await gateway.close()
  })

  it('when staff press "Ambil alih percakapan", then they get a clear error, no takeover is stored and the user gets nothing', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    const ticket = await c.get('/tiket/TIK-20260617-0001')
    expect(ticket.body).toContain('Ambil alih percakapan')
    const res = await c.post('/tiket/TIK-20260617-0001/ambil-alih', {})
    expect(res.status).toBe(503)
    expect(res.body).toContain('Tidak dapat mengambil alih: Rasa tidak dapat dihubungi')
    expect(res.body).toContain('Bot tetap melayani pengguna dan tidak ada pesan yang dikirim')
    expect(h.db.prepare('SELECT count(*) AS n FROM takeovers').get()).toEqual({ n: 0 })
    expect(gateway.received).toEqual([])
    // The conversation page says the transcript could not be read, and offers the button again.
    const page = await c.get('/tiket/TIK-20260617-0001/percakapan')
    expect(page.body).toContain('Transkrip tidak dapat dibaca dari Rasa')
    expect(page.body).toContain('Ambil alih percakapan')
  })

  it('when the ticket did not come from Telegram (or the terminal chat), then there is no takeover button and a forged press is refused', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    const ticket = await c.get('/tiket/TIK-20260617-0002')
    expect(ticket.body).not.toContain('>Ambil alih percakapan<')
    expect(ticket.body).toContain('tidak memakai Telegram')
    const res = await c.post('/tiket/TIK-20260617-0002/ambil-alih', {})
    expect(res.status).toBe(422)
    expect(h.db.prepare('SELECT count(*) AS n FROM takeovers').get()).toEqual({ n: 0 })
  })

  it('when a press comes without the CSRF token, then 403 and nothing happens', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    const res = await c.post('/tiket/TIK-20260617-0001/ambil-alih', {}, { csrf: null })
    expect(res.status).toBe(403)
    expect(gateway.received).toEqual([])
  })
})

describe('the takeovers table (migration 6)', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startConsole()
    await h.addAccount('rina', 'petugas')
    await h.addAccount('budi', 'petugas')
    seedTicket(h.db, { number: 'TIK-20260617-0003', senderId: '777000222' })
  })
  afterAll(async () => {
    await h.close()
  })

  it('when two claims for the same conversation race, then exactly one wins and the other learns who holds it; after the end a new claim is possible', async () => {
    const takeovers = createTakeovers(h.sql, h.clock)
    const ticket = { id: 1, senderId: '777000222' }
    const rina = h.db
      .prepare("SELECT id, username FROM staff_accounts WHERE username = 'rina'")
      .get() as {
      id: number
      username: string
    }
    const budi = h.db
      .prepare("SELECT id, username FROM staff_accounts WHERE username = 'budi'")
      .get() as {
      id: number
      username: string
    }
    const first = await takeovers.claim(ticket, rina, 0)
    const second = await takeovers.claim(ticket, budi, 0)
    expect(first.claimed).toBe(true)
    expect(second).toEqual({ claimed: false, heldBy: 'rina' })
    if (!first.claimed) throw new Error('unreachable')
    expect(await takeovers.end(first.takeover.id, 'rina', 'staf')).toBe(true)
    // Ending twice (manual hand-back racing the idle one) reports that it had already ended.
    expect(await takeovers.end(first.takeover.id, 'bot', 'menganggur')).toBe(false)
    expect((await takeovers.claim(ticket, budi, 0)).claimed).toBe(true)
  })
})

describe('the takeover monitor tells a restarted conversation from one still being taken over', () => {
  const startedAt = '2026-11-29T08:00:00.000Z'
  const at = (iso: string): number => Date.parse(iso) / 1000
  const tracker = (times: number[]): RasaTracker => ({
    sender_id: '555000111',
    paused: false,
    events: times.map((timestamp) => ({ event: 'user', timestamp }))
  })

  it('when the tracker still holds events from before the takeover began (the pause is on its way, perhaps from another console process), then it is not a restart', () => {
    expect(
      restartedSince(tracker([at('2026-11-29T07:55:00Z'), at('2026-11-29T07:59:59Z')]), startedAt)
    ).toBe(false)
  })

  it('when every event of the tracker came after the takeover began (the user typed /reset), then it is a restart', () => {
    expect(restartedSince(tracker([at('2026-11-29T08:03:00Z')]), startedAt)).toBe(true)
    expect(restartedSince(tracker([]), startedAt)).toBe(true)
  })
})

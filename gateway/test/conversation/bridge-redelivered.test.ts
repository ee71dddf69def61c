import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createBridge, type ChatOutput } from '../../src/conversation/bridge'
import { createLogger } from '../../src/logger'
import { createMetrics } from '../../src/metrics'
import { createAnsweredLookup } from '../../src/rasa/answered-lookup'
import type { RasaClient } from '../../src/rasa/rasa-client'
import type { OutgoingCall } from '../../src/render/outgoing'

/**
 * A tracker as Rasa 3.6 returns it (GET /conversations/{id}/tracker) after the user said "ya"
 * (update 500010) and Rasa answered it, before a gateway crash kept the answer from Telegram.
 */
const TRACKER = {
  sender_id: '810002',
  events: [
    { event: 'action', name: 'action_listen' },
    { event: 'user', text: 'ya', metadata: { telegram: { chat_id: 810002, update_id: 500008 } } },
    { event: 'bot', text: 'Apakah data ini sudah benar?', data: { buttons: [] } },
    { event: 'action', name: 'action_listen' },
    { event: 'user', text: 'ya', metadata: { telegram: { chat_id: 810002, update_id: 500010 } } },
    { event: 'action', name: 'action_reset_password' },
    { event: 'bot', text: 'Password sementara sudah kami kirim (TIK-20261130-0003).', data: {} },
    {
      event: 'bot',
      text: 'Apakah masih ada yang bisa kami bantu?',
      data: { buttons: [{ title: 'Ya', payload: '/affirm' }] }
    },
    { event: 'action', name: 'action_listen' }
  ]
}

let server: Server
let url = ''
const reads: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    reads.push(req.url ?? '')
    const authorised = (req.url ?? '').includes('token=rasa-token')
    res.writeHead(authorised ? 200 : 401, { 'content-type': 'application/json' })
    res.end(JSON.stringify(authorised ? TRACKER : { message: 'unauthorised' }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

function recorder(): { out: ChatOutput; calls: OutgoingCall[] } {
  const calls: OutgoingCall[] = []
  return {
    calls,
    out: {
      deliver: async (call) => {
        calls.push(call)
      },
      typing: async () => undefined
    }
  }
}

function bridge(token: string): { asked: string[]; bridge: ReturnType<typeof createBridge> } {
  const asked: string[] = []
  const rasa: RasaClient = {
    send: async (request) => {
      asked.push(request.message)
      return [{ text: 'Saya bisa membantu … Apa yang bisa kami bantu?' }]
    },
    probe: async () => ({ reachable: true, model: 'loaded' })
  }
  return {
    asked,
    bridge: createBridge({
      rasa,
      logger: createLogger('silent'),
      metrics: createMetrics(),
      typingIntervalMs: 4000,
      inputChannel: 'telegram_gateway',
      findAnswered: createAnsweredLookup({ baseUrl: url, token, timeoutMs: 2000 })
    })
  }
}

describe('an update a crashed gateway had already passed to Rasa', () => {
  test('When Rasa logged the redelivered update, then its stored answer is delivered and Rasa is not asked again', async () => {
    const { asked, bridge: b } = bridge('rasa-token')
    const { out, calls } = recorder()
    const ok = await b.converse(
      { sender: '810002', message: 'ya', metadata: {}, redeliveredUpdateId: 500010 },
      out
    )
    expect(ok).toBe(true)
    expect(asked).toEqual([])
    expect(calls.map((c) => c.params.text)).toEqual([
      'Password sementara sudah kami kirim (TIK-20261130-0003).',
      'Apakah masih ada yang bisa kami bantu?'
    ])
    expect(calls[1]?.keyboard?.rows).toEqual([[{ title: 'Ya', payload: '/affirm' }]])
    expect(reads.at(-1)).toContain('/conversations/810002/tracker')
  })

  test('When Rasa never logged it (or the tracker cannot be read), then Rasa is asked as usual', async () => {
    for (const [token, updateId] of [
      ['rasa-token', 500012],
      ['wrong-token', 500010]
    ] as const) {
      const { asked, bridge: b } = bridge(token)
      const { out, calls } = recorder()
      await b.converse(
        { sender: '810002', message: 'ya', metadata: {}, redeliveredUpdateId: updateId },
        out
      )
      expect(asked).toEqual(['ya'])
      expect(calls.map((c) => c.params.text)).toEqual([
        'Saya bisa membantu … Apa yang bisa kami bantu?'
      ])
    }
  })

  test('When an update is not a possible redelivery, then the tracker is not read at all', async () => {
    const before = reads.length
    const { asked, bridge: b } = bridge('rasa-token')
    await b.converse({ sender: '810002', message: 'halo', metadata: {} }, recorder().out)
    expect(asked).toEqual(['halo'])
    expect(reads.length).toBe(before)
  })
})

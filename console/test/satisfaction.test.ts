/** After a ticket is resolved the user is asked for a rating; staff see it on the ticket page. */
import { createSatisfactionRepository, sqliteSqlDb } from '@helpdesk/core'
import { startFakeGateway, type FakeGateway } from './support/fake-gateway'
import { Client, seedTicket, startConsole, type Harness } from './support/harness'

const TOKEN = 'callback-token-0123456789'
const RATING_PAYLOADS = [1, 2, 3, 4, 5].map((n) => `/beri_nilai{"nilai":"${n}"}`)

type Sent = { recipient_id: string; text: string; buttons?: Array<{ payload: string }> }
const messagesOf = (gateway: FakeGateway): Sent[] =>
  gateway.received.flatMap((r) => r.body as Sent[])
const surveysOf = (messages: Sent[]): Sent[] =>
  messages.filter((m) => m.buttons?.some((b) => b.payload.startsWith('/beri_nilai')))

describe('satisfaction survey after a resolved ticket', () => {
  let h: Harness
  let gateway: FakeGateway
  let c: Client
  beforeAll(async () => {
    gateway = await startFakeGateway()
    h = await startConsole({ env: { GATEWAY_URL: gateway.url, GATEWAY_CALLBACK_TOKEN: TOKEN } })
    await h.addAccount('rina', 'petugas')
    seedTicket(h.db, { number: 'TIK-20260617-0001', senderId: '555000111' })
    seedTicket(h.db, { number: 'TIK-20260617-0002', senderId: '555000222' })
    seedTicket(h.db, { number: 'TIK-20260617-0003', senderId: '555000333' })
    c = new Client(h.url)
    await c.login('rina')
  })
  afterAll(async () => {
    await h.close()
    await gateway.close()
  })

  async function setStatus(number: string, status: string): Promise<void> {
    await c.get(`/tiket/${number}`)
    const res = await c.post(`/tiket/${number}/status`, {
      status,
      catatan: 'Sudah kami reset, silakan dicoba.'
    })
    expect(res.status).toBe(303)
  }

  it('When staff mark a ticket Selesai, then the user gets the rating question with five buttons as its own message, once', async () => {
    await setStatus('TIK-20260617-0001', 'selesai')

    const surveys = surveysOf(messagesOf(gateway))
    expect(surveys).toHaveLength(1)
    expect(surveys[0]).toMatchObject({ recipient_id: '555000111' })
    expect(surveys[0]!.text).toContain('TIK-20260617-0001')
    expect(surveys[0]!.buttons!.map((b) => b.payload)).toEqual(RATING_PAYLOADS)
    expect(gateway.received.every((r) => r.token === TOKEN)).toBe(true)
    expect(
      h.db
        .prepare('SELECT conversation_key, sender_id, source, ticket_number FROM csat_surveys')
        .all()
    ).toEqual([
      {
        conversation_key: 'tiket:TIK-20260617-0001',
        sender_id: '555000111',
        source: 'tiket',
        ticket_number: 'TIK-20260617-0001'
      }
    ])

    // Reopened and resolved again: never asked twice.
    await setStatus('TIK-20260617-0001', 'ditangani')
    await setStatus('TIK-20260617-0001', 'selesai')
    expect(surveysOf(messagesOf(gateway))).toHaveLength(1)
  })

  it('When the ticket is only being worked on or closed, then no survey is sent', async () => {
    const before = surveysOf(messagesOf(gateway)).length
    await setStatus('TIK-20260617-0002', 'ditangani')
    await setStatus('TIK-20260617-0002', 'ditutup')
    expect(surveysOf(messagesOf(gateway))).toHaveLength(before)
  })

  it('When the gateway is down at resolve, then the survey is not counted as asked and the next resolve sends it', async () => {
    gateway.setStatus(503)
    await setStatus('TIK-20260617-0003', 'selesai')
    expect(
      h.db
        .prepare("SELECT COUNT(*) AS n FROM csat_surveys WHERE ticket_number = 'TIK-20260617-0003'")
        .get()
    ).toEqual({ n: 0 })
    gateway.setStatus(200)
    await setStatus('TIK-20260617-0003', 'ditangani')
    await setStatus('TIK-20260617-0003', 'selesai')
    expect(
      surveysOf(messagesOf(gateway)).filter((m) => m.recipient_id === '555000333').length
    ).toBeGreaterThanOrEqual(1)
    expect(
      h.db
        .prepare("SELECT COUNT(*) AS n FROM csat_surveys WHERE ticket_number = 'TIK-20260617-0003'")
        .get()
    ).toEqual({ n: 1 })
  })

  it('When the user rated and commented, then the ticket page and the Kepuasan list show the rating and the comment', async () => {
    const before = await c.get('/tiket/TIK-20260617-0001')
    expect(before.body).toContain('Kepuasan pengguna')
    expect(before.body).toContain('belum dijawab')

    // The bot stores the answer in the same database (action_simpan_nilai).
    const satisfaction = createSatisfactionRepository(sqliteSqlDb(h.db), h.clock)
    await satisfaction.recordRating('555000111', 2)
    await satisfaction.recordComment('555000111', 'Lama sekali <b>prosesnya</b>')

    const page = await c.get('/tiket/TIK-20260617-0001')
    expect(page.body).toContain('2 dari 5 (Tidak puas)')
    expect(page.body).toContain('Lama sekali &lt;b&gt;prosesnya&lt;/b&gt;')
    const list = await c.get('/kepuasan')
    expect(list.status).toBe(200)
    expect(list.body).toContain('href="/tiket/TIK-20260617-0001"')
    expect(list.body).toContain('2 dari 5 (Tidak puas)')
    expect(list.body).toContain('Lama sekali &lt;b&gt;prosesnya&lt;/b&gt;')
  })

  it('When a ticket has no survey yet, then its page says the survey is sent on Selesai', async () => {
    const page = await c.get('/tiket/TIK-20260617-0002')
    expect(page.body).toContain('Survei kepuasan belum dikirim')
  })
})

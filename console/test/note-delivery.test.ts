import { startFakeGateway, type FakeGateway } from './support/fake-gateway'
import { Client, seedTicket, startConsole, type Harness } from './support/harness'

/** The loopback gateway, answering every callback with `status`. */
async function fakeGateway(status = 200): Promise<FakeGateway> {
  const gateway = await startFakeGateway()
  gateway.setStatus(status)
  return gateway
}

describe("a note for the user goes to the user's Telegram chat through the gateway", () => {
  let h: Harness
  let gateway: FakeGateway
  beforeAll(async () => {
    gateway = await fakeGateway()
    h = await startConsole({
      env: { GATEWAY_URL: gateway.url, GATEWAY_CALLBACK_TOKEN: 'callback-token-0123456789' }
    })
    await h.addAccount('rina', 'petugas')
    seedTicket(h.db, { number: 'TIK-20260617-0001', senderId: '555000111' })
    seedTicket(h.db, { number: 'TIK-20260617-0002', senderId: 'terminal-user' })
  })
  afterAll(async () => {
    await h.close()
    await gateway.close()
  })

  it('when a note for the user is saved, then the gateway gets it for that chat, and the timeline says it was sent', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tiket/TIK-20260617-0001')
    const res = await c.post('/tiket/TIK-20260617-0001/catatan', {
      isi: 'Password sudah kami reset, cek WhatsApp Anda.',
      untuk: 'pengguna'
    })
    expect(res.status).toBe(303)
    expect(gateway.received).toEqual([
      {
        token: 'callback-token-0123456789',
        body: [
          {
            recipient_id: '555000111',
            text: 'Pesan dari petugas helpdesk (tiket TIK-20260617-0001):\nPassword sudah kami reset, cek WhatsApp Anda.'
          }
        ]
      }
    ])
    const page = await c.get('/tiket/TIK-20260617-0001')
    expect(page.body).toContain('dikirim ke Telegram pengguna')
    expect(page.body).toContain('(terkirim lewat Telegram)')
  })

  it('when the user is not on Telegram, then the note is kept and the timeline says why it was not sent', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tiket/TIK-20260617-0002')
    await c.post('/tiket/TIK-20260617-0002/catatan', {
      isi: 'Mohon kirim foto KTP.',
      untuk: 'pengguna'
    })
    const page = await c.get('/tiket/TIK-20260617-0002')
    expect(page.body).toContain('(belum terkirim: pengguna tidak memakai Telegram)')
    expect(gateway.received).toHaveLength(1)
  })

  it('when the internal note is saved, then nothing goes to the gateway', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tiket/TIK-20260617-0001')
    await c.post('/tiket/TIK-20260617-0001/catatan', {
      isi: 'Catatan antar petugas.',
      untuk: 'internal'
    })
    expect(gateway.received).toHaveLength(1)
  })
})

describe('when staff resolve or close a ticket, the user is told in their chat with the ticket number', () => {
  let h: Harness
  let gateway: FakeGateway
  beforeAll(async () => {
    gateway = await fakeGateway()
    h = await startConsole({
      env: { GATEWAY_URL: gateway.url, GATEWAY_CALLBACK_TOKEN: 'callback-token-0123456789' }
    })
    await h.addAccount('rina', 'petugas')
    seedTicket(h.db, { number: 'TIK-20260618-0001', senderId: '555000222' })
    seedTicket(h.db, { number: 'TIK-20260618-0002', senderId: '555000333' })
    seedTicket(h.db, { number: 'TIK-20260618-0003', senderId: '555000444' })
  })
  afterAll(async () => {
    await h.close()
    await gateway.close()
  })
  beforeEach(() => {
    gateway.received.length = 0
  })

  it('when a ticket with a note for the user is resolved, then the user gets the number, "selesai" and that last note, not the internal change note', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tiket/TIK-20260618-0001')
    await c.post('/tiket/TIK-20260618-0001/catatan', {
      isi: 'Akun SIMASN Anda sudah aktif kembali.',
      untuk: 'pengguna'
    })
    await c.post('/tiket/TIK-20260618-0001/catatan', {
      isi: 'Dicek lewat panel admin.',
      untuk: 'internal'
    })
    gateway.received.length = 0
    const res = await c.post('/tiket/TIK-20260618-0001/status', {
      status: 'selesai',
      catatan: 'Direset manual oleh rina di panel BKPSDM.'
    })
    expect(res.status).toBe(303)
    // The notice first; the satisfaction survey follows as a message of its own (issue 15.3).
    expect(gateway.received).toHaveLength(2)
    expect(JSON.stringify(gateway.received[1]!.body)).toContain('/beri_nilai')
    expect(gateway.received.slice(0, 1)).toEqual([
      {
        token: 'callback-token-0123456789',
        body: [
          {
            recipient_id: '555000222',
            text:
              'Tiket TIK-20260618-0001 Anda sudah selesai ditangani oleh petugas helpdesk.\n\n' +
              'Catatan dari petugas:\nAkun SIMASN Anda sudah aktif kembali.\n\n' +
              'Jika kendala Anda belum teratasi, silakan hubungi kami lagi di chat ini dan sebutkan nomor tiket TIK-20260618-0001. ' +
              'Status tiket dapat dicek kapan saja dengan mengetik: status tiket TIK-20260618-0001'
          }
        ]
      }
    ])
    const page = await c.get('/tiket/TIK-20260618-0001')
    expect(page.body).toContain('Pengguna diberi tahu lewat Telegram.')
    expect(page.body).toContain('(pengguna diberi tahu lewat Telegram)')
  })

  it('when a ticket without any note for the user is closed, then the user gets the number and "ditutup" only', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tiket/TIK-20260618-0002')
    await c.post('/tiket/TIK-20260618-0002/catatan', { isi: 'Duplikat.', untuk: 'internal' })
    await c.post('/tiket/TIK-20260618-0002/status', {
      status: 'ditutup',
      catatan: 'Duplikat dari tiket lain.'
    })
    expect(gateway.received).toHaveLength(1)
    const [message] = gateway.received[0]!.body as Array<{ recipient_id: string; text: string }>
    expect(message!.recipient_id).toBe('555000333')
    expect(message!.text).toMatch(
      /^Tiket TIK-20260618-0002 Anda sudah ditutup oleh petugas helpdesk\.\n\nJika kendala/
    )
    expect(message!.text).not.toContain('Catatan dari petugas')
    expect(message!.text).not.toContain('Duplikat')
  })

  it('when the status changes to anything else, then nothing is sent', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tiket/TIK-20260618-0003')
    await c.post('/tiket/TIK-20260618-0003/status', { status: 'menunggu_pengguna', catatan: '' })
    await c.post('/tiket/TIK-20260618-0003/status', { status: 'ditangani', catatan: '' })
    expect(gateway.received).toEqual([])
    const page = await c.get('/tiket/TIK-20260618-0003')
    expect(page.body).not.toContain('(pengguna diberi tahu')
    expect(page.body).not.toContain('(pemberitahuan ke pengguna')
  })
})

describe('when the gateway cannot deliver the resolve notice, staff see it (never lost silently)', () => {
  let h: Harness
  let gateway: FakeGateway
  beforeAll(async () => {
    gateway = await fakeGateway(502)
    h = await startConsole({
      env: { GATEWAY_URL: gateway.url, GATEWAY_CALLBACK_TOKEN: 'callback-token-0123456789' }
    })
    await h.addAccount('rina', 'petugas')
    seedTicket(h.db, { number: 'TIK-20260619-0001', senderId: '555000555' })
  })
  afterAll(async () => {
    await h.close()
    await gateway.close()
  })

  it('when the gateway answers 502, then the ticket is still resolved and the flash and timeline say the notice was not sent and why', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tiket/TIK-20260619-0001')
    const res = await c.post('/tiket/TIK-20260619-0001/status', {
      status: 'selesai',
      catatan: 'Sudah dibantu lewat telepon.'
    })
    expect(res.status).toBe(303)
    // The notice and then the survey were both tried; neither got through.
    expect(gateway.received).toHaveLength(2)
    const page = await c.get('/tiket/TIK-20260619-0001')
    expect(page.body).toContain(
      'Status tiket menjadi Selesai. Pemberitahuan ke pengguna belum terkirim: gateway menjawab HTTP 502.'
    )
    expect(page.body).toContain(
      '(pemberitahuan ke pengguna belum terkirim: gateway menjawab HTTP 502)'
    )
    expect(page.body).toContain('status-selesai')
  })
})

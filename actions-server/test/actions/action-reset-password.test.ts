import {
  BUDI_NIP,
  BUDI_PHONE,
  CLEARED,
  SENDER,
  confirmedBudi,
  startHarness,
  textsOf,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'
import { startLoopbackFake, type LoopbackFake } from '@helpdesk/core/testing'
import {
  startResetApiFake,
  startWhatsAppCloudFake,
  whatsAppCloudSettings
} from '../helpers/provider-fakes'

const TICKET = /TIK-\d{8}-\d{4,}/

const resetCall = (slots: Record<string, unknown>, messageId?: string) =>
  turnCall('action_reset_password', {
    text: 'iya benar',
    intent: 'affirm',
    slots,
    ...(messageId === undefined ? {} : { messageId })
  })

describe('action_reset_password with the default providers (manual reset, WhatsApp outbox)', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness()
  })
  afterEach(async () => {
    await h.close()
  })

  it('When the system is self-service (SIMASN), then the steps, portal and the BKPSDM WhatsApp contact are given', async () => {
    const { status, body } = await h.post(resetCall({ sistem: 'simasn' }))
    expect(status).toBe(200)
    expect(body.events).toEqual(CLEARED)
    const text = textsOf(body.responses)
    expect(text).toContain(
      'Cara mengatur ulang password SIMASN:\n1. Buka https://simasn.example.go.id'
    )
    expect(text).toContain(
      'Jika masih terkendala, hubungi BKPSDM Kabupaten Contoh di WhatsApp: https://wa.me/6285600000091?text='
    )
    expect(body.responses[0]!.buttons).toEqual([
      { title: 'Buka SIMASN', url: 'https://simasn.example.go.id' },
      {
        title: 'WhatsApp BKPSDM Kabupaten Contoh',
        url:
          'https://wa.me/6285600000091?text=' +
          encodeURIComponent(
            'Halo BKPSDM Kabupaten Contoh, saya masih terkendala reset password SIMASN.'
          )
      }
    ])
    expect(await h.deps.store.tickets.list()).toEqual([])
  })

  it('When the e-mail password is requested with the manual provider, then a ticket is opened, the owner is notified on file and the chat shows only the masked number', async () => {
    const { body } = await h.post(
      resetCall({ sistem: 'email_dinas', ...confirmedBudi }, 'reset-manual')
    )
    const text = textsOf(body.responses)
    expect(text).toMatch(TICKET)
    expect(text).toContain('0856****0001')
    expect(text).not.toContain(BUDI_PHONE)
    expect(text).not.toContain(BUDI_NIP)
    const ticket = (await h.deps.store.tickets.list())[0]!
    expect(ticket).toMatchObject({
      category: 'reset_password',
      status: 'baru',
      senderId: SENDER,
      data: {
        sistem: 'email_dinas',
        jenis_identitas: 'nip',
        status_identitas: 'valid',
        nip: BUDI_NIP,
        nama: 'Budi Santoso',
        rute: 'whatsapp',
        whatsapp_tujuan: '0856****0001'
      }
    })
    const [outbox] = await h.deps.store.outbox.list()
    expect(outbox).toMatchObject({
      recipient: BUDI_PHONE,
      status: 'pending',
      containsSecret: false,
      ticketNumber: ticket.number
    })
    expect(JSON.stringify(outbox!.payload)).toContain(`Nomor tiket: ${ticket.number}`)
    expect((await h.deps.store.audit.list()).map((e) => e.event)).toEqual([
      'ticket_opened',
      'reset_requested',
      'whatsapp_queued'
    ])
  })

  it('When the identity failed, then the user gets a ticket and the helpdesk wa.me button instead of a reset', async () => {
    const { body } = await h.post(
      resetCall({
        sistem: 'email_dinas',
        identitas: '-',
        status_identitas: 'gagal',
        percobaan_identitas: 3
      })
    )
    const text = textsOf(body.responses)
    expect(text).toContain('Kami belum dapat memverifikasi identitas Anda melalui chat ini.')
    const number = TICKET.exec(text)![0]
    expect(body.responses[0]!.buttons![0]!.url).toContain(encodeURIComponent(number))
    expect(await h.deps.store.tickets.find(number)).toMatchObject({
      category: 'identitas_gagal',
      data: { sistem: 'email_dinas', status_identitas: 'gagal', percobaan_identitas: 3 }
    })
    expect(await h.deps.store.outbox.list()).toEqual([])
  })

  it('When the lookup limit was hit, then the refusal names it and a human is offered', async () => {
    const { body } = await h.post(
      resetCall({ sistem: 'email_dinas', identitas: '-', status_identitas: 'dibatasi' })
    )
    expect(textsOf(body.responses)).toContain(
      'Untuk sementara kami tidak dapat memeriksa NIP/NIK melalui chat ini.'
    )
    expect(textsOf(body.responses)).toMatch(TICKET)
  })

  it('When the system is reset by its admins (SRIKANDI), then a ticket goes to them with their WhatsApp button', async () => {
    const { body } = await h.post(resetCall({ sistem: 'srikandi', ...confirmedBudi }))
    const text = textsOf(body.responses)
    const number = TICKET.exec(text)![0]
    expect(text).toContain(
      `sudah kami teruskan ke Admin SRIKANDI Dinas Perpustakaan dan Kearsipan dengan nomor tiket ${number}`
    )
    expect(body.responses[0]!.buttons![0]!.url).toMatch(/^https:\/\/wa\.me\/6285600000092\?text=/)
    expect(await h.deps.store.tickets.find(number)).toMatchObject({
      category: 'reset_password',
      data: { rute: 'petugas', nip: BUDI_NIP }
    })
  })
})

describe('action_reset_password with the agency reset API and the WhatsApp Cloud API', () => {
  let h: Harness
  let wa: LoopbackFake
  let resetApi: LoopbackFake
  beforeEach(async () => {
    wa = await startWhatsAppCloudFake('wamid.OK1')
    resetApi = await startResetApiFake({
      jenis: 'password_sementara',
      password_sementara: 'Tmp#4821-Kab',
      berlaku_sampai: '2026-11-30T16:13:36.293Z'
    })
    h = await startHarness({
      RESET_PROVIDER: 'http',
      RESET_API_URL: resetApi.url,
      RESET_API_TOKEN: 'reset-secret-token',
      ...whatsAppCloudSettings(wa)
    })
  })
  afterEach(async () => {
    await h.close()
    await wa.close()
    await resetApi.close()
  })

  it('When the reset API returns a temporary password, then it goes only to the WhatsApp number on file and the chat shows the masked number', async () => {
    const { body } = await h.post(
      resetCall({ sistem: 'email_dinas', ...confirmedBudi }, 'reset-http-1')
    )
    const text = textsOf(body.responses)
    expect(text).toContain(
      'Password sementara E-mail dinas sudah kami kirim lewat WhatsApp ke nomor 0856****0001'
    )
    expect(text).not.toContain('Tmp#4821-Kab')
    expect(body.events).toEqual(CLEARED)

    expect(resetApi.requests).toHaveLength(1)
    const ticket = TICKET.exec(text)![0]
    expect(resetApi.requests[0]!.body).toEqual({
      sistem: 'email_dinas',
      nip: BUDI_NIP,
      tiket: ticket
    })
    expect(resetApi.requests[0]!.headers['idempotency-key']).toBe(
      `reset:email_dinas:${SENDER}:reset-http-1`
    )

    expect(wa.requests).toHaveLength(1)
    expect(wa.requests[0]!.url).toBe('/v21.0/109876543210/messages')
    const sent = wa.requests[0]!.body as { to: string; type: string; text: { body: string } }
    expect(sent.to).toBe(BUDI_PHONE)
    expect(sent.type).toBe('text')
    expect(sent.text.body).toContain(
      'Password sementara E-mail dinas Anda: Tmp#4821-Kab (berlaku sampai 30 November 2026 pukul 23.13 WIB)'
    )
    expect(sent.text.body).toContain(`Nomor tiket: ${ticket}`)

    const [row] = await h.deps.store.outbox.list()
    expect(row).toMatchObject({
      status: 'sent',
      providerMessageId: 'wamid.OK1',
      containsSecret: true
    })
    expect(JSON.stringify(row!.payload)).not.toContain('Tmp#4821-Kab')
    expect(h.logs.text()).not.toContain('Tmp#4821-Kab')
  })

  it('When Rasa repeats the same call, then WhatsApp still gets one message', async () => {
    const call = resetCall({ sistem: 'email_dinas', ...confirmedBudi }, 'reset-http-twice')
    const first = await h.post(call)
    const second = await h.post(call)
    expect(wa.requests).toHaveLength(1)
    expect(await h.deps.store.tickets.list()).toHaveLength(1)
    expect(textsOf(second.body.responses)).toBe(textsOf(first.body.responses))
  })

  it('When WhatsApp refuses the message (400), then the chat says so honestly and offers a human', async () => {
    wa.reply({
      status: 400,
      body: {
        error: {
          message: '(#131030) Recipient phone number not in allowed list',
          type: 'OAuthException',
          code: 131030,
          fbtrace_id: 'Az9'
        }
      }
    })
    const { body } = await h.post(resetCall({ sistem: 'email_dinas', ...confirmedBudi }))
    expect(textsOf(body.responses)).toContain(
      'Maaf, pesan WhatsApp ke nomor 0856****0001 gagal terkirim.'
    )
    expect(body.responses[0]!.buttons![0]!.url).toMatch(/^https:\/\/wa\.me\/6285600000099\?text=/)
  })

  it('When the reset API returns a link, then the link goes by WhatsApp and not into the chat', async () => {
    resetApi.reply({
      status: 200,
      body: { jenis: 'tautan', tautan: 'https://mail.example.go.id/reset/9f8e7d' }
    })
    const { body } = await h.post(resetCall({ sistem: 'email_dinas', ...confirmedBudi }))
    expect(textsOf(body.responses)).toContain(
      'Tautan untuk membuat password baru E-mail dinas sudah kami kirim lewat WhatsApp ke nomor 0856****0001'
    )
    expect(textsOf(body.responses)).not.toContain('9f8e7d')
    expect((wa.requests[0]!.body as { text: { body: string } }).text.body).toContain(
      'https://mail.example.go.id/reset/9f8e7d'
    )
  })

  it('When the reset API does not know the account, then nothing is invented: staff get the ticket', async () => {
    resetApi.reply({ status: 404, body: { error: 'akun_tidak_ditemukan' } })
    const { body } = await h.post(resetCall({ sistem: 'email_dinas', ...confirmedBudi }))
    const text = textsOf(body.responses)
    expect(text).toContain(
      'Petugas akan mengirim password sementara lewat WhatsApp ke nomor yang tercatat di data kepegawaian Anda, yaitu nomor 0856****0001'
    )
    expect((wa.requests[0]!.body as { text: { body: string } }).text.body).toContain(
      'Petugas akan mengirim password sementara ke nomor ini.'
    )
  })
})

describe('action_reset_password when WhatsApp cannot be reached (WHATSAPP_MODE=cloud)', () => {
  let h: Harness
  let wa: LoopbackFake
  let resetApi: LoopbackFake
  const start = async (
    waReply: Parameters<typeof startLoopbackFake>[0],
    env: Record<string, string> = {}
  ) => {
    wa = await startLoopbackFake(waReply)
    resetApi = await startResetApiFake({
      jenis: 'password_sementara',
      password_sementara: 'Tmp#4821-Kab'
    })
    h = await startHarness({
      RESET_PROVIDER: 'http',
      RESET_API_URL: resetApi.url,
      ...whatsAppCloudSettings(wa),
      ...env
    })
  }
  afterEach(async () => {
    await h.close()
    await wa.close()
    await resetApi.close()
  })

  it('When the Cloud API answers 500 every time, then the chat says honestly the password will be sent as soon as WhatsApp is reachable, with the masked number and ticket, never the secret', async () => {
    await start(() => ({
      status: 500,
      body: {
        error: {
          message: 'An unknown error occurred',
          type: 'OAuthException',
          code: 1,
          fbtrace_id: 'Bx1'
        }
      }
    }))

    const { status, body } = await h.post(
      resetCall({ sistem: 'email_dinas', ...confirmedBudi }, 'reset-wa-down')
    )

    expect(status).toBe(200)
    const ticket = (await h.deps.store.tickets.list())[0]!.number
    expect(body.events).toEqual(CLEARED)
    expect(body.responses).toHaveLength(1)
    expect(body.responses[0]!.text).toBe(
      'Password sementara E-mail dinas belum dapat kami kirim karena WhatsApp sedang tidak dapat dihubungi. ' +
        'Pesan akan kami kirim otomatis ke nomor 0856****0001, yaitu nomor yang tercatat di data kepegawaian Anda, segera setelah WhatsApp dapat dihubungi kembali. ' +
        `Anda tidak perlu mengulang permintaan. Nomor tiket: ${ticket}.`
    )
    expect(body.responses[0]!.buttons![0]!.url).toMatch(/^https:\/\/wa\.me\/6285600000099\?text=/)
    expect(JSON.stringify(body)).not.toContain('Tmp#4821-Kab')
    expect(JSON.stringify(body)).not.toContain(BUDI_PHONE)
    expect(wa.requests).toHaveLength(3)
    expect((await h.deps.store.outbox.list())[0]).toMatchObject({
      status: 'pending',
      lastError: 'Cloud API error: HTTP 500, code 1, OAuthException, fbtrace_id Bx1'
    })
  })

  it('When the Cloud API takes the message and never answers, then it is not resent and the chat says it is not yet confirmed and offers a human', async () => {
    await start(() => ({ status: 0, hang: true }), { HTTP_TIMEOUT_MS: '300' })

    const { body } = await h.post(
      resetCall({ sistem: 'email_dinas', ...confirmedBudi }, 'reset-wa-silent')
    )

    const ticket = (await h.deps.store.tickets.list())[0]!.number
    expect(body.responses[0]!.text).toBe(
      'Password sementara E-mail dinas sudah kami kirim lewat WhatsApp ke nomor 0856****0001, tetapi WhatsApp belum memberi konfirmasi. ' +
        `Jika dalam beberapa menit pesannya belum masuk, hubungi petugas dengan nomor tiket ${ticket}; pesan tidak kami kirim ulang otomatis agar tidak terkirim dua kali. Jam layanan petugas: Senin–Jumat pukul 08.00–16.00 WIB.`
    )
    expect(body.responses[0]!.buttons![0]!.url).toMatch(/^https:\/\/wa\.me\/6285600000099\?text=/)
    expect(JSON.stringify(body)).not.toContain('Tmp#4821-Kab')
    expect(wa.requests).toHaveLength(1)
    expect((await h.deps.store.outbox.list())[0]!.status).toBe('uncertain')
  })
})

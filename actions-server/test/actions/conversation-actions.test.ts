import {
  CLEARED,
  SENDER,
  startHarness,
  textsOf,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'

const message = (fields: Record<string, unknown>): Record<string, unknown> => ({
  text: null,
  buttons: [],
  elements: [],
  custom: {},
  template: null,
  response: null,
  image: null,
  attachment: null,
  ...fields
})

describe('greeting, menu, fallback, e-mail guidance and handoff actions over POST /webhook', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => {
    await h.close()
  })

  it('When the user says hi, then action_sapa greets, asks what we can help with and offers the five services', async () => {
    const { status, body } = await h.post(
      turnCall('action_sapa', {
        text: 'halo min',
        intent: 'greet',
        slots: { jumlah_fallback: 1, status_identitas: 'gagal' }
      })
    )
    expect(status).toBe(200)
    expect(body.events).toEqual(CLEARED)
    expect(body.responses).toHaveLength(1)
    expect(body.responses[0]!.text).toMatch(/apa yang bisa kami bantu/i)
    expect(body.responses[0]!.buttons).toEqual([
      { title: 'Lupa password', payload: '/lupa_password' },
      { title: 'Lupa akun e-mail', payload: '/lupa_email' },
      { title: 'Daftar TTE', payload: '/daftar_tte' },
      { title: 'Cek status TTE', payload: '/cek_status_tte' },
      { title: 'Hubungi petugas', payload: '/minta_petugas' }
    ])
  })

  it('When the user greets in the middle of a form, then only the fallback counter is reset', async () => {
    const { body } = await h.post(
      turnCall('action_sapa', {
        text: 'halo',
        intent: 'greet',
        form: 'daftar_tte_form',
        requested: 'identitas',
        slots: { jumlah_fallback: 1 }
      })
    )
    expect(body.events).toEqual([
      { event: 'slot', timestamp: null, name: 'jumlah_fallback', value: 0 }
    ])
  })

  it('When the user presses /start, then the personal-data notice comes before the greeting', async () => {
    const { body } = await h.post(
      turnCall('action_sapa', {
        text: '/start',
        intent: 'greet',
        metadata: {
          telegram: { chat_id: 1, user_id: 1, message_id: 1, language_code: 'id', start: '' }
        }
      })
    )
    expect(body.responses).toHaveLength(2)
    expect(body.responses[0]).toEqual(
      message({ text: h.deps.knowledge.teks.pemberitahuan_privasi })
    )
    expect(body.responses[0]!.text).toContain('tidak pernah meminta password')
    expect(body.responses[1]!.text).toMatch(/apa yang bisa kami bantu/i)
  })

  it('When the form needs the system, then action_ask_sistem asks "password apa" with one button per knowledge-base system', async () => {
    const { body } = await h.post(
      turnCall('action_ask_sistem', {
        text: 'lupa pw',
        intent: 'lupa_password',
        form: 'lupa_password_form',
        requested: 'sistem'
      })
    )
    expect(body.events).toEqual([])
    expect(body.responses[0]!.text).toMatch(/password apa/i)
    expect(body.responses[0]!.buttons).toEqual([
      { title: 'SIMASN', payload: '/inform{"sistem":"simasn"}' },
      { title: 'E-mail dinas', payload: '/inform{"sistem":"email_dinas"}' },
      { title: 'SIASN / MyASN (BKN)', payload: '/inform{"sistem":"siasn"}' },
      { title: 'SRIKANDI', payload: '/inform{"sistem":"srikandi"}' },
      { title: 'SIPD', payload: '/inform{"sistem":"sipd"}' },
      { title: 'e-Kinerja BKN', payload: '/inform{"sistem":"e_kinerja"}' },
      { title: 'SPSE / LPSE', payload: '/inform{"sistem":"spse"}' }
    ])
  })

  it('When the bot does not understand once, then it asks to try again; the second time it also offers a human', async () => {
    const first = await h.post(
      turnCall('action_fallback', { text: 'asdf qwer', intent: 'nlu_fallback' })
    )
    expect(first.body).toEqual({
      events: [{ event: 'slot', timestamp: null, name: 'jumlah_fallback', value: 1 }],
      responses: [message({ text: 'Maaf, saya belum memahami. Coba ulangi pertanyaannya.' })]
    })
    const second = await h.post(
      turnCall('action_fallback', {
        text: 'zzz',
        intent: 'nlu_fallback',
        slots: { jumlah_fallback: 1 }
      })
    )
    expect(second.body.events).toEqual([
      { event: 'slot', timestamp: null, name: 'jumlah_fallback', value: 2 }
    ])
    expect(second.body.responses[0]!.text).toMatch(/coba ulangi/i)
    expect(second.body.responses[0]!.buttons).toEqual([
      { title: 'Hubungi petugas', payload: '/minta_petugas' }
    ])
  })

  it('When the user forgot the e-mail account, then the guidance points to the profile in SIMASN and never shows an address', async () => {
    const { body } = await h.post(
      turnCall('action_panduan_lupa_email', {
        text: 'lupa alamat email dinas sy',
        intent: 'lupa_email'
      })
    )
    expect(body.events).toEqual(CLEARED)
    const text = textsOf(body.responses)
    expect(text).toContain('1. Masuk ke SIMASN')
    expect(text).toContain('jangan bagikan')
    expect(text).not.toMatch(/@example\.go\.id/)
    expect(body.responses[0]!.buttons).toEqual([
      { title: 'Buka SIMASN', url: 'https://simasn.example.go.id' },
      { title: 'Buka E-mail dinas', url: 'https://mail.example.go.id' }
    ])
  })

  it('When the user asks for a human, then a handoff ticket is opened and the wa.me button carries the ticket number', async () => {
    const { body } = await h.post(
      turnCall('action_hubungi_petugas', {
        text: 'mau ngomong sama admin',
        intent: 'minta_petugas',
        slots: { sistem: 'sipd' },
        messageId: 'handoff-1'
      })
    )
    expect(body.events).toEqual(CLEARED)
    const text = body.responses[0]!.text!
    const ticket = /TIK-\d{8}-\d{4,}/.exec(text)?.[0]
    expect(ticket).toBe('TIK-20260615-0001')
    expect(body.responses[0]!.buttons).toEqual([
      {
        title: 'Chat petugas di WhatsApp',
        url:
          'https://wa.me/6285600000099?text=' +
          encodeURIComponent(
            'Halo Helpdesk TIK Dinas Komunikasi dan Informatika Kabupaten Contoh, saya ingin melanjutkan permintaan dengan nomor tiket TIK-20260615-0001.'
          )
      }
    ])
    expect(await h.deps.store.tickets.find('TIK-20260615-0001')).toEqual({
      number: 'TIK-20260615-0001',
      requestKey: `handoff:${SENDER}:handoff-1`,
      category: 'handoff',
      senderId: SENDER,
      status: 'baru',
      summary: 'Pengguna meminta bicara dengan petugas',
      data: { sistem: 'sipd', telegram: { language_code: 'id' }, intent_terakhir: 'minta_petugas' },
      createdAt: '2026-06-15T03:00:00.000Z'
    })
  })

  it('When Rasa repeats the same handoff call, then no second ticket is opened', async () => {
    const call = turnCall('action_hubungi_petugas', {
      text: 'petugas',
      intent: 'minta_petugas',
      messageId: 'handoff-repeat'
    })
    const first = await h.post(call)
    const second = await h.post(call)
    expect(second.body).toEqual(first.body)
    expect(
      (await h.deps.store.tickets.list()).filter(
        (t) => t.requestKey === `handoff:${SENDER}:handoff-repeat`
      )
    ).toHaveLength(1)
  })
})

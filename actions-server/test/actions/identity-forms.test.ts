import {
  BUDI_NIP,
  SENDER,
  slotsOf,
  startHarness,
  textsOf,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'

const BUDI_SUMMARY =
  'Nama: B*** S******\nNIP: 1985***********001\nUnit kerja: Dinas Komunikasi dan Informatika'

describe('form validators over POST /webhook', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness({ IDENTITY_LOOKUPS_PER_HOUR: '3', IDENTITY_MAX_ATTEMPTS: '3' })
  })
  afterEach(async () => {
    await h.close()
  })

  const lupaPassword = (
    candidates: Record<string, unknown>,
    slots: Record<string, unknown> = {},
    requested: string | null = 'identitas',
    text = 'x'
  ) =>
    turnCall('validate_lupa_password_form', {
      text,
      intent: 'inform',
      form: 'lupa_password_form',
      requested,
      slots,
      candidates
    })

  it('When the user picks a self-service system, then the form needs nothing more and ends', async () => {
    const { status, body } = await h.post(lupaPassword({ sistem: 'SIMASN' }, {}, 'sistem'))
    expect(status).toBe(200)
    expect(body).toEqual({
      events: [
        { event: 'slot', timestamp: null, name: 'sistem', value: 'simasn' },
        { event: 'slot', timestamp: null, name: 'requested_slot', value: null }
      ],
      responses: []
    })
  })

  it('When the user types a synonym of the e-mail system, then it is normalised and the NIP is asked next', async () => {
    const { body } = await h.post(lupaPassword({ sistem: 'email kantor' }, {}, 'sistem'))
    expect(body).toEqual({
      events: [{ event: 'slot', timestamp: null, name: 'sistem', value: 'email_dinas' }],
      responses: []
    })
  })

  it('When the system is unknown, then it is asked again', async () => {
    const { body } = await h.post(lupaPassword({ sistem: 'facebook' }, {}, 'sistem'))
    expect(body.events).toEqual([{ event: 'slot', timestamp: null, name: 'sistem', value: null }])
    expect(textsOf(body.responses)).toContain('belum ada di daftar layanan kami')
  })

  it('When the NIP has 17 digits, then the user is told exactly that and asked again', async () => {
    const { body } = await h.post(
      lupaPassword({ identitas: '19850315 201001 1 00' }, { sistem: 'email_dinas' })
    )
    expect(body.responses.map((r) => r.text)).toEqual([
      'NIP harus 18 digit; yang Anda kirim 17 digit.'
    ])
    expect(slotsOf(body.events)).toEqual({
      identitas: null,
      percobaan_identitas: 1,
      ringkasan_identitas: null,
      jenis_identitas: null
    })
  })

  it('When the NIP belongs to an active employee, then a masked summary is prepared for the confirmation', async () => {
    const { body } = await h.post(
      lupaPassword({ identitas: '19850315 201001 1 001' }, { sistem: 'email_dinas' })
    )
    expect(body.responses).toEqual([])
    expect(body.events).toEqual([
      { event: 'slot', timestamp: null, name: 'identitas', value: BUDI_NIP },
      { event: 'slot', timestamp: null, name: 'jenis_identitas', value: 'nip' },
      { event: 'slot', timestamp: null, name: 'ringkasan_identitas', value: BUDI_SUMMARY },
      { event: 'slot', timestamp: null, name: 'status_identitas', value: 'valid' }
    ])
    expect((await h.deps.store.audit.list()).map((e) => [e.event, e.detail])).toEqual([
      [
        'identity_lookup',
        { form: 'lupa_password_form', jenis: 'nip', identitas: '1985***********001' }
      ]
    ])
  })

  it('When a well-formed NIP is not in the directory, then it counts as a failed attempt', async () => {
    const { body } = await h.post(
      lupaPassword(
        { identitas: '198609262015051001' },
        { sistem: 'email_dinas', percobaan_identitas: 1 }
      )
    )
    expect(body.responses.map((r) => r.text)).toEqual([
      'NIP tersebut tidak ditemukan di data kepegawaian kami. Mohon periksa kembali.'
    ])
    expect(slotsOf(body.events)).toMatchObject({ identitas: null, percobaan_identitas: 2 })
  })

  it('When the third attempt fails, then the identity is marked failed and the form ends without asking for confirmation', async () => {
    const { body } = await h.post(
      lupaPassword({ identitas: '131110468' }, { sistem: 'email_dinas', percobaan_identitas: 2 })
    )
    expect(textsOf(body.responses)).toContain('tampaknya NIP lama')
    expect(textsOf(body.responses)).toContain('Anda sudah 3 kali mencoba')
    expect(body.events).toEqual([
      { event: 'slot', timestamp: null, name: 'identitas', value: '-' },
      { event: 'slot', timestamp: null, name: 'status_identitas', value: 'gagal' },
      { event: 'slot', timestamp: null, name: 'percobaan_identitas', value: 3 },
      { event: 'slot', timestamp: null, name: 'ringkasan_identitas', value: null },
      { event: 'slot', timestamp: null, name: 'jenis_identitas', value: null },
      { event: 'slot', timestamp: null, name: 'requested_slot', value: null }
    ])
  })

  it('When the user confirms, then konfirmasi is kept; when the user denies, the identity is cleared and counted', async () => {
    const slots = {
      sistem: 'email_dinas',
      identitas: BUDI_NIP,
      jenis_identitas: 'nip',
      ringkasan_identitas: BUDI_SUMMARY,
      status_identitas: 'valid'
    }
    const yes = await h.post(lupaPassword({ konfirmasi: true }, slots, 'konfirmasi', 'iya betul'))
    expect(yes.body).toEqual({
      events: [{ event: 'slot', timestamp: null, name: 'konfirmasi', value: true }],
      responses: []
    })
    const no = await h.post(lupaPassword({ konfirmasi: false }, slots, 'konfirmasi', 'bukan'))
    expect(slotsOf(no.body.events)).toEqual({
      konfirmasi: null,
      identitas: null,
      ringkasan_identitas: null,
      jenis_identitas: null,
      status_identitas: null,
      percobaan_identitas: 1
    })
    expect(textsOf(no.body.responses)).toBe('Baik, data tersebut tidak kami pakai.')
  })

  it('When a sender exceeds the lookups per hour, then the bot refuses politely, ends the form and audits it', async () => {
    for (const nip of ['198503152010011001', '198707222011032001', '197901082005121001']) {
      const ok = await h.post(lupaPassword({ identitas: nip }, { sistem: 'email_dinas' }))
      expect(slotsOf(ok.body.events).status_identitas).toBe('valid')
    }
    const { body } = await h.post(
      lupaPassword({ identitas: '199005302014092001' }, { sistem: 'email_dinas' })
    )
    expect(textsOf(body.responses)).toBe(
      'Demi keamanan data pegawai, pemeriksaan NIP/NIK dari satu akun dibatasi 3 kali per jam, dan batas itu sudah tercapai. Silakan coba lagi nanti, atau kami sambungkan ke petugas.'
    )
    expect(slotsOf(body.events)).toEqual({
      identitas: '-',
      status_identitas: 'dibatasi',
      ringkasan_identitas: null,
      jenis_identitas: null,
      requested_slot: null
    })
    expect((await h.deps.store.audit.list()).at(-1)).toMatchObject({
      senderId: SENDER,
      event: 'identity_lookup_limited',
      detail: { form: 'lupa_password_form', limit: 'sender' }
    })
    // another chat is not affected, and an hour later this one may try again
    const other = await h.post(
      turnCall('validate_lupa_password_form', {
        text: 'x',
        intent: 'inform',
        form: 'lupa_password_form',
        requested: 'identitas',
        slots: { sistem: 'email_dinas' },
        candidates: { identitas: BUDI_NIP },
        sender: '5550002'
      })
    )
    expect(slotsOf(other.body.events).status_identitas).toBe('valid')
    h.clock.advance(61 * 60 * 1000)
    const later = await h.post(lupaPassword({ identitas: BUDI_NIP }, { sistem: 'email_dinas' }))
    expect(slotsOf(later.body.events).status_identitas).toBe('valid')
  })

  it('When a NIK is sent where an NIP is required, then the user is told an NIP is needed', async () => {
    const { body } = await h.post(
      lupaPassword({ identitas: '3603121503850001' }, { sistem: 'email_dinas' })
    )
    expect(textsOf(body.responses)).toBe(
      'Nomor 16 digit yang Anda kirim tampaknya NIK. Untuk layanan ini kami memerlukan NIP 18 digit.'
    )
  })

  it('When a non-ASN sends a NIK for TTE, then the summary shows the masked NIK and what it encodes', async () => {
    const { body } = await h.post(
      turnCall('validate_daftar_tte_form', {
        text: 'nik 3204 1156 0997 0001',
        intent: 'inform',
        form: 'daftar_tte_form',
        requested: 'identitas',
        candidates: { identitas: 'nik 3204 1156 0997 0001' }
      })
    )
    expect(body.events).toEqual([
      { event: 'slot', timestamp: null, name: 'identitas', value: '3204115609970001' },
      { event: 'slot', timestamp: null, name: 'jenis_identitas', value: 'nik' },
      {
        event: 'slot',
        timestamp: null,
        name: 'ringkasan_identitas',
        value:
          'NIK (nomor di KTP, bukan nomor KK): 3204********0001\nProvinsi asal NIK: Jawa Barat\nTanggal lahir: 16-09-1997\nJenis kelamin: perempuan'
      },
      { event: 'slot', timestamp: null, name: 'status_identitas', value: 'valid' }
    ])
  })

  it('When an employee sends their NIK for TTE, then the directory record is summarised', async () => {
    const { body } = await h.post(
      turnCall('validate_daftar_tte_form', {
        text: '3603121503850001',
        intent: 'inform',
        form: 'daftar_tte_form',
        requested: 'identitas',
        candidates: { identitas: '3603121503850001' }
      })
    )
    expect(slotsOf(body.events).ringkasan_identitas).toBe(
      'Nama: B*** S******\nNIK: 3603********0001\nUnit kerja: Dinas Komunikasi dan Informatika'
    )
  })

  it('When the TTE identity failed, then the confirmation is no longer required', async () => {
    const { body } = await h.post(
      turnCall('validate_daftar_tte_form', {
        text: '123',
        intent: 'inform',
        form: 'daftar_tte_form',
        requested: 'identitas',
        slots: { percobaan_identitas: 2 },
        candidates: { identitas: '123' }
      })
    )
    expect(textsOf(body.responses)).toContain(
      'NIP harus 18 digit atau NIK 16 digit; yang Anda kirim 3 digit.'
    )
    expect(slotsOf(body.events)).toMatchObject({
      identitas: '-',
      status_identitas: 'gagal',
      requested_slot: null
    })
  })

  it('When the status check gets an NIP, then it is validated against the directory', async () => {
    const { body } = await h.post(
      turnCall('validate_cek_tte_form', {
        text: BUDI_NIP,
        intent: 'inform',
        form: 'cek_tte_form',
        requested: 'identitas',
        candidates: { identitas: BUDI_NIP }
      })
    )
    expect(slotsOf(body.events)).toEqual({
      identitas: BUDI_NIP,
      jenis_identitas: 'nip',
      ringkasan_identitas: BUDI_SUMMARY,
      status_identitas: 'valid'
    })
  })
})

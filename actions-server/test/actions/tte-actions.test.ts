import {
  BUDI_NIP,
  CLEARED,
  SENDER,
  confirmedBudi,
  startHarness,
  textsOf,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'

const TICKET = /TIK-\d{8}-\d{4,}/
const CITIZEN_NIK = '3204115609970001'
const citizen = {
  identitas: CITIZEN_NIK,
  jenis_identitas: 'nik',
  ringkasan_identitas: 'NIK …',
  status_identitas: 'valid',
  konfirmasi: true
}
const employee = (nip: string) => ({ ...confirmedBudi, identitas: nip })

describe('action_daftar_tte and action_cek_status_tte over POST /webhook', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness()
  })
  afterEach(async () => {
    await h.close()
  })

  const daftar = (slots: Record<string, unknown>, messageId?: string) =>
    turnCall('action_daftar_tte', {
      text: 'ya',
      intent: 'affirm',
      slots,
      ...(messageId === undefined ? {} : { messageId })
    })
  const cek = (slots: Record<string, unknown>) =>
    turnCall('action_cek_status_tte', { text: 'cek', intent: 'inform', slots })

  it('When one chat checks the TTE status of a number twice in a day (e.g. told to try again after an outage), then the owner gets one WhatsApp notice; another chat checking it gets its own', async () => {
    const check = (sender: string, updateId: number) =>
      turnCall('action_cek_status_tte', {
        text: 'ya',
        intent: 'affirm',
        slots: confirmedBudi,
        sender,
        metadata: { telegram: { chat_id: Number(sender), update_id: updateId } }
      })
    for (const call of [check(SENDER, 501), check(SENDER, 502), check('5550009', 503)]) {
      const { status, body } = await h.post(call)
      expect(status).toBe(200)
      expect(textsOf(body.responses)).toContain('Status TTE atas nama')
    }
    const notices = (await h.deps.store.outbox.list()).map((m) => m.senderId)
    expect(notices.sort()).toEqual([SENDER, '5550009'].sort())
  })

  it('When a confirmed employee without TTE registers, then the request is recorded with a ticket, requirements and next steps', async () => {
    const { status, body } = await h.post(daftar(confirmedBudi))
    expect(status).toBe(200)
    expect(body.events).toEqual(CLEARED)
    const text = textsOf(body.responses)
    const number = TICKET.exec(text)![0]
    expect(text).toContain(`Permohonan TTE Anda sudah kami catat dengan nomor tiket ${number}.`)
    expect(text).toContain('Persyaratan:\n• Terdaftar sebagai ASN')
    expect(text).toContain('Langkah selanjutnya:\n1. Petugas verifikator')
    expect(await h.deps.store.tickets.find(number)).toMatchObject({
      category: 'tte',
      summary: 'Pendaftaran TTE',
      data: {
        identitas: BUDI_NIP,
        pegawai: true,
        nama: 'Budi Santoso',
        status_tte: 'belum_terdaftar'
      }
    })
    expect(await h.deps.store.tteRequests.latestFor(BUDI_NIP)).toMatchObject({
      ticketNumber: number,
      senderId: SENDER,
      jenisIdentitas: 'nip',
      status: 'diajukan'
    })
  })

  it('When the same person registers again, then the existing request is reported instead of a new one', async () => {
    const first = TICKET.exec(
      textsOf((await h.post(daftar(confirmedBudi, 'tte-1'))).body.responses)
    )![0]
    h.clock.advance(24 * 60 * 60 * 1000)
    const { body } = await h.post(daftar(confirmedBudi, 'tte-2'))
    expect(textsOf(body.responses)).toBe(
      `Permohonan TTE Anda sudah tercatat sejak 15 Juni 2026 dengan nomor tiket ${first} dan sedang diproses verifikator. Silakan pantau e-mail dinas Anda.`
    )
    expect(await h.deps.store.tickets.list()).toHaveLength(1)
  })

  it('When the TTE is already active, then no request is made', async () => {
    const { body } = await h.post(daftar(employee('198707222011032001')))
    expect(textsOf(body.responses)).toBe(
      'TTE Anda aktif dan dapat dipakai untuk menandatangani dokumen. Anda tidak perlu mendaftar lagi.'
    )
    expect(await h.deps.store.tickets.list()).toEqual([])
  })

  it('When the certificate expired, then a renewal request is recorded', async () => {
    const { body } = await h.post(daftar(employee('197901082005121001')))
    expect(textsOf(body.responses)).toMatch(
      /^Permohonan perpanjangan TTE Anda sudah kami catat dengan nomor tiket TIK-\d{8}-\d{4}\./
    )
  })

  it('When a non-ASN registers with a NIK, then the request is recorded for that NIK', async () => {
    const { body } = await h.post(daftar(citizen))
    const number = TICKET.exec(textsOf(body.responses))![0]
    expect(await h.deps.store.tickets.find(number)).toMatchObject({
      data: { identitas: CITIZEN_NIK, pegawai: false }
    })
    expect(textsOf(body.responses)).not.toContain(CITIZEN_NIK)
  })

  it('When the identity failed during registration, then a human is offered with a ticket', async () => {
    const { body } = await h.post(daftar({ identitas: '-', status_identitas: 'gagal' }))
    expect(textsOf(body.responses)).toContain(
      'Permintaan pendaftaran TTE Anda sudah kami catat dengan nomor tiket'
    )
    expect(await h.deps.store.tteRequests.latestFor('-')).toBeUndefined()
  })

  it('When an employee checks the status, then the directory status is given with the masked name', async () => {
    const { body } = await h.post(cek(employee('198707222011032001')))
    expect(body.events).toEqual(CLEARED)
    expect(textsOf(body.responses)).toBe(
      'Status TTE atas nama S*** A*****: aktif dan dapat dipakai untuk menandatangani dokumen.'
    )
    const revoked = await h.post(cek(employee('199104172015032001')))
    expect(textsOf(revoked.body.responses)).toBe(
      'Status TTE atas nama R*** M******: dicabut. Hubungi verifikator TTE Diskominfo untuk pendaftaran ulang.'
    )
  })

  it('When a request was recorded by the bot, then the status check reports it with its ticket', async () => {
    const number = TICKET.exec(textsOf((await h.post(daftar(confirmedBudi))).body.responses))![0]
    const { body } = await h.post(cek(employee(BUDI_NIP)))
    expect(textsOf(body.responses)).toBe(
      `Status TTE atas nama B*** S******: permohonan tanggal 15 Juni 2026 (tiket ${number}) sedang diproses verifikator. Silakan pantau e-mail dinas Anda.`
    )
  })

  it('When a NIK has no request, then the user is pointed to registration and the NIK is masked', async () => {
    const { body } = await h.post(cek(citizen))
    expect(textsOf(body.responses)).toBe(
      'Belum ada permohonan TTE untuk NIK 3204********0001. Anda dapat mendaftar melalui menu Daftar TTE.'
    )
  })
})

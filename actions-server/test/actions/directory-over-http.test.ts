import {
  BUDI_NIP,
  slotsOf,
  startHarness,
  textsOf,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'
import { startLoopbackFake, type LoopbackFake } from '@helpdesk/core/testing'

const budi = {
  nip: BUDI_NIP,
  nama: 'Budi Santoso',
  email_dinas: 'budi.santoso@example.go.id',
  whatsapp: '6285600000001',
  unit_kerja: 'Dinas Komunikasi dan Informatika',
  status_tte: 'belum_terdaftar',
  aktif: true
}

describe('identity checks against the agency HR API (DIRECTORY_API_URL)', () => {
  let h: Harness
  let hr: LoopbackFake
  beforeEach(async () => {
    hr = await startLoopbackFake(() => ({ status: 404, body: { pegawai: null } }))
    h = await startHarness({
      DIRECTORY_API_URL: `${hr.url}/api`,
      DIRECTORY_API_TOKEN: 'hr-token-xyz',
      HTTP_TIMEOUT_MS: '2000'
    })
  })
  afterEach(async () => {
    await h.close()
    await hr.close()
  })

  const validate = () =>
    turnCall('validate_lupa_password_form', {
      text: BUDI_NIP,
      intent: 'inform',
      form: 'lupa_password_form',
      requested: 'identitas',
      slots: { sistem: 'email_dinas' },
      candidates: { identitas: BUDI_NIP }
    })

  it('When the HR API knows the NIP, then the confirmation summary comes from its record', async () => {
    hr.reply({ status: 200, body: { pegawai: budi } })
    const { body } = await h.post(validate())
    expect(slotsOf(body.events).ringkasan_identitas).toBe(
      'Nama: B*** S******\nNIP: 1985***********001\nUnit kerja: Dinas Komunikasi dan Informatika'
    )
    expect(hr.requests[0]).toMatchObject({ url: '/api/pegawai/cari', body: { nip: BUDI_NIP } })
    expect(hr.requests[0]!.headers.authorization).toBe('Bearer hr-token-xyz')
  })

  it('When the HR API is down, then the user is told honestly within the request and the form ends towards a human', async () => {
    hr.reply({ status: 503 }, { status: 503 }, { status: 503 })
    const { status, body } = await h.post(validate())
    expect(status).toBe(200)
    expect(textsOf(body.responses)).toBe(
      'Maaf, data kepegawaian sedang tidak dapat kami akses, jadi identitas Anda belum bisa kami periksa. Permintaan Anda akan kami teruskan ke petugas.'
    )
    expect(slotsOf(body.events)).toMatchObject({
      identitas: '-',
      status_identitas: 'gagal',
      requested_slot: null
    })
    expect(h.logs.text()).toContain('directory unavailable during identity check')
    expect(h.logs.text()).not.toContain(BUDI_NIP)
  })
})

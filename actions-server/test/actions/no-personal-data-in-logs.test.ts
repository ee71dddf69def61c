import {
  BUDI_NIK,
  BUDI_NIP,
  BUDI_PHONE,
  slotsOf,
  startHarness,
  textsOf,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'
import type { LoopbackFake } from '@helpdesk/core/testing'
import { startResetApiFake, startWhatsAppCloudFake } from '../helpers/provider-fakes'

const CITIZEN_NIK = '3204115609970001'
const TEMP_PASSWORD = 'Tmp#7719-Kab'
const SECRETS = [
  BUDI_NIP,
  BUDI_NIK,
  BUDI_PHONE,
  '085600000001',
  CITIZEN_NIK,
  '198707222011032001',
  '19850315 201001 1 001',
  '3204 1156 0997 0001',
  TEMP_PASSWORD
]

/** Every value of a JSON log line except the ones that are numbers by nature (time, pid, durations, ids). */
function loggedText(line: string): string {
  const entry = JSON.parse(line) as Record<string, unknown>
  for (const key of ['time', 'pid', 'responseTime', 'request_id', 'reqId', 'hostname'])
    delete entry[key]
  // request ids are random UUIDs whose hex groups may hold long digit runs
  return JSON.stringify(entry).replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    '<uuid>'
  )
}

describe('whole conversations: no NIP, NIK, phone number or secret reaches the logs or the chat', () => {
  let h: Harness
  let wa: LoopbackFake
  let resetApi: LoopbackFake
  beforeAll(async () => {
    wa = await startWhatsAppCloudFake('wamid.F1')
    resetApi = await startResetApiFake({
      jenis: 'password_sementara',
      password_sementara: TEMP_PASSWORD
    })
    h = await startHarness({
      LOG_LEVEL: 'trace',
      IDENTITY_LOOKUPS_PER_HOUR: '6',
      RESET_PROVIDER: 'http',
      RESET_API_URL: resetApi.url,
      WHATSAPP_MODE: 'cloud',
      WHATSAPP_API_URL: wa.url,
      WHATSAPP_PHONE_NUMBER_ID: '1098765',
      WHATSAPP_TOKEN: 'EAAG-flow-token'
    })
  })
  afterAll(async () => {
    await h.close()
    await wa.close()
    await resetApi.close()
  })

  it('When a user resets the e-mail password, registers and checks TTE, fails, hits the limit and asks for a human, then neither the logs nor the replies hold their numbers', async () => {
    const replies: string[] = []
    const post: Harness['post'] = async (call) => {
      const response = await h.post(call)
      replies.push(JSON.stringify(response.body.responses))
      return response
    }
    // 1. forgot password → e-mail dinas → NIP with a typo → NIP → confirm → reset by WhatsApp
    const form = { form: 'lupa_password_form' as const }
    let r = await post(
      turnCall('validate_lupa_password_form', {
        ...form,
        text: 'lupa pw email kantor',
        intent: 'lupa_password',
        requested: null,
        candidates: { sistem: 'email kantor' }
      })
    )
    expect(slotsOf(r.body.events).sistem).toBe('email_dinas')
    r = await post(
      turnCall('validate_lupa_password_form', {
        ...form,
        text: 'nip sy 19850315 201001 1 01',
        intent: 'inform',
        requested: 'identitas',
        slots: { sistem: 'email_dinas' },
        candidates: { identitas: 'nip sy 19850315 201001 1 01' }
      })
    )
    expect(textsOf(r.body.responses)).toBe('NIP harus 18 digit; yang Anda kirim 17 digit.')
    r = await post(
      turnCall('validate_lupa_password_form', {
        ...form,
        text: 'nip sy 19850315 201001 1 001',
        intent: 'inform',
        requested: 'identitas',
        slots: { sistem: 'email_dinas', percobaan_identitas: 1 },
        candidates: { identitas: 'nip sy 19850315 201001 1 001' }
      })
    )
    const identity = slotsOf(r.body.events)
    expect(identity.status_identitas).toBe('valid')
    const confirmed = {
      sistem: 'email_dinas',
      identitas: identity.identitas,
      jenis_identitas: 'nip',
      ringkasan_identitas: identity.ringkasan_identitas,
      status_identitas: 'valid',
      percobaan_identitas: 1
    }
    r = await post(
      turnCall('validate_lupa_password_form', {
        ...form,
        text: 'iya benar',
        intent: 'affirm',
        requested: 'konfirmasi',
        slots: confirmed,
        candidates: { konfirmasi: true }
      })
    )
    expect(slotsOf(r.body.events)).toEqual({ konfirmasi: true })
    r = await post(
      turnCall('action_reset_password', {
        text: 'iya benar',
        intent: 'affirm',
        slots: { ...confirmed, konfirmasi: true }
      })
    )
    expect(textsOf(r.body.responses)).toContain('0856****0001')
    expect(wa.requests).toHaveLength(1)

    // 2. TTE with a NIK (non-ASN), then the status check by NIP
    r = await post(
      turnCall('validate_daftar_tte_form', {
        form: 'daftar_tte_form',
        text: `nik saya ${CITIZEN_NIK}`,
        intent: 'inform',
        requested: 'identitas',
        candidates: { identitas: `nik saya ${CITIZEN_NIK}` }
      })
    )
    expect(slotsOf(r.body.events).status_identitas).toBe('valid')
    r = await post(
      turnCall('action_daftar_tte', {
        text: 'ya',
        intent: 'affirm',
        slots: {
          identitas: CITIZEN_NIK,
          jenis_identitas: 'nik',
          status_identitas: 'valid',
          konfirmasi: true
        }
      })
    )
    expect(textsOf(r.body.responses)).toMatch(/TIK-\d{8}-\d{4}/)
    r = await post(
      turnCall('validate_cek_tte_form', {
        form: 'cek_tte_form',
        text: '198707222011032001',
        intent: 'inform',
        requested: 'identitas',
        entities: [{ entity: 'nip', value: '198707222011032001' }],
        candidates: { identitas: '198707222011032001' }
      })
    )
    r = await post(
      turnCall('action_cek_status_tte', {
        text: 'ya',
        intent: 'affirm',
        slots: {
          identitas: '198707222011032001',
          jenis_identitas: 'nip',
          status_identitas: 'valid',
          konfirmasi: true
        }
      })
    )
    expect(textsOf(r.body.responses)).toContain('S*** A*****')

    // 3. a stranger probing NIPs until the limit, then a human
    for (let i = 0; i < 4; i++) {
      await post(
        turnCall('validate_daftar_tte_form', {
          form: 'daftar_tte_form',
          text: BUDI_NIK,
          intent: 'inform',
          requested: 'identitas',
          candidates: { identitas: BUDI_NIK }
        })
      )
    }
    expect(
      (await h.deps.store.audit.list()).some((e) => e.event === 'identity_lookup_limited')
    ).toBe(true)
    await post(
      turnCall('action_hubungi_petugas', {
        text: `tolong, hp saya ${BUDI_PHONE}`,
        intent: 'minta_petugas'
      })
    )
    await post(
      turnCall('action_fallback', { text: `0856-0000-0001 ${BUDI_NIP}`, intent: 'nlu_fallback' })
    )

    // Assert: the flows were logged (so the check is meaningful) and no number or secret is in them.
    expect(h.logs.lines.length).toBeGreaterThan(20)
    expect(h.logs.text()).toContain('ticket opened')
    expect(h.logs.text()).toContain('whatsapp message sent')
    expect(h.logs.text()).toContain('"to":"0856****0001"')
    const logged = h.logs.lines.map(loggedText).join('\n')
    for (const secret of SECRETS) expect(logged).not.toContain(secret)
    expect(logged).not.toMatch(/\d{9,}/)

    // And the chat replies never showed a full phone number, NIK, NIP, e-mail address or the secret.
    const shown = replies.join('\n')
    for (const secret of SECRETS) expect(shown).not.toContain(secret)
    expect(shown).not.toMatch(/[\w.]+@[\w.]+\.go\.id/)
    expect(
      shown.replace(/TIK-\d{8}-\d{4,}/g, '').replace(/https:\/\/wa\.me\/\d+/g, '')
    ).not.toMatch(/\d{9,}/)
  })
})

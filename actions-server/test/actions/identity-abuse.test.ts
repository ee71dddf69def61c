/**
 * Issue 11.3 (identity abuse) and 11.7 (double resets): what someone who knows another person's
 * NIP can still do, over the real action server.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { privateChatOnlyReply } from '../../src/replies'
import {
  BUDI_NIP,
  BUDI_PHONE,
  CLEARED,
  confirmedBudi,
  slotsOf,
  startHarness,
  textsOf,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'
import type { LoopbackFake } from '@helpdesk/core/testing'
import {
  startResetApiFake,
  startWhatsAppCloudFake,
  whatsAppCloudSettings
} from '../helpers/provider-fakes'

const TICKET = /TIK-\d{8}-\d{4,}/
const SITI_NIP = '198707222011032001'
const DIRECTORY_NIPS = [
  '198503152010011001',
  '198707222011032001',
  '197901082005121001',
  '199005302014092001',
  '197602142002031001'
]

const validateNip = (
  form: string,
  nip: string,
  sender: string,
  slots: Record<string, unknown> = {}
) =>
  turnCall(`validate_${form}`, {
    text: nip,
    intent: 'inform',
    form,
    requested: 'identitas',
    slots,
    candidates: { identitas: nip },
    sender
  })
const groupMetadata = (sender: string) => ({
  telegram: {
    chat_id: Number(sender),
    user_id: 42,
    message_id: 7,
    language_code: 'id',
    chat_type: 'supergroup'
  }
})

describe('identity limits that new accounts, groups or extra processes do not reset', () => {
  let h: Harness
  afterEach(async () => {
    await h.close()
  })

  it('When one NIP is looked up from many chats, then the per-NIP daily limit stops it without saying whether it exists', async () => {
    h = await startHarness({ IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY: '3' })
    for (const sender of ['9001', '9002', '9003']) {
      const ok = await h.post(validateNip('daftar_tte_form', BUDI_NIP, sender))
      expect(slotsOf(ok.body.events).status_identitas).toBe('valid')
    }
    const fourth = await h.post(validateNip('daftar_tte_form', BUDI_NIP, '9004'))
    expect(textsOf(fourth.body.responses)).toBe(
      'Demi keamanan data pegawai, NIP/NIK tersebut sudah terlalu sering diperiksa hari ini sehingga pemeriksaannya kami hentikan sementara. ' +
        'Silakan coba lagi besok, atau kami sambungkan ke petugas.'
    )
    expect(slotsOf(fourth.body.events)).toMatchObject({
      identitas: '-',
      status_identitas: 'dibatasi',
      ringkasan_identitas: null
    })
    // a number that is not in the directory gets the very same answer once it reaches the limit
    for (const sender of ['9005', '9006', '9007'])
      await h.post(validateNip('daftar_tte_form', '198609262015051001', sender))
    const unknown = await h.post(validateNip('daftar_tte_form', '198609262015051001', '9008'))
    expect(textsOf(unknown.body.responses)).toBe(textsOf(fourth.body.responses))
    // another NIP is not affected, and a day later this one may be checked again
    expect(
      slotsOf((await h.post(validateNip('daftar_tte_form', SITI_NIP, '9009'))).body.events)
        .status_identitas
    ).toBe('valid')
    h.clock.advance(24 * 60 * 60 * 1000 + 1000)
    expect(
      slotsOf((await h.post(validateNip('daftar_tte_form', BUDI_NIP, '9010'))).body.events)
        .status_identitas
    ).toBe('valid')
  })

  it('When many chats each look up a different NIP, then the global rate stops the enumeration for a minute', async () => {
    h = await startHarness({ IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE: '4' })
    for (const [i, nip] of DIRECTORY_NIPS.slice(0, 4).entries()) {
      expect(
        slotsOf((await h.post(validateNip('cek_tte_form', nip, `800${i}`))).body.events)
          .status_identitas
      ).toBe('valid')
    }
    const fifth = await h.post(validateNip('cek_tte_form', DIRECTORY_NIPS[4]!, '8009'))
    expect(textsOf(fifth.body.responses)).toContain('Pemeriksaan NIP/NIK sedang sangat ramai')
    expect(slotsOf(fifth.body.events).status_identitas).toBe('dibatasi')
    h.clock.advance(61 * 1000)
    expect(
      slotsOf((await h.post(validateNip('cek_tte_form', DIRECTORY_NIPS[4]!, '8009'))).body.events)
        .status_identitas
    ).toBe('valid')
  })

  it('When two action servers share the database, then the per-NIP limit counts lookups on both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'helpdesk-shared-'))
    const env = {
      DATABASE_FILE: join(dir, 'shared.sqlite'),
      IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY: '2'
    }
    h = await startHarness(env)
    const other = await startHarness(env)
    try {
      expect(
        slotsOf((await h.post(validateNip('daftar_tte_form', BUDI_NIP, '7001'))).body.events)
          .status_identitas
      ).toBe('valid')
      expect(
        slotsOf((await other.post(validateNip('daftar_tte_form', BUDI_NIP, '7002'))).body.events)
          .status_identitas
      ).toBe('valid')
      expect(
        slotsOf((await h.post(validateNip('daftar_tte_form', BUDI_NIP, '7003'))).body.events)
          .status_identitas
      ).toBe('dibatasi')
      expect(
        slotsOf((await other.post(validateNip('daftar_tte_form', BUDI_NIP, '7004'))).body.events)
          .status_identitas
      ).toBe('dibatasi')
    } finally {
      await other.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('what the chat shows of the number on file', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness()
  })
  afterEach(async () => {
    await h.close()
  })

  it('When a reset goes by WhatsApp, then the chat and the ticket name the number only masked (first and last 4 digits)', async () => {
    const { body } = await h.post(
      turnCall('action_reset_password', {
        text: 'ya',
        intent: 'affirm',
        slots: { sistem: 'email_dinas', ...confirmedBudi }
      })
    )
    const text = textsOf(body.responses)
    expect(text).toContain('nomor 0856****0001')
    // no other part of 6285600000001 / 085600000001 appears anywhere in the reply
    expect(text.replace('0856****0001', '')).not.toMatch(/0856|856000|\*{4}/)
    expect(JSON.stringify(await h.deps.store.tickets.list())).not.toMatch(
      /085600000001|6285600000001|856000/
    )
  })
})

describe('TTE status goes through the same confirmation as the other identity flows', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness()
  })
  afterEach(async () => {
    await h.close()
  })

  it('When the identity is valid but not confirmed, then no status is shown', async () => {
    const { body } = await h.post(
      turnCall('action_cek_status_tte', {
        text: 'x',
        intent: 'inform',
        slots: { identitas: SITI_NIP, jenis_identitas: 'nip', status_identitas: 'valid' }
      })
    )
    expect(textsOf(body.responses)).toBe(
      'Pengecekan status TTE kami batalkan karena identitas belum dikonfirmasi.'
    )
    expect(body.events).toEqual(CLEARED)
  })

  it('When the user denies the summary in the status form, then the identity is dropped and counted', async () => {
    const slots = {
      identitas: SITI_NIP,
      jenis_identitas: 'nip',
      ringkasan_identitas: 'Nama: S*** A*****',
      status_identitas: 'valid'
    }
    const { body } = await h.post(
      turnCall('validate_cek_tte_form', {
        text: 'bukan',
        intent: 'deny',
        form: 'cek_tte_form',
        requested: 'konfirmasi',
        slots,
        candidates: { konfirmasi: false }
      })
    )
    expect(textsOf(body.responses)).toBe('Baik, data tersebut tidak kami pakai.')
    expect(slotsOf(body.events)).toMatchObject({
      konfirmasi: null,
      identitas: null,
      status_identitas: null,
      percobaan_identitas: 1
    })
  })
})

describe('the owner of the NIP always hears of a reset or TTE request by WhatsApp', () => {
  let h: Harness
  afterEach(async () => {
    await h.close()
  })

  const outboxTo = async (phone: string) =>
    (await h.deps.store.outbox.list()).filter((m) => m.recipient === phone)
  const bodyOf = (payload: Record<string, unknown>): string =>
    (payload as { text: { body: string } }).text.body

  it('When a staff-routed reset, a TTE registration and a TTE status check use an NIP (outbox mode), then each stores one notice for the number on file', async () => {
    h = await startHarness()
    const reset = await h.post(
      turnCall('action_reset_password', {
        text: 'ya',
        intent: 'affirm',
        slots: { sistem: 'srikandi', ...confirmedBudi }
      })
    )
    const ticket = TICKET.exec(textsOf(reset.body.responses))![0]
    const [notice] = await outboxTo(BUDI_PHONE)
    expect(bodyOf(notice!.payload)).toBe(
      'Helpdesk TIK Dinas Komunikasi dan Informatika Kabupaten Contoh\nHalo Budi, ada permintaan reset password SRIKANDI atas NIP Anda melalui chat helpdesk ' +
        `(tiket ${ticket}). Jika bukan Anda yang meminta, hubungi helpdesk di WhatsApp wa.me/${h.deps.helpdeskWhatsapp}.`
    )
    expect(notice).toMatchObject({ containsSecret: false, ticketNumber: ticket, status: 'pending' })

    await h.post(
      turnCall('action_daftar_tte', { text: 'ya', intent: 'affirm', slots: { ...confirmedBudi } })
    )
    await h.post(
      turnCall('action_cek_status_tte', {
        text: 'ya',
        intent: 'affirm',
        slots: { ...confirmedBudi }
      })
    )
    expect(
      (await outboxTo(BUDI_PHONE)).map(
        (m) => /ada permintaan ([^.]+?) atas NIP Anda/.exec(bodyOf(m.payload))?.[1]
      )
    ).toEqual(['reset password SRIKANDI', 'pendaftaran TTE', 'cek status TTE'])
  })

  it('When the WhatsApp Cloud API is configured, then the notice is sent to the number on file', async () => {
    const wa: LoopbackFake = await startWhatsAppCloudFake('wamid.N1')
    try {
      h = await startHarness(whatsAppCloudSettings(wa))
      await h.post(
        turnCall('action_daftar_tte', { text: 'ya', intent: 'affirm', slots: { ...confirmedBudi } })
      )
      expect(wa.requests).toHaveLength(1)
      expect(wa.requests[0]!.body).toMatchObject({ to: BUDI_PHONE, type: 'text' })
      expect((wa.requests[0]!.body as { text: { body: string } }).text.body).toContain(
        'ada permintaan pendaftaran TTE atas NIP Anda'
      )
      expect((await outboxTo(BUDI_PHONE))[0]).toMatchObject({ status: 'sent' })
    } finally {
      await wa.close()
    }
  })
})

describe('identity flows only in private chats', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness()
  })
  afterEach(async () => {
    await h.close()
  })

  it('When a TTE registration starts in a group with an NIP in the message, then nothing is looked up and the form ends at once', async () => {
    const sender = '-1001234'
    const { body } = await h.post(
      turnCall('validate_daftar_tte_form', {
        text: `daftar tte nip ${BUDI_NIP}`,
        intent: 'daftar_tte',
        form: 'daftar_tte_form',
        candidates: { identitas: BUDI_NIP },
        sender,
        metadata: groupMetadata(sender)
      })
    )
    expect(body).toEqual({
      events: [{ event: 'slot', timestamp: null, name: 'requested_slot', value: null }],
      responses: []
    })
    expect((await h.deps.store.audit.list()).filter((e) => e.event === 'identity_lookup')).toEqual(
      []
    )
  })

  it('When an identity flow finishes in a group, then the bot answers one line asking for a private chat and shows nothing personal', async () => {
    const sender = '-1001234'
    for (const [action, slots] of [
      ['action_daftar_tte', { ...confirmedBudi }],
      ['action_cek_status_tte', { ...confirmedBudi }],
      ['action_reset_password', { sistem: 'email_dinas', ...confirmedBudi }]
    ] as const) {
      const { body } = await h.post(
        turnCall(action, {
          text: 'ya',
          intent: 'affirm',
          slots,
          sender,
          metadata: groupMetadata(sender)
        })
      )
      expect(body.responses.map((r) => r.text)).toEqual([privateChatOnlyReply().text])
      expect(body.events).toEqual([
        ...CLEARED,
        { event: 'followup', timestamp: null, name: 'action_listen' }
      ])
    }
    expect(await h.deps.store.tickets.list()).toEqual([])
    expect(await h.deps.store.outbox.list()).toEqual([])
  })

  it('When a group asks for a self-service password guide, then it still gets the guide (nothing personal in it)', async () => {
    const sender = '-1001234'
    const form = await h.post(
      turnCall('validate_lupa_password_form', {
        text: 'lupa password simasn',
        intent: 'lupa_password',
        form: 'lupa_password_form',
        requested: 'sistem',
        candidates: { sistem: 'simasn' },
        sender,
        metadata: groupMetadata(sender)
      })
    )
    expect(slotsOf(form.body.events)).toEqual({ sistem: 'simasn', requested_slot: null })
    const email = await h.post(
      turnCall('validate_lupa_password_form', {
        text: 'email dinas',
        intent: 'inform',
        form: 'lupa_password_form',
        requested: 'sistem',
        candidates: { sistem: 'email_dinas' },
        sender,
        metadata: groupMetadata(sender)
      })
    )
    expect(slotsOf(email.body.events)).toEqual({ sistem: 'email_dinas', requested_slot: null })
    const guide = await h.post(
      turnCall('action_reset_password', {
        text: 'x',
        intent: 'inform',
        slots: { sistem: 'simasn' },
        sender,
        metadata: groupMetadata(sender)
      })
    )
    expect(textsOf(guide.body.responses)).toContain('Cara mengatur ulang password SIMASN')
  })
})

describe('a reset for the same NIP and system is not repeated', () => {
  let h: Harness
  let resetApi: LoopbackFake
  let wa: LoopbackFake
  beforeEach(async () => {
    wa = await startWhatsAppCloudFake('wamid.R1')
    resetApi = await startResetApiFake({
      jenis: 'password_sementara',
      password_sementara: 'Tmp#9931-Kab'
    })
    h = await startHarness({
      RESET_PROVIDER: 'http',
      RESET_API_URL: resetApi.url,
      RESET_REQUESTS_PER_DAY: '2',
      RESET_REPEAT_WINDOW_MINUTES: '30',
      ...whatsAppCloudSettings(wa)
    })
  })
  afterEach(async () => {
    await h.close()
    await wa.close()
    await resetApi.close()
  })

  const reset = (sistem: string, messageId: string, sender = '5550001') =>
    turnCall('action_reset_password', {
      text: 'ya',
      intent: 'affirm',
      slots: { sistem, ...confirmedBudi },
      messageId,
      sender
    })

  it('When the user asks again after "busy" (a new message, even from another chat), then the earlier request stands and nothing is reset twice', async () => {
    const first = await h.post(reset('email_dinas', 'm-1'))
    const ticket = TICKET.exec(textsOf(first.body.responses))![0]
    h.clock.advance(2 * 60 * 1000)
    for (const [messageId, sender] of [
      ['m-2', '5550001'],
      ['m-3', '5559999']
    ] as const) {
      const again = await h.post(reset('email_dinas', messageId, sender))
      expect(textsOf(again.body.responses)).toBe(
        `Permintaan reset password E-mail dinas untuk NIP ini sudah kami terima pukul 10.00 WIB dengan nomor tiket ${ticket}, ` +
          'dan permintaan itu tetap berlaku, jadi tidak kami ulangi. Mohon tunggu; bila dalam 30 menit belum ada kabar, hubungi petugas dengan nomor tiket tersebut.'
      )
      expect(again.body.events).toEqual(CLEARED)
    }
    expect(resetApi.requests).toHaveLength(1)
    expect(wa.requests).toHaveLength(1)
    expect(await h.deps.store.tickets.list()).toHaveLength(1)
  })

  it('When the window has passed, then a new reset is made; past the daily limit per NIP none is', async () => {
    await h.post(reset('email_dinas', 'd-1'))
    h.clock.advance(31 * 60 * 1000)
    expect(textsOf((await h.post(reset('email_dinas', 'd-2'))).body.responses)).toContain(
      'Password sementara E-mail dinas sudah kami kirim'
    )
    h.clock.advance(31 * 60 * 1000)
    const third = await h.post(reset('email_dinas', 'd-3', '5557777'))
    expect(textsOf(third.body.responses)).toContain(
      'permintaan reset password untuk NIP ini sudah mencapai batas 2 kali dalam 24 jam'
    )
    expect(resetApi.requests).toHaveLength(2)
  })
})

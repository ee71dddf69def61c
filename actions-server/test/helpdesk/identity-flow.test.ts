/**
 * The one check every identity flow (reset, daftar TTE, cek TTE) starts with, and the one
 * identity-status guard the forms share.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadKnowledge, openStore, type Store } from '@helpdesk/core'
import { fixedClock } from '@helpdesk/core/testing'
import pino from 'pino'
import { guardIdentityFlow, type IdentityFlow } from '../../src/helpdesk/identity-flow'
import { failedIdentityStatus } from '../../src/helpdesk/slots'
import { EXAMPLE_KNOWLEDGE_FILE } from '../../src/paths'
import { CollectingDispatcher, Tracker } from '../../src/sdk'

const RESET: IdentityFlow = { kind: 'reset_password', systemName: 'E-mail dinas' }

describe('guardIdentityFlow', () => {
  let dir: string
  let store: Store
  let deps: Parameters<typeof guardIdentityFlow>[0]

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'identity-flow-'))
    store = await openStore(
      { databaseFile: join(dir, 'helpdesk.sqlite') },
      fixedClock('2026-06-15T03:00:00Z')
    )
    deps = {
      store,
      logger: pino({ level: 'silent' }),
      knowledge: loadKnowledge(EXAMPLE_KNOWLEDGE_FILE),
      helpdeskWhatsapp: '6285600000099'
    }
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function run(
    slots: Record<string, unknown>,
    flow: IdentityFlow = RESET,
    chatType?: string
  ) {
    const dispatcher = new CollectingDispatcher()
    const tracker = Tracker.fromState({
      sender_id: '5550001',
      slots,
      latest_message: {
        text: 'ya',
        message_id: 'm1',
        ...(chatType === undefined ? {} : { metadata: { telegram: { chat_type: chatType } } })
      }
    })
    const events = await guardIdentityFlow(deps, dispatcher, tracker, flow)
    return { events, texts: dispatcher.messages.map((m) => m.text) }
  }

  const confirmed = { identitas: '198503152010011001', status_identitas: 'valid', konfirmasi: true }

  test('When the identity is valid and confirmed in a private chat, then the flow goes on and nothing is said', async () => {
    const { events, texts } = await run(confirmed, RESET, 'private')
    expect(events).toBeUndefined()
    expect(texts).toEqual([])
    expect(await store.tickets.list()).toEqual([])
  })

  test('When the flow is asked in a group, then one line, no ticket, and the bot listens at once', async () => {
    const { events, texts } = await run(confirmed, { kind: 'cek_status_tte' }, 'supergroup')
    expect(texts).toEqual([
      'Demi menjaga kerahasiaan data pribadi, layanan ini hanya kami layani lewat chat pribadi. Silakan kirim pesan langsung ke bot ini, bukan di grup.'
    ])
    expect(events?.at(-1)).toMatchObject({ event: 'followup', name: 'action_listen' })
    expect(await store.tickets.list()).toEqual([])
    expect((await store.audit.list()).map((e) => [e.event, e.detail])).toEqual([
      ['group_chat_refused', { layanan: 'cek status TTE' }]
    ])
  })

  test('When the identity failed, then a ticket for staff is opened and the human is offered', async () => {
    const { events, texts } = await run({ identitas: '-', status_identitas: 'gagal' })
    const [ticket] = await store.tickets.list()
    expect(ticket).toMatchObject({
      category: 'identitas_gagal',
      summary: 'reset password E-mail dinas: identitas tidak terverifikasi (gagal)'
    })
    expect(texts).toHaveLength(1)
    expect(texts[0]).toMatch(
      new RegExp(
        `^Kami belum dapat memverifikasi identitas Anda melalui chat ini\\. Permintaan reset password E-mail dinas Anda sudah kami catat dengan nomor tiket ${ticket!.number};`
      )
    )
    expect(events).toContainEqual({
      event: 'slot',
      name: 'status_identitas',
      value: null,
      timestamp: null
    })
  })

  test('When the lookups were limited, then the human offer says checking is paused', async () => {
    const { texts } = await run(
      { identitas: '-', status_identitas: 'dibatasi' },
      { kind: 'daftar_tte' }
    )
    expect(texts[0]).toMatch(
      /^Untuk sementara kami tidak dapat memeriksa NIP\/NIK melalui chat ini\. Permintaan pendaftaran TTE Anda /
    )
  })

  test('When the summary was not confirmed, then the request is cancelled without a ticket', async () => {
    const { events, texts } = await run({ ...confirmed, konfirmasi: null }, { kind: 'daftar_tte' })
    expect(texts).toEqual(['Pendaftaran TTE kami batalkan karena identitas belum dikonfirmasi.'])
    expect(events?.length).toBeGreaterThan(0)
    expect(await store.tickets.list()).toEqual([])
  })

  test('When no identity was collected at all, then the request is cancelled', async () => {
    const { texts } = await run({})
    expect(texts).toEqual([
      'Permintaan reset password E-mail dinas kami batalkan karena identitas belum dikonfirmasi.'
    ])
  })
})

describe('failedIdentityStatus', () => {
  test('When the status is gagal or dibatasi, then it is returned; any other value is not a failure', async () => {
    expect(failedIdentityStatus('gagal')).toBe('gagal')
    expect(failedIdentityStatus('dibatasi')).toBe('dibatasi')
    for (const other of ['valid', null, undefined, '', 'GAGAL', 1]) {
      expect(failedIdentityStatus(other)).toBeUndefined()
    }
  })
})

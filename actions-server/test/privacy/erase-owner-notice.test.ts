/**
 * A TTE status check opens no ticket, yet it queues a WhatsApp notice to the owner of the NIP/NIK
 * (their number on file, their full name). `npm run data -- erase` must find that notice by the
 * NIP, by the NIK and by the chat that asked: the real action server writes it, the data CLI
 * erases it, on both engines.
 */
import { createScratchDatabase } from '@helpdesk/core'
import { ENGINES } from '@helpdesk/core/testing'
import { runDataCli } from '../../src/tools/data-cli'
import {
  BUDI_NIK,
  BUDI_NIP,
  BUDI_PHONE,
  confirmedBudi,
  SENDER,
  startHarness,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'

const SITI = { nip: '198707222011032001', phone: '6285600000002' }
/** A chat that knows Budi's NIK and checks his TTE status with it. */
const OTHER_CHAT = '5550002'
const SITI_CHAT = '5550003'

const checkStatus = (sender: string, slots: Record<string, unknown>) =>
  turnCall('action_cek_status_tte', { text: 'cek status tte', intent: 'inform', slots, sender })

describe.each(ENGINES)('erasing the owner notice of a TTE status check on %s', (engine) => {
  let h: Harness
  /** The store's variables as an operator sets them for `npm run data`. */
  let storeEnv: Record<string, string>
  let dropDatabase: () => Promise<void> = async () => undefined
  beforeEach(async () => {
    if (engine === 'postgres') {
      const scratch = await createScratchDatabase()
      dropDatabase = scratch.drop
      h = await startHarness({ DATABASE_URL: scratch.url })
      storeEnv = { DATABASE_URL: scratch.url }
    } else {
      h = await startHarness()
      storeEnv = { DATABASE_FILE: h.databaseFile }
    }
    await h.post(checkStatus(SENDER, confirmedBudi))
    await h.post(
      checkStatus(OTHER_CHAT, { ...confirmedBudi, identitas: BUDI_NIK, jenis_identitas: 'nik' })
    )
    await h.post(checkStatus(SITI_CHAT, { ...confirmedBudi, identitas: SITI.nip }))
  })
  afterEach(async () => {
    await h.close()
    await dropDatabase()
  })

  /** The queued notices: to whom, which chat caused them, and which number they name. */
  const notices = async () =>
    (await h.deps.store.outbox.list()).map((m) => ({
      to: m.recipient,
      chat: m.senderId,
      ticket: m.ticketNumber,
      label: /atas (NIP|NIK) Anda/.exec((m.payload as { text: { body: string } }).text.body)?.[1]
    }))
  const erase = (flag: string, value: string) => runDataCli(['erase', flag, value], storeEnv)

  it('When the status checks were made, then each queued a notice without a ticket to the number on file', async () => {
    expect(await notices()).toEqual([
      { to: BUDI_PHONE, chat: SENDER, ticket: null, label: 'NIP' },
      { to: BUDI_PHONE, chat: OTHER_CHAT, ticket: null, label: 'NIK' },
      { to: SITI.phone, chat: SITI_CHAT, ticket: null, label: 'NIP' }
    ])
  })

  it("When the owner is erased with --nip and then --nik, then each removes the notice of that number and leaves Siti's", async () => {
    const byNip = await erase('--nip', BUDI_NIP)

    expect(byNip).toContain('whatsapp_outbox: 1 deleted')
    expect(byNip).toContain('audit_log: 1 deleted')
    expect((await notices()).map((n) => n.chat)).toEqual([OTHER_CHAT, SITI_CHAT])

    expect(await erase('--nik', BUDI_NIK)).toContain('whatsapp_outbox: 1 deleted')
    expect(await notices()).toEqual([
      { to: SITI.phone, chat: SITI_CHAT, ticket: null, label: 'NIP' }
    ])
    expect(
      (await h.deps.store.audit.list())
        .filter((e) => e.event === 'owner_notified')
        .map((e) => e.senderId)
    ).toEqual([SITI_CHAT])
  })

  it('When the chat that checked with the NIK is erased with --sender, then its notice goes; the others stay', async () => {
    const lines = await erase('--sender', OTHER_CHAT)

    expect(lines).toContain('whatsapp_outbox: 1 deleted')
    expect((await notices()).map((n) => n.chat)).toEqual([SENDER, SITI_CHAT])
  })
})

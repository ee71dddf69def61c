/**
 * The action server on PostgreSQL (DATABASE_URL): the real app and composition on a scratch
 * database of the test server, actions called over POST /webhook, rows read back from PostgreSQL.
 * The WhatsApp Cloud API and the reset API are loopback fakes speaking their wire format.
 */
import { existsSync } from 'node:fs'
import { createScratchDatabase, openSqlDb, type SqlDb } from '@helpdesk/core'
import type { LoopbackFake } from '@helpdesk/core/testing'
import {
  startResetApiFake,
  startWhatsAppCloudFake,
  whatsAppCloudSettings
} from '../helpers/provider-fakes'
import {
  BUDI_PHONE,
  confirmedBudi,
  SENDER,
  startHarness,
  textsOf,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'

const TICKET = /TIK-\d{8}-\d{4,}/

const handoff = (sender: string, messageId: string) =>
  turnCall('action_hubungi_petugas', {
    text: 'mau ngomong sama admin',
    intent: 'minta_petugas',
    slots: { sistem: 'sipd' },
    messageId,
    sender
  })

describe('the action server with DATABASE_URL (PostgreSQL)', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>
  let sql: SqlDb
  let wa: LoopbackFake
  let resetApi: LoopbackFake
  const harnesses: Harness[] = []
  const start = async (): Promise<Harness> => {
    const h = await startHarness({
      DATABASE_URL: scratch.url,
      RESET_PROVIDER: 'http',
      RESET_API_URL: resetApi.url,
      RESET_API_TOKEN: 'reset-secret-token',
      ...whatsAppCloudSettings(wa)
    })
    harnesses.push(h)
    return h
  }

  beforeEach(async () => {
    scratch = await createScratchDatabase()
    wa = await startWhatsAppCloudFake('wamid.PG1')
    resetApi = await startResetApiFake({
      jenis: 'password_sementara',
      password_sementara: 'Tmp#4821-Kab',
      berlaku_sampai: '2026-11-30T16:13:36.293Z'
    })
    ;({ sql } = await openSqlDb({ databaseUrl: scratch.url, databaseFile: '' }))
  })
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.close()
    await sql.close()
    await wa.close()
    await resetApi.close()
    await scratch.drop()
  })

  it('When a handoff and a WhatsApp reset are asked through the webhook, then the tickets, the sent WhatsApp message and the audit are rows in PostgreSQL and no SQLite file is written', async () => {
    const h = await start()

    const asked = await h.post(handoff(SENDER, 'pg-handoff-1'))
    expect(asked.status).toBe(200)
    const handoffTicket = TICKET.exec(textsOf(asked.body.responses))![0]

    const reset = await h.post(
      turnCall('action_reset_password', {
        text: 'iya benar',
        intent: 'affirm',
        slots: { sistem: 'email_dinas', ...confirmedBudi },
        messageId: 'pg-reset-1'
      })
    )
    const resetText = textsOf(reset.body.responses)
    expect(resetText).toContain('sudah kami kirim lewat WhatsApp ke nomor 0856****0001')
    const resetTicket = TICKET.exec(resetText)![0]

    expect(
      await sql.all('SELECT number, category, sender_id, status FROM tickets ORDER BY id')
    ).toEqual([
      { number: handoffTicket, category: 'handoff', sender_id: SENDER, status: 'baru' },
      { number: resetTicket, category: 'reset_password', sender_id: SENDER, status: 'baru' }
    ])
    expect(handoffTicket).toBe('TIK-20260615-0001')
    expect(resetTicket).toBe('TIK-20260615-0002')
    expect(
      await sql.all(
        'SELECT recipient, status, attempts, ticket_number, provider_message_id, claimed_by, contains_secret FROM whatsapp_outbox'
      )
    ).toEqual([
      {
        recipient: BUDI_PHONE,
        status: 'sent',
        attempts: 1,
        ticket_number: resetTicket,
        provider_message_id: 'wamid.PG1',
        claimed_by: null,
        contains_secret: 1
      }
    ])
    const stored = await sql.get<{ payload: string }>('SELECT payload FROM whatsapp_outbox')
    expect(stored?.payload).not.toContain('Tmp#4821-Kab')
    expect(wa.requests).toHaveLength(1)
    expect(
      (await sql.all<{ event: string }>('SELECT event FROM audit_log ORDER BY id')).map(
        (r) => r.event
      )
    ).toEqual(expect.arrayContaining(['ticket_opened', 'reset_requested', 'whatsapp_queued']))
    expect(existsSync(h.databaseFile)).toBe(false)
  })

  it('When the same handoff call is repeated, then PostgreSQL keeps one ticket', async () => {
    const h = await start()
    const first = await h.post(handoff(SENDER, 'pg-repeat'))
    const again = await h.post(handoff(SENDER, 'pg-repeat'))
    expect(TICKET.exec(textsOf(again.body.responses))![0]).toBe(
      TICKET.exec(textsOf(first.body.responses))![0]
    )
    expect(await sql.get('SELECT COUNT(*) AS n FROM tickets')).toEqual({ n: 1 })
  })

  it('When two action servers share the database and take handoffs at once, then every ticket number is distinct and the day has no gaps', async () => {
    const a = await start()
    const b = await start()
    const answers = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (i % 2 === 0 ? a : b).post(handoff(`55501${String(i).padStart(2, '0')}`, `par-${i}`))
      )
    )
    const numbers = answers.map((r) => TICKET.exec(textsOf(r.body.responses))![0]).sort()
    expect(numbers).toEqual(
      Array.from({ length: 16 }, (_, i) => `TIK-20260615-${String(i + 1).padStart(4, '0')}`)
    )
    expect(await sql.get('SELECT COUNT(*) AS n FROM tickets')).toEqual({ n: 16 })
  }, 60_000)
})

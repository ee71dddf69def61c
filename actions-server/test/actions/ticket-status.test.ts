import {
  BUDI_NIP,
  SENDER,
  slotsOf,
  startHarness,
  textsOf,
  turnCall,
  type Harness
} from '../helpers/helpdesk-harness'
import { findTicketNumber } from '../../src/helpdesk/ticket-number'

const OTHER_CHAT = '5550999'

describe('action_cek_status_tiket: the status of a ticket, only for the chat that opened it', () => {
  let h: Harness
  let mine: string
  let mineWaiting: string
  let theirs: string
  beforeAll(async () => {
    h = await startHarness()
    const open = async (senderId: string, summary: string): Promise<string> =>
      (await h.deps.store.tickets.open({ category: 'handoff', senderId, summary, data: {} })).number
    mine = await open(SENDER, 'Pengguna meminta bicara dengan petugas')
    theirs = await open(OTHER_CHAT, 'Pengguna meminta bicara dengan petugas')
    mineWaiting = await open(SENDER, 'Reset password SIMASN')
    // What the console writes when staff work a ticket (console/src/data/tickets.ts).
    const sql = h.deps.store.sql
    const idOf = async (number: string): Promise<number> =>
      (await sql.get<{ id: number }>('SELECT id FROM tickets WHERE number = ?', [number]))?.id ?? 0
    const event = {
      run: async (ticket: Promise<number>, ...values: string[]): Promise<void> => {
        await sql.run(
          'INSERT INTO ticket_events (ticket_id, at, actor, kind, visibility, body) VALUES (?, ?, ?, ?, ?, ?)',
          [await ticket, ...values]
        )
      }
    }
    await sql.run("UPDATE tickets SET status = 'ditangani' WHERE number = ?", [mine])
    await event.run(
      idOf(mine),
      '2026-06-15T04:00:00.000Z',
      'rina',
      'note',
      'internal',
      'Catatan antar petugas'
    )
    await event.run(
      idOf(mine),
      '2026-06-15T05:30:00.000Z',
      'rina',
      'note',
      'pengguna',
      'Akun Anda sedang kami periksa.'
    )
    await event.run(
      idOf(mine),
      '2026-06-15T06:00:00.000Z',
      'rina',
      'note',
      'internal',
      'Rahasia internal'
    )
    await sql.run("UPDATE tickets SET status = 'menunggu_pengguna' WHERE number = ?", [mineWaiting])
    await event.run(
      idOf(mineWaiting),
      '2026-06-15T05:00:00.000Z',
      'rina',
      'note',
      'pengguna',
      'Mohon kirim tangkapan layar pesan galatnya.'
    )
    await sql.run("UPDATE tickets SET status = 'selesai' WHERE number = ?", [theirs])
    await event.run(
      idOf(theirs),
      '2026-06-15T05:00:00.000Z',
      'rina',
      'note',
      'pengguna',
      'Password sudah direset.'
    )
  })
  afterAll(async () => {
    await h.close()
  })

  const ask = (text: string, options: { sender?: string; entity?: string } = {}) =>
    h.post(
      turnCall('action_cek_status_tiket', {
        text,
        intent: 'cek_status_tiket',
        ...(options.entity === undefined
          ? {}
          : { entities: [{ entity: 'nomor_tiket', value: options.entity }] }),
        ...(options.entity === undefined ? {} : { slots: { nomor_tiket: options.entity } }),
        ...(options.sender === undefined ? {} : { sender: options.sender })
      })
    )

  it('When the user asks about a ticket opened from the same chat, then the status in words and the last note for the user are shown, never an internal note', async () => {
    const { status, body } = await ask(`status tiket ${mine}`, { entity: mine })
    expect(status).toBe(200)
    expect(body.responses).toHaveLength(1)
    const text = textsOf(body.responses)
    expect(text).toBe(
      `Status tiket ${mine}: sedang ditangani petugas.\nTiket ini dibuat pada 15 Juni 2026.\n\n` +
        'Catatan terakhir dari petugas untuk Anda (15 Juni 2026 pukul 12.30 WIB):\nAkun Anda sedang kami periksa.'
    )
    expect(text).not.toContain('internal')
    expect(text).not.toContain('Rahasia')
    expect(slotsOf(body.events)).toEqual({ nomor_tiket: null })
  })

  it('When the number is typed in lower case with spaces, then it is still found', async () => {
    const spaced = mine.toLowerCase().replace(/-/g, ' ')
    const { body } = await ask(`cek tiket ${spaced} dong`, { entity: spaced })
    expect(textsOf(body.responses)).toContain(`Status tiket ${mine}: sedang ditangani petugas.`)
  })

  it('When the number is typed without the TIK prefix, then it is still found', async () => {
    const { body } = await ask(`status tiket ${mine.slice(4)}`)
    expect(textsOf(body.responses)).toContain(`Status tiket ${mine}:`)
  })

  it('When the ticket waits for the user, then the user is told that staff wait for their reply', async () => {
    const { body } = await ask(`status ${mineWaiting}`, { entity: mineWaiting })
    const text = textsOf(body.responses)
    expect(text).toContain(`Status tiket ${mineWaiting}: menunggu tanggapan dari Anda.`)
    expect(text).toContain('Mohon kirim tangkapan layar pesan galatnya.')
    expect(text).toContain('Petugas menunggu tanggapan Anda')
  })

  it("When another chat's ticket is asked about, then the answer is exactly the one for a number that does not exist", async () => {
    const other = await ask(`status tiket ${theirs}`, { entity: theirs })
    const missing = 'TIK-20260615-0099'
    const unknown = await ask(`status tiket ${missing}`, { entity: missing })
    const neutral = (number: string): string =>
      `Tiket ${number} tidak kami temukan untuk chat ini. Mohon periksa kembali nomornya. Status tiket hanya dapat dicek dari chat yang dipakai saat tiket dibuat.`
    expect(textsOf(other.body.responses)).toBe(neutral(theirs))
    expect(textsOf(unknown.body.responses)).toBe(neutral(missing))
    // Same shape too: no button, no extra message, same events.
    expect(other.body.responses.map((r) => r.buttons)).toEqual(
      unknown.body.responses.map((r) => r.buttons)
    )
    expect(other.body.events).toEqual(unknown.body.events)
    expect(textsOf(other.body.responses)).not.toContain('Password sudah direset')
  })

  it('When the owner of that other ticket asks from their own chat, then they see it', async () => {
    const { body } = await ask(`status tiket ${theirs}`, { entity: theirs, sender: OTHER_CHAT })
    expect(textsOf(body.responses)).toContain(`Status tiket ${theirs}: selesai.`)
    expect(textsOf(body.responses)).toContain('Password sudah direset.')
  })

  it("When no number is given, then this chat's latest tickets are offered as buttons, newest first", async () => {
    const { body } = await ask('tiket saya gimana ya')
    expect(body.responses).toHaveLength(1)
    expect(body.responses[0]!.text).toContain('Tiket mana yang ingin Anda cek?')
    expect(body.responses[0]!.buttons).toEqual([
      {
        title: `${mineWaiting} (menunggu tanggapan dari Anda)`,
        payload: `/cek_status_tiket{"nomor_tiket":"${mineWaiting}"}`
      },
      {
        title: `${mine} (sedang ditangani petugas)`,
        payload: `/cek_status_tiket{"nomor_tiket":"${mine}"}`
      }
    ])
  })

  it('When a number from an earlier message is still in the slot, then "status tiket" without a number lists the tickets instead of answering for it', async () => {
    const { body } = await h.post(
      turnCall('action_cek_status_tiket', {
        text: 'status tiket',
        intent: 'cek_status_tiket',
        slots: { nomor_tiket: mine }
      })
    )
    expect(body.responses[0]!.text).toContain('Tiket mana yang ingin Anda cek?')
    expect(slotsOf(body.events)).toEqual({ nomor_tiket: null })
  })

  it('When a chat without tickets asks without a number, then it is asked for the number', async () => {
    const { body } = await ask('status tiket', { sender: '5550777' })
    expect(body.responses.map((r) => r.buttons)).toEqual([[]])
    expect(textsOf(body.responses)).toContain('kirim seperti ini: status tiket TIK-')
  })

  it('When statuses are asked, then each check is audited with the number and whether it was shown', async () => {
    const checks = (await h.deps.store.audit.list())
      .filter((e) => e.event === 'ticket_status_checked')
      .map((e) => e.detail)
    expect(checks).toContainEqual({ ticket: theirs, shown: false })
    expect(checks).toContainEqual({ ticket: mine, shown: true })
  })
})

describe('a ticket number sent where the NIP/NIK was asked', () => {
  let h: Harness
  beforeEach(async () => {
    h = await startHarness({ IDENTITY_MAX_ATTEMPTS: '3' })
  })
  afterEach(async () => {
    await h.close()
  })

  const answer = (text: string, slots: Record<string, unknown> = {}) =>
    h.post(
      turnCall('validate_cek_tte_form', {
        text,
        intent: 'inform',
        form: 'cek_tte_form',
        requested: 'identitas',
        slots,
        candidates: { identitas: text }
      })
    )

  it('When the answer is a ticket number, then it is not read as a NIP: no length error, no lookup, no attempt used', async () => {
    const { body } = await answer('TIK-20261129-0001', { percobaan_identitas: 2 })
    const text = textsOf(body.responses)
    expect(text).toContain('Itu nomor tiket, bukan NIP/NIK')
    expect(text).not.toMatch(/18 digit|12 digit/)
    expect(slotsOf(body.events)).toEqual({ identitas: null })
    expect((await h.deps.store.audit.list()).map((e) => e.event)).toEqual([])
  })

  it('When the answer is "status tiket tik 20261129 0001" in lower case, then the same', async () => {
    const { body } = await answer('status tiket tik 20261129 0001')
    expect(textsOf(body.responses)).toContain('Itu nomor tiket, bukan NIP/NIK')
    expect(slotsOf(body.events)).toEqual({ identitas: null })
  })

  it('When the answer holds a ticket number and the NIP, then the NIP is used', async () => {
    const { body } = await answer(`tiket TIK-20261129-0001, nip ${BUDI_NIP}`)
    expect(slotsOf(body.events)).toMatchObject({ identitas: BUDI_NIP, status_identitas: 'valid' })
  })
})

describe('ticket numbers as people type them (helpdesk/ticket-number.ts)', () => {
  it.each([
    ['status tiket TIK-20261129-0001', 'TIK-20261129-0001'],
    ['cek tik 20261129 0001 dong', 'TIK-20261129-0001'],
    ['tik20261129-00012', 'TIK-20261129-00012'],
    ['/cek_status_tiket{"nomor_tiket":"TIK-20261129-0003"}', 'TIK-20261129-0003'],
    ['status tiket 20261129-0001', 'TIK-20261129-0001']
  ])('When the user writes %p, then the number is %p', (text, number) => {
    expect(findTicketNumber(text, { prefixOptional: true })).toBe(number)
  })

  it.each([
    'status tiket 19850315 201001 1 001',
    'nip 198503152010011001',
    'statistik20261129 0001 tiket'
  ])('When the user writes %p, then no ticket number is read from it', (text) => {
    expect(findTicketNumber(text, { prefixOptional: true })).toBeUndefined()
  })
})

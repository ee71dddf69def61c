import { botTteStatus, callAction, startActionServer } from './support/action-server'
import { Client, seedTicket, startConsole, tteRequestId, type Harness } from './support/harness'

describe('the bot (real action server) and the console on one SQLite file', () => {
  let h: Harness
  let bot: Awaited<ReturnType<typeof startActionServer>>
  beforeAll(async () => {
    h = await startConsole()
    await h.addAccount('rina', 'petugas')
    bot = await startActionServer(h.db.name)
    seedTicket(h.db, { number: 'TIK-20260615-0001', category: 'tte', summary: 'Pendaftaran TTE' })
    seedTicket(h.db, { number: 'TIK-20260615-0002', category: 'tte', summary: 'Pendaftaran TTE' })
    const tte = h.db.prepare(
      "INSERT INTO tte_requests (ticket_number, sender_id, jenis_identitas, identitas, created_at) VALUES (?, 'tg-1', 'nip', ?, '2026-06-15T04:00:00.000Z')"
    )
    tte.run('TIK-20260615-0001', '198503152010011001')
    tte.run('TIK-20260615-0002', '198811112012052001')
  }, 120000)
  afterAll(async () => {
    await bot?.stop()
    await h?.close()
  })

  it('when staff approve, then the bot reports the approval instead of "being processed"', async () => {
    const before = await botTteStatus(bot.url, '198503152010011001')
    expect(before).toContain('permohonan tanggal 15 Juni 2026 (tiket TIK-20260615-0001)')
    expect(before).not.toContain('disetujui')
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tte')
    const id = tteRequestId(h.db, 'TIK-20260615-0001')
    expect((await c.post(`/tte/${id}/setujui`, {})).status).toBe(303)
    const after = await botTteStatus(bot.url, '198503152010011001')
    expect(after).toContain('(tiket TIK-20260615-0001) telah disetujui petugas')
  })

  it('when staff reject with a reason, then the bot gives the reason and invites a new registration', async () => {
    const c = new Client(h.url)
    await c.login('rina')
    await c.get('/tte')
    const id = tteRequestId(h.db, 'TIK-20260615-0002')
    expect((await c.post(`/tte/${id}/tolak`, { alasan: 'Foto KTP tidak terbaca' })).status).toBe(
      303
    )
    const text = await botTteStatus(bot.url, '198811112012052001')
    expect(text).toContain('ditolak petugas. Alasan: Foto KTP tidak terbaca.')
    expect(text).toContain('ajukan kembali melalui menu Daftar TTE')
  })

  it('when the bot opens a handoff ticket, then staff see it in the queue at once, resolve it, and the audit log has every step', async () => {
    const reply = await callAction(
      bot.url,
      'action_hubungi_petugas',
      {},
      'mau bicara dengan petugas',
      'minta_petugas',
      '777001'
    )
    const number = /TIK-\d{8}-\d{4}/.exec(reply)?.[0]
    expect(number).toBeDefined()
    const c = new Client(h.url)
    await c.login('rina')
    const queue = await c.get('/tiket')
    expect(queue.body).toContain(`href="/tiket/${number!}"`)
    expect(queue.body).toContain('Pengguna meminta bicara dengan petugas')
    await c.get(`/tiket/${number!}`)
    expect((await c.post(`/tiket/${number!}/ambil`, {})).status).toBe(303)
    expect(
      (
        await c.post(`/tiket/${number!}/status`, {
          status: 'selesai',
          catatan: 'Sudah dibantu lewat WhatsApp.'
        })
      ).status
    ).toBe(303)
    const page = await c.get(`/tiket/${number!}`)
    expect(page.body).toContain('status-selesai')
    const actions = (
      h.db
        .prepare('SELECT action FROM staff_audit_log WHERE target = ? ORDER BY id')
        .all(number) as Array<{ action: string }>
    ).map((r) => r.action)
    expect(actions).toEqual(['ticket_claimed', 'ticket_status'])
    // The bot's own audit trail has the opening of the same ticket.
    expect(
      h.db
        .prepare(
          "SELECT COUNT(*) AS n FROM audit_log WHERE event = 'ticket_opened' AND detail LIKE ?"
        )
        .get(`%${number!}%`)
    ).toEqual({ n: 1 })
  })
})

import { csvField } from '../src/routes/admin-routes'
import { Client, seedTicket, startConsole, tteRequestId, type Harness } from './support/harness'

describe('TTE decisions, WhatsApp outbox decisions, audit log and accounts', () => {
  let h: Harness
  let petugas: Client
  let admin: Client
  beforeAll(async () => {
    h = await startConsole()
    await h.addAccount('rina', 'petugas')
    await h.addAccount('kepala', 'admin')
    seedTicket(h.db, { number: 'TIK-20260615-0001', category: 'tte', summary: 'Pendaftaran TTE' })
    seedTicket(h.db, { number: 'TIK-20260615-0002', category: 'tte', summary: 'Pendaftaran TTE' })
    const tte = h.db.prepare(
      "INSERT INTO tte_requests (ticket_number, sender_id, jenis_identitas, identitas, created_at) VALUES (?, 'tg-1', 'nip', ?, '2026-06-15T04:00:00.000Z')"
    )
    tte.run('TIK-20260615-0001', '198503152010011001')
    tte.run('TIK-20260615-0002', '199005302014092001')
    const outbox = h.db
      .prepare(`INSERT INTO whatsapp_outbox (idempotency_key, recipient, payload, contains_secret, ticket_number, status, attempts, next_attempt_at, created_at, updated_at)
      VALUES (?, '6285600000001', '{}', ?, NULL, ?, 1, '2026-06-15T04:00:00.000Z', '2026-06-15T04:00:00.000Z', '2026-06-15T04:00:00.000Z')`)
    outbox.run('plain', 0, 'uncertain')
    outbox.run('secret', 1, 'uncertain')
    outbox.run('done', 0, 'sent')
    petugas = new Client(h.url)
    await petugas.login('rina')
    admin = new Client(h.url)
    await admin.login('kepala')
  })
  afterAll(async () => {
    await h.close()
  })

  it('lists TTE requests with masked identity numbers only', async () => {
    const page = await petugas.get('/tte')
    expect(page.body).toContain('NIP 1985***********001')
    expect(page.body).not.toContain('198503152010011001')
  })

  it('when a rejection has no reason, then a clear message; with one, the request and its ticket are closed with the reason', async () => {
    await petugas.get('/tte')
    const id = tteRequestId(h.db, 'TIK-20260615-0002')
    const empty = await petugas.post(`/tte/${id}/tolak`, { alasan: ' ' })
    expect(empty.status).toBe(422)
    expect(empty.body).toContain('Tulis alasan penolakan')
    const ok = await petugas.post(`/tte/${id}/tolak`, { alasan: 'Berkas <b>KTP</b> tidak terbaca' })
    expect(ok.status).toBe(303)
    const row = h.db
      .prepare('SELECT status, decided_by, decision_reason FROM tte_requests WHERE id = ?')
      .get(id)
    expect(row).toEqual({
      status: 'ditolak',
      decided_by: 'rina',
      decision_reason: 'Berkas <b>KTP</b> tidak terbaca'
    })
    expect(
      (
        h.db.prepare("SELECT status FROM tickets WHERE number = 'TIK-20260615-0002'").get() as {
          status: string
        }
      ).status
    ).toBe('selesai')
    const list = await petugas.get('/tte?status=ditolak')
    expect(list.body).toContain('Berkas &lt;b&gt;KTP&lt;/b&gt; tidak terbaca')
    expect(list.body).toContain('Permohonan TTE tiket TIK-20260615-0002 ditolak.')
    const again = await petugas.post(`/tte/${id}/setujui`, {})
    expect(again.status).toBe(303)
    expect((await petugas.get('/tte')).body).toContain(
      'Permohonan tiket TIK-20260615-0002 sudah diputuskan sebelumnya.'
    )
    expect(
      (h.db.prepare('SELECT status FROM tte_requests WHERE id = ?').get(id) as { status: string })
        .status
    ).toBe('ditolak')
    expect(
      h.db.prepare("SELECT action FROM staff_audit_log WHERE target = 'TIK-20260615-0002'").all()
    ).toEqual([{ action: 'tte_rejected' }])
    expect((await petugas.post('/tte/999999/setujui', {})).status).toBe(404)
  })

  it('when a request is approved, then staff are told so and the approval is audited', async () => {
    await petugas.get('/tte')
    const id = tteRequestId(h.db, 'TIK-20260615-0001')
    expect((await petugas.post(`/tte/${id}/setujui`, {})).status).toBe(303)
    expect((await petugas.get('/tte?status=disetujui')).body).toContain(
      'Permohonan TTE tiket TIK-20260615-0001 disetujui.'
    )
    expect(
      h.db
        .prepare("SELECT actor, action FROM staff_audit_log WHERE target = 'TIK-20260615-0001'")
        .all()
    ).toEqual([{ actor: 'rina', action: 'tte_approved' }])
  })

  it('when an uncertain message is re-sent after confirmation, then it is pending again; one that held a secret cannot be re-sent', async () => {
    await petugas.get('/whatsapp')
    const id = (key: string): number =>
      (
        h.db.prepare('SELECT id FROM whatsapp_outbox WHERE idempotency_key = ?').get(key) as {
          id: number
        }
      ).id
    const secret = await petugas.post(`/whatsapp/${id('secret')}/keputusan`, {
      keputusan: 'kirim-ulang',
      konfirmasi: 'ya'
    })
    expect(secret.status).toBe(422)
    expect(secret.body).toContain('tidak dapat dikirim ulang')
    const resend = await petugas.post(`/whatsapp/${id('plain')}/keputusan`, {
      keputusan: 'kirim-ulang',
      konfirmasi: 'ya'
    })
    expect(resend.status).toBe(303)
    expect(
      (
        h.db
          .prepare("SELECT status FROM whatsapp_outbox WHERE idempotency_key = 'plain'")
          .get() as { status: string }
      ).status
    ).toBe('pending')
    const notUncertain = await petugas.post(`/whatsapp/${id('done')}/keputusan`, {
      keputusan: 'terkirim',
      konfirmasi: 'ya'
    })
    expect(notUncertain.status).toBe(303)
    expect(
      (
        await petugas.post('/whatsapp/424242/keputusan', {
          keputusan: 'terkirim',
          konfirmasi: 'ya'
        })
      ).status
    ).toBe(404)
    const audited = h.db
      .prepare("SELECT actor, target FROM staff_audit_log WHERE action = 'outbox_resent'")
      .all()
    expect(audited).toEqual([{ actor: 'rina', target: `whatsapp#${id('plain')}` }])
  })

  it('filters the audit log and exports it as CSV, the export itself audited', async () => {
    const page = await admin.get('/audit?pelaku=rina&aksi=tte_rejected')
    expect(page.status).toBe(200)
    const rows = /<tbody>([\s\S]*)<\/tbody>/.exec(page.body)?.[1] ?? ''
    expect(rows).toContain('Menolak permohonan TTE')
    expect(rows).not.toContain('Mengirim ulang pesan WhatsApp')
    const bad = await admin.get('/audit?dari=kemarin')
    expect(bad.status).toBe(422)
    expect(bad.body).toContain('Tanggal berbentuk TTTT-BB-HH')
    expect(bad.body).toContain('value="kemarin"')
    const csv = await admin.get('/audit.csv?pelaku=rina')
    expect(csv.headers.get('content-type')).toContain('text/csv')
    expect(csv.headers.get('content-disposition')).toMatch(
      /attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"/
    )
    const lines = csv.body.trim().split('\r\n')
    expect(lines[0]).toBe('waktu,petugas,aksi,objek,rincian')
    expect(lines.some((l) => l.includes('"tte_rejected","TIK-20260615-0002"'))).toBe(true)
    expect(lines.slice(1).every((l) => l.split(',')[1] === '"rina"')).toBe(true)
    const exported = h.db
      .prepare(
        "SELECT COUNT(*) AS n FROM staff_audit_log WHERE action = 'audit_exported' AND actor = 'kepala'"
      )
      .get()
    expect(exported).toEqual({ n: 1 })
  })

  it('defuses spreadsheet formulas in CSV fields', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
    expect(csvField('rina')).toBe('"rina"')
  })

  it('creates an account from the admin page with server-side validation that keeps the typed values', async () => {
    await admin.get('/akun')
    const short = await admin.post('/akun', {
      username: 'petugas.baru',
      role: 'petugas',
      password: 'pendek'
    })
    expect(short.status).toBe(422)
    expect(short.body).toContain('Kata sandi minimal 12 karakter.')
    expect(short.body).toContain('value="petugas.baru"')
    const bad = await admin.post('/akun', {
      username: '<b>x</b>',
      role: 'petugas',
      password: 'sandi-yang-panjang-1'
    })
    expect(bad.status).toBe(422)
    expect(bad.body).toContain('value="&lt;b&gt;x&lt;/b&gt;"')
    expect(
      (
        await admin.post('/akun', {
          username: 'petugas.baru',
          role: 'petugas',
          password: 'sandi-yang-panjang-1'
        })
      ).status
    ).toBe(303)
    expect((await new Client(h.url).login('petugas.baru', 'sandi-yang-panjang-1')).status).toBe(303)
    expect(
      (
        await petugas.post('/akun', {
          username: 'x',
          role: 'admin',
          password: 'sandi-yang-panjang-1'
        })
      ).status
    ).toBe(403)
  })
})

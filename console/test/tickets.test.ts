import { Client, startConsole, seedTicket, type Harness } from './support/harness'

// Wednesday 17 June 2026, 10:00 WIB.
const NOW = new Date('2026-06-17T03:00:00.000Z')

describe('queue and ticket work', () => {
  let h: Harness
  let c: Client
  beforeAll(async () => {
    h = await startConsole({ now: NOW })
    await h.addAccount('rina', 'petugas')
    await h.addAccount('agus', 'petugas')
    seedTicket(h.db, {
      number: 'TIK-20260617-0001',
      category: 'reset_password',
      summary: 'Reset password E-mail dinas',
      data: { sistem: 'email_dinas', nip: '198503152010011001', rute: 'whatsapp' },
      createdAt: '2026-06-17T02:00:00.000Z'
    })
    seedTicket(h.db, {
      number: 'TIK-20260610-0001',
      category: 'handoff',
      summary: 'Pengguna minta bicara dengan petugas',
      createdAt: '2026-06-10T02:00:00.000Z'
    })
    seedTicket(h.db, {
      number: 'TIK-20260610-0002',
      category: 'tte',
      status: 'selesai',
      summary: 'Pendaftaran TTE',
      createdAt: '2026-06-10T03:00:00.000Z'
    })
    seedTicket(h.db, {
      number: 'TIK-20260617-0002',
      category: 'handoff',
      summary: '<img src=x onerror=alert(1)> minta petugas',
      data: { nip: '199005302014092001' },
      createdAt: '2026-06-17T02:30:00.000Z'
    })
    c = new Client(h.url)
    await c.login('rina')
  })
  afterAll(async () => {
    await h.close()
  })

  it('when the queue opens, then it lists open tickets newest first and marks the overdue one', async () => {
    const res = await c.get('/tiket')
    expect(res.status).toBe(200)
    const numbers = [...res.body.matchAll(/href="\/tiket\/(TIK-[\d-]+)"/g)].map((m) => m[1])
    expect(numbers).toEqual(['TIK-20260617-0002', 'TIK-20260617-0001', 'TIK-20260610-0001'])
    // The 10 June handoff (8 working hours) is long past its deadline; the e-mail reset (4 h) is not.
    expect(res.body).toMatch(/<tr class="overdue">\s*<td><a href="\/tiket\/TIK-20260610-0001"/)
    expect(res.body).not.toMatch(/<tr class="overdue">\s*<td><a href="\/tiket\/TIK-20260617-0001"/)
  })

  it('when filters are applied, then only matching tickets are listed', async () => {
    const overdue = await c.get('/tiket?terlambat=1')
    expect(overdue.body).toContain('TIK-20260610-0001')
    expect(overdue.body).not.toContain('TIK-20260617-0001')
    const byCategory = await c.get('/tiket?kategori=reset_password')
    expect(byCategory.body).toContain('TIK-20260617-0001')
    expect(byCategory.body).not.toContain('TIK-20260610-0001')
    const all = await c.get('/tiket?status=semua&urut=terlama')
    const numbers = [...all.body.matchAll(/href="\/tiket\/(TIK-[\d-]+)"/g)].map((m) => m[1])
    expect(numbers[0]).toBe('TIK-20260610-0001')
    expect(numbers).toContain('TIK-20260610-0002')
    const prefix = await c.get('/tiket?q=tik-20260610')
    expect(prefix.body).toContain('TIK-20260610-0001')
    expect(prefix.body).not.toContain('TIK-20260617-0001')
  })

  it('when the search box holds something that is not a ticket number, then a clear message keeps what was typed', async () => {
    const res = await c.get('/tiket?q=' + encodeURIComponent('Budi "<b>"'))
    expect(res.status).toBe(422)
    expect(res.body).toContain('Nomor tiket berbentuk TIK-YYYYMMDD-NNNN')
    expect(res.body).toContain('value="Budi &quot;&lt;b&gt;&quot;"')
  })

  it('when an exact ticket number is searched, then the ticket page opens', async () => {
    const res = await c.get('/tiket?q=TIK-20260617-0001')
    expect(res.location).toBe('/tiket/TIK-20260617-0001')
  })

  it('when unknown or malformed ticket numbers are opened, then 404', async () => {
    expect((await c.get('/tiket/TIK-20990101-0001')).status).toBe(404)
    expect((await c.get('/tiket/nope')).status).toBe(404)
    expect((await c.post('/tiket/TIK-20990101-0001/ambil', {})).status).toBe(404)
  })

  it('when a ticket is opened, then the requester profile is shown in full there, the view is audited, and no personal data is in the queue or title', async () => {
    const page = await c.get('/tiket/TIK-20260617-0001')
    expect(page.body).toContain('Budi Santoso')
    expect(page.body).toContain('198503152010011001')
    expect(page.body).toContain('Dinas Komunikasi dan Informatika')
    expect(page.body).toMatch(/<title>Tiket TIK-20260617-0001 · Konsol Helpdesk<\/title>/)
    const queue = await c.get('/tiket')
    expect(queue.body).not.toContain('Budi')
    expect(queue.body).not.toContain('198503152010011001')
    const row = h.db
      .prepare(
        "SELECT actor, target, detail FROM staff_audit_log WHERE action = 'profile_viewed' ORDER BY id DESC LIMIT 1"
      )
      .get() as { actor: string; target: string; detail: string }
    expect(row.actor).toBe('rina')
    expect(row.target).toBe('TIK-20260617-0001')
    expect(row.detail).not.toContain('198503152010011001')
  })

  it('when names and notes hold script and HTML, then they are shown as text, never as markup', async () => {
    const page = await c.get('/tiket/TIK-20260617-0002')
    expect(page.body).toContain(
      '&lt;script&gt;alert(&quot;nama&quot;)&lt;/script&gt;&lt;b&gt;Dewi&lt;/b&gt;'
    )
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt; minta petugas')
    expect(page.body).not.toMatch(/<script>alert/)
    await c.post('/tiket/TIK-20260617-0002/catatan', {
      isi: '<script>alert("catatan")</script><iframe src="//x">',
      untuk: 'internal'
    })
    const after = await c.get('/tiket/TIK-20260617-0002')
    expect(after.body).toContain(
      '&lt;script&gt;alert(&quot;catatan&quot;)&lt;/script&gt;&lt;iframe src=&quot;//x&quot;&gt;'
    )
    expect(after.body).not.toContain('<iframe')
  })

  it('when a petugas claims and resolves a ticket, then status, assignee and timeline follow, and the audit log has it', async () => {
    const claim = await c.post('/tiket/TIK-20260610-0001/ambil', {})
    expect(claim.status).toBe(303)
    let page = await c.get('/tiket/TIK-20260610-0001')
    expect(page.body).toContain('Tiket TIK-20260610-0001 sekarang Anda tangani.')
    expect(page.body).toMatch(/<dt>Petugas<\/dt><dd>rina<\/dd>/)
    expect(page.body).toContain('status-ditangani')

    const noNote = await c.post('/tiket/TIK-20260610-0001/status', {
      status: 'selesai',
      catatan: ''
    })
    expect(noNote.status).toBe(422)
    expect(noNote.body).toContain('Tulis catatan penyelesaian')
    expect(noNote.body).toMatch(/<option value="selesai" selected>/)

    const done = await c.post('/tiket/TIK-20260610-0001/status', {
      status: 'selesai',
      catatan: 'Password sudah direset lewat telepon.'
    })
    expect(done.status).toBe(303)
    page = await c.get('/tiket/TIK-20260610-0001')
    expect(page.body).toContain('status-selesai')
    expect(page.body).toContain('mengambil tiket')
    expect(page.body).toContain('Password sudah direset lewat telepon.')
    const actions = (
      h.db
        .prepare(
          "SELECT action FROM staff_audit_log WHERE target = 'TIK-20260610-0001' ORDER BY id"
        )
        .all() as Array<{ action: string }>
    ).map((r) => r.action)
    expect(actions).toEqual(expect.arrayContaining(['ticket_claimed', 'ticket_status']))
  })

  it('when a ticket is assigned to a colleague, then the queue filter "mine" follows', async () => {
    await c.get('/tiket/TIK-20260617-0001')
    const bad = await c.post('/tiket/TIK-20260617-0001/tugaskan', { petugas: 'tidak-ada' })
    expect(bad.status).toBe(422)
    expect(bad.body).toContain('Pilih petugas yang aktif')
    expect((await c.post('/tiket/TIK-20260617-0001/tugaskan', { petugas: 'agus' })).status).toBe(
      303
    )
    const agus = new Client(h.url)
    await agus.login('agus')
    const mine = await agus.get('/tiket?milik=saya')
    expect(mine.body).toContain('TIK-20260617-0001')
    expect(mine.body).not.toContain('TIK-20260617-0002')
    const unassigned = await agus.get('/tiket?milik=kosong')
    expect(unassigned.body).toContain('TIK-20260617-0002')
    expect(unassigned.body).not.toContain('TIK-20260617-0001')
  })

  it('when a note for the user is added, then the timeline marks it as for the user', async () => {
    const empty = await c.post('/tiket/TIK-20260617-0002/catatan', { isi: '', untuk: 'pengguna' })
    expect(empty.status).toBe(422)
    expect(empty.body).toContain('Catatan tidak boleh kosong')
    await c.post('/tiket/TIK-20260617-0002/catatan', {
      isi: 'Silakan cek WhatsApp Anda.',
      untuk: 'pengguna'
    })
    const page = await c.get('/tiket/TIK-20260617-0002')
    expect(page.body).toMatch(
      /class="event event-note for-user"[\s\S]*menulis catatan untuk pengguna[\s\S]*Silakan cek WhatsApp Anda\./
    )
  })

  it('filters by age and pages through many tickets, 25 per page, keeping the filters in the page links', async () => {
    for (let i = 1; i <= 30; i++)
      seedTicket(h.db, {
        number: `TIK-20260501-${String(i).padStart(4, '0')}`,
        category: 'tte',
        summary: 'Pendaftaran TTE',
        createdAt: `2026-05-01T0${i % 10}:00:00.000Z`
      })
    const young = await c.get('/tiket?umur=24j')
    expect(young.body).toContain('TIK-20260617-0001')
    expect(young.body).not.toContain('TIK-20260610-0001')
    const old = await c.get('/tiket?umur=lebih-7h&kategori=tte')
    expect(old.body).toContain('Halaman 1 dari 2 · 30 tiket')
    expect(old.body).toContain('href="/tiket?kategori=tte&amp;umur=lebih-7h&amp;halaman=2"')
    const second = await c.get('/tiket?umur=lebih-7h&kategori=tte&halaman=2')
    expect([
      ...second.body.matchAll(/<tr( class="overdue")?>\s*<td><a href="\/tiket\//g)
    ]).toHaveLength(5)
    expect(second.body).toContain('Halaman 2 dari 2')
  })
})

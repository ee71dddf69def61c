import type { Page } from 'playwright-core'
import { botTteStatus, startActionServer } from '../test/support/action-server'
import { PASSWORD, seedTicket, startConsole, type Harness } from '../test/support/harness'
import { launchBrowser, screenshot, tabTo } from './browser'

// Wednesday 17 June 2026, 10:00 WIB.
const NOW = new Date('2026-06-17T03:00:00.000Z')

describe('staff console in a real browser (Chromium)', () => {
  let h: Harness
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  let bot: Awaited<ReturnType<typeof startActionServer>>

  beforeAll(async () => {
    h = await startConsole({ now: NOW })
    await h.addAccount('rina', 'petugas')
    await h.addAccount('kepala', 'admin')
    await h.addAccount('budi', 'petugas')
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
      number: 'TIK-20260615-0003',
      category: 'tte',
      summary: 'Pendaftaran TTE (NIP)',
      createdAt: '2026-06-15T04:00:00.000Z'
    })
    seedTicket(h.db, {
      number: 'TIK-20260616-0001',
      category: 'identitas_gagal',
      summary: 'NIP tidak valid 3 kali: <b>tebal</b>',
      data: { nip: '199005302014092001' },
      createdAt: '2026-06-16T01:00:00.000Z'
    })
    h.db
      .prepare(
        "INSERT INTO tte_requests (ticket_number, sender_id, jenis_identitas, identitas, created_at) VALUES ('TIK-20260615-0003', 'tg-9', 'nip', '198503152010011001', '2026-06-15T04:00:00.000Z')"
      )
      .run()
    h.db
      .prepare(
        `INSERT INTO whatsapp_outbox (idempotency_key, recipient, payload, contains_secret, ticket_number, status, attempts, last_error, next_attempt_at, created_at, updated_at)
      VALUES ('k1', '6285600000001', '{}', 0, 'TIK-20260617-0001', 'uncertain', 1, 'timeout after sending', '2026-06-17T02:05:00.000Z', '2026-06-17T02:05:00.000Z', '2026-06-17T02:05:00.000Z')`
      )
      .run()
    browser = await launchBrowser()
    // The real action server on the same SQLite file: what the bot says about TTE status.
    bot = await startActionServer(h.db.name)
  })
  afterAll(async () => {
    await bot?.stop()
    await browser?.close()
    await h?.close()
  })

  async function signIn(page: Page, username: string, password = PASSWORD): Promise<void> {
    await page.goto(`${h.url}/login`)
    await page.fill('#username', username)
    await page.fill('#password', password)
    await page.click('button[type=submit]')
  }

  it('signs in, and locks the account after five wrong passwords', async () => {
    const page = await browser.newPage()
    await page.goto(`${h.url}/tiket`)
    expect(new URL(page.url()).pathname).toBe('/login')
    await screenshot(page, 'login')
    for (let i = 0; i < 5; i++) await signIn(page, 'budi', `salah-${i}-sandi-xx`)
    expect(await page.textContent('.error')).toContain('Nama pengguna atau kata sandi salah')
    await signIn(page, 'budi')
    expect(await page.textContent('.error')).toContain('Terlalu banyak percobaan masuk')
    expect(await page.inputValue('#username')).toBe('budi')
    await signIn(page, 'rina')
    expect(new URL(page.url()).pathname).toBe('/tiket')
    await page.close()
  })

  it('refuses a form whose CSRF token was tampered with', async () => {
    const page = await browser.newPage()
    await page.goto(`${h.url}/tiket/TIK-20260616-0001`)
    await page.$eval('form[action$="/ambil"] input[name=_csrf]', (el) => {
      ;(el as HTMLInputElement).value = 'palsu'
    })
    await page.click('form[action$="/ambil"] button')
    expect(await page.textContent('h1')).toContain('Formulir tidak sah')
    const row = h.db
      .prepare("SELECT assignee_id FROM tickets WHERE number = 'TIK-20260616-0001'")
      .get() as { assignee_id: number | null }
    expect(row.assignee_id).toBeNull()
    await page.close()
  })

  it('filters the queue by category and overdue, and marks overdue tickets', async () => {
    const page = await browser.newPage()
    await page.goto(`${h.url}/tiket`)
    await screenshot(page, 'queue')
    expect(await page.locator('tr.overdue').count()).toBeGreaterThan(0)
    await page.selectOption('#kategori', 'reset_password')
    await page.click('form.filters button[type=submit]')
    const numbers = await page.locator('table.queue tbody td:first-child a').allTextContents()
    expect(numbers).toEqual(['TIK-20260617-0001'])
    await page.goto(`${h.url}/tiket`)
    await page.check('#terlambat')
    await page.click('form.filters button[type=submit]')
    const overdue = await page.locator('table.queue tbody td:first-child a').allTextContents()
    expect(overdue).toContain('TIK-20260610-0001')
    expect(overdue).not.toContain('TIK-20260617-0001')
    // A phone-sized screen: the same page, readable without horizontal scrolling of the page itself.
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`${h.url}/tiket`)
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)
    ).toBe(true)
    await screenshot(page, 'queue-phone')
    await page.close()
  })

  it('claims and resolves a ticket; the profile view and the changes land in the audit log', async () => {
    const page = await browser.newPage()
    await page.goto(`${h.url}/tiket`)
    await page.click('text=TIK-20260617-0001')
    expect(await page.textContent('.profile')).toContain('Budi Santoso')
    expect(await page.title()).toBe('Tiket TIK-20260617-0001 · Konsol Helpdesk')
    await page.click('text=Ambil tiket ini')
    expect(await page.textContent('.flash')).toContain('sekarang Anda tangani')
    await page.selectOption('#status-baru', 'selesai')
    await page.click('form[action$="/status"] button')
    expect(await page.textContent('form[action$="/status"] .error')).toContain(
      'Tulis catatan penyelesaian'
    )
    await page.fill('#status-catatan', 'Password sementara sudah diterima pengguna.')
    await page.click('form[action$="/status"] button')
    expect(await page.textContent('.flash')).toContain('Selesai')
    expect(await page.textContent('.timeline')).toContain(
      'Password sementara sudah diterima pengguna.'
    )
    await screenshot(page, 'ticket')
    // Role limits: a petugas cannot open admin pages.
    await page.goto(`${h.url}/audit`)
    expect(await page.textContent('h1')).toBe('Khusus admin')
    await page.goto(`${h.url}/akun`)
    expect(await page.textContent('h1')).toBe('Khusus admin')
    await page.close()

    const admin = await newIsolatedPage()
    await signIn(admin, 'kepala')
    await admin.goto(`${h.url}/audit?pelaku=rina`)
    const rows = await admin.locator('table.audit tbody tr').allTextContents()
    expect(
      rows.some((r) => r.includes('Melihat profil pemohon') && r.includes('TIK-20260617-0001'))
    ).toBe(true)
    expect(
      rows.some((r) => r.includes('Mengubah status tiket') && r.includes('TIK-20260617-0001'))
    ).toBe(true)
    expect(rows.join(' ')).not.toContain('198503152010011001')
    await screenshot(admin, 'audit')
    await admin.goto(`${h.url}/akun`)
    await screenshot(admin, 'accounts')
    await admin.context().close()
  })

  it('approves a TTE request (the bot then reports it) and decides an uncertain WhatsApp message', async () => {
    expect(await botTteStatus(bot.url, '198503152010011001')).not.toContain('disetujui')
    const page = await browser.newPage()
    await page.goto(`${h.url}/tte`)
    await screenshot(page, 'tte')
    await page.click('form[action$="/tolak"] button')
    expect(await page.textContent('form[action$="/tolak"] .error')).toContain(
      'Tulis alasan penolakan'
    )
    await page.click('form[action$="/setujui"] button')
    expect(await page.textContent('.flash')).toContain('disetujui')
    const tte = h.db
      .prepare(
        "SELECT status, decided_by FROM tte_requests WHERE ticket_number = 'TIK-20260615-0003'"
      )
      .get() as { status: string; decided_by: string }
    expect(tte).toEqual({ status: 'disetujui', decided_by: 'rina' })
    expect(await botTteStatus(bot.url, '198503152010011001')).toContain(
      '(tiket TIK-20260615-0003) telah disetujui petugas'
    )

    await page.goto(`${h.url}/whatsapp`)
    expect(await page.textContent('table')).toContain('0856****0001')
    expect(await page.textContent('table')).not.toContain('6285600000001')
    await screenshot(page, 'whatsapp')
    await page.check('input[value=terkirim]')
    await page.click('form.decision button')
    expect(await page.textContent('form.decision .error')).toContain('Centang konfirmasi')
    expect(await page.isChecked('input[value=terkirim]')).toBe(true)
    await page.check('input[name=konfirmasi]')
    await page.click('form.decision button')
    expect(await page.textContent('.flash')).toContain('ditandai terkirim')
    const message = h.db
      .prepare("SELECT status FROM whatsapp_outbox WHERE idempotency_key = 'k1'")
      .get() as { status: string }
    expect(message.status).toBe('sent')
    expect(
      h.db
        .prepare(
          "SELECT COUNT(*) AS n FROM staff_audit_log WHERE action = 'outbox_marked_sent' AND actor = 'rina'"
        )
        .get()
    ).toEqual({ n: 1 })
    await page.close()
  })

  it('works with the keyboard alone: sign in, open a ticket, claim it, resolve it', async () => {
    const page = await newIsolatedPage()
    await page.goto(`${h.url}/login`)
    // the username field has autofocus; under load Chromium may apply it just after 'load'
    await page.waitForFunction(() => document.activeElement?.id === 'username')
    await page.keyboard.type('kepala')
    await page.keyboard.press('Tab')
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/tiket$/)
    await tabTo(page, 'a[href="/tiket/TIK-20260616-0001"]')
    await page.keyboard.press('Enter')
    await page.waitForURL(/TIK-20260616-0001$/)
    await tabTo(page, 'form[action$="/ambil"] button')
    await page.keyboard.press('Enter')
    await page.waitForSelector('.flash')
    await tabTo(page, '#status-baru')
    await page.keyboard.press('End') // last option: Ditutup
    await page.keyboard.press('Tab')
    await page.keyboard.type('Duplikat dari tiket lain.')
    await tabTo(page, 'form[action$="/status"] button')
    await page.keyboard.press('Enter')
    await page.waitForSelector('.flash')
    expect(await page.textContent('.facts')).toContain('Ditutup')
    await page.context().close()
  })

  /** A page in its own browser context (its own cookies), for a second staff member. */
  async function newIsolatedPage(): Promise<Page> {
    const b = browser.context.browser()
    if (b !== null) return await (await b.newContext()).newPage()
    const other = await launchBrowser()
    const page = await other.newPage()
    page.context().on('close', () => {
      void other.close()
    })
    return page
  }
})

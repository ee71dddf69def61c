import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { PASSWORD, seedTicket, startConsole, type Harness } from '../test/support/harness'
import { ROOT } from '../test/support/rasa-venv'
import { reviewWeek } from '../test/support/review-seed'
import { writeTrackerStoreLikeRasa } from '../test/support/tracker-store-writer'
import { launchBrowser, screenshot } from './browser'

// Wednesday 17 June 2026, 10:00 WIB.
const NOW = new Date('2026-06-17T03:00:00.000Z')

describe('conversation review in a real browser (Chromium)', () => {
  let h: Harness
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  let dir: string
  let reviewFile: string

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-review-browser-'))
    const trackerFile = join(dir, 'rasa-tracker.sqlite')
    reviewFile = join(dir, 'nlu-review.yml')
    writeTrackerStoreLikeRasa(trackerFile, reviewWeek())
    h = await startConsole({
      now: NOW,
      env: {
        RASA_TRACKER_DB: trackerFile,
        CONSOLE_RASA_DOMAIN_FILE: join(ROOT, 'rasa-project', 'domain.yml'),
        CONSOLE_NLU_REVIEW_FILE: reviewFile
      }
    })
    await h.addAccount('rina', 'petugas')
    seedTicket(h.db, {
      number: 'TIK-20260616-0001',
      senderId: 'tg-b',
      createdAt: '2026-06-16T03:00:21.000Z'
    })
    h.db
      .prepare(
        "INSERT INTO csat_surveys (conversation_key, sender_id, source, asked_at, rating, rated_at) VALUES ('sesi:tg-c:1', 'tg-c', 'layanan_mandiri', '2026-06-15T03:01:00.000Z', 2, '2026-06-15T03:02:00.000Z')"
      )
      .run()
    browser = await launchBrowser()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await h?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${h.url}/login`)
    await page.fill('#username', 'rina')
    await page.fill('#password', PASSWORD)
    await page.click('button[type=submit]')
  }

  it('filters the list, reads a transcript, adds a message to the NLU review file, tags and marks it reviewed, exports a story', async () => {
    const page = await browser.newPage()
    await signIn(page)
    await page.click('nav >> text=Tinjauan')
    expect(new URL(page.url()).pathname).toBe('/tinjauan')
    expect(await page.locator('tbody tr').count()).toBe(5)
    await screenshot(page, 'review-list')

    await page.check('#f-tidak_dipahami')
    await page.click('form.filters button[type=submit]')
    expect(await page.locator('tbody tr').count()).toBe(1)
    expect(await page.textContent('tbody tr')).toContain('Tidak dipahami')
    await page.click('tbody tr a[href^="/tinjauan/"]')

    // The transcript: speakers in words, WIB times, intent and confidence, the fallback marked.
    const transcript = page.getByRole('list', { name: 'Transkrip percakapan' })
    await expect(transcript.locator('.speaker').allTextContents()).resolves.toEqual([
      'Pengguna',
      'Bot',
      'Pengguna',
      'Bot'
    ])
    expect(await transcript.textContent()).toContain('08.01 WIB')
    expect(await transcript.textContent()).toContain('(keyakinan 0,31)')
    expect(await transcript.textContent()).toContain('hp saya **** **** 7890')
    expect(await transcript.textContent()).not.toContain('0812 3456 7890')

    // The misunderstood message into the NLU review file with the right intent.
    const misunderstood = transcript.locator('li.turn-user').nth(1)
    await misunderstood.locator('summary').click()
    await misunderstood.getByLabel('Intent yang benar').selectOption('lupa_password')
    await misunderstood.getByRole('button', { name: 'Tambahkan' }).click()
    expect(await page.textContent('.flash')).toContain('sebagai lupa_password')
    expect(readFileSync(reviewFile, 'utf8')).toContain('added_by: rina')

    // Tag and mark reviewed.
    await page.getByLabel('Intent salah').check()
    await page.fill('#label-lain', 'jam_kerja')
    await page.getByLabel('Sudah ditinjau').check()
    await page.getByRole('button', { name: 'Simpan tinjauan' }).click()
    expect(await page.textContent('.flash')).toContain('Tinjauan disimpan')
    expect(await page.textContent('main')).toContain('Ditinjau oleh rina')
    await screenshot(page, 'review-conversation')

    // The test story downloads as YAML.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('text=Ekspor sebagai test story (YAML)')
    ])
    expect(download.suggestedFilename()).toMatch(/^tinjauan-\d+\.yml$/)
    const story = readFileSync((await download.path())!, 'utf8')
    expect(story).toContain('intent: lupa_password')

    // Back on the list, "not yet reviewed" leaves it out.
    await page.goto(`${h.url}/tinjauan?belum_ditinjau=1`)
    expect(await page.locator('tbody tr').count()).toBe(4)
    await page.close()
  })
})

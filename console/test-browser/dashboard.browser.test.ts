import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTurnTimingLog } from '@helpdesk/core'
import { PASSWORD, seedTicket, startConsole, type Harness } from '../test/support/harness'
import {
  rasaEvent as ev,
  writeRasaTrackerStore,
  type RasaEvent
} from '../test/support/rasa-tracker-store'
import { launchBrowser, screenshot } from './browser'

// Wednesday 17 June 2026, 10:00 WIB.
const NOW = new Date('2026-06-17T03:00:00.000Z')

/** A deterministic month of conversations (same pictures on every run). */
function month(): Array<{ sender: string; events: RasaEvent[] }> {
  let seed = 7
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return Math.floor(seed / 65536) % n
  }
  const flows: Array<Array<[string, string]>> = [
    [
      ['halo', 'greet'],
      ['lupa password', 'lupa_password'],
      ['simpeg', 'inform']
    ],
    [
      ['daftar tte', 'daftar_tte'],
      ['nip saya', 'inform']
    ],
    [['cek status tte', 'cek_status_tte']],
    [
      ['lupa email', 'lupa_email'],
      ['terima kasih', 'thanks']
    ],
    [
      ['zzz qwerty', 'nlu_fallback'],
      ['minta petugas', 'minta_petugas']
    ]
  ]
  const out: Array<{ sender: string; events: RasaEvent[] }> = []
  for (let day = 1; day <= 17; day++) {
    const conversations = 6 + next(10)
    for (let i = 0; i < conversations; i++) {
      const hour = 7 + next(10)
      const t = ev.at(
        `2026-06-${String(day).padStart(2, '0')} ${String(hour).padStart(2, '0')}:${String(next(60)).padStart(2, '0')}:00`
      )
      const flow = flows[next(flows.length)]!
      const events: RasaEvent[] = [...ev.sessionStart(t)]
      flow.forEach(([text, intent], k) => events.push(ev.user(t + 10 * k + 1, text, intent)))
      if (flow.some(([, intent]) => intent === 'minta_petugas'))
        events.push(ev.action(t + 30, 'action_hubungi_petugas'))
      if (flow.some(([, intent]) => intent === 'lupa_password'))
        events.push(ev.slot(t + 15, 'sistem', ['simpeg', 'email_dinas', 'srikandi'][next(3)]))
      out.push({ sender: `55${day}${i}`, events })
    }
  }
  return out
}

describe('dashboard in a real browser (Chromium)', () => {
  let h: Harness
  let dir: string
  let browser: Awaited<ReturnType<typeof launchBrowser>>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rasa-tracker-'))
    const tracker = join(dir, 'rasa-tracker.sqlite')
    writeRasaTrackerStore(tracker, month())
    h = await startConsole({ now: NOW, env: { RASA_TRACKER_DB: tracker } })
    await h.addAccount('rina', 'petugas')
    const timings = createTurnTimingLog(h.sql)
    for (let i = 0; i < 200; i++) {
      const at = new Date(Date.parse('2026-06-01T02:00:00Z') + i * 7_000_000)
      await timings.record({
        channel: 'telegram',
        receivedAt: at,
        repliedAt: new Date(at.getTime() + 600 + ((i * 37) % 2500)),
        outcome: 'ok'
      })
    }
    for (let d = 1; d <= 9; d++) {
      const number = `TIK-202606${String(d).padStart(2, '0')}-0001`
      seedTicket(h.db, {
        number,
        createdAt: `2026-06-${String(d).padStart(2, '0')}T02:00:00.000Z`,
        status: d % 3 === 0 ? 'ditangani' : 'selesai'
      })
      if (d % 3 !== 0)
        h.db
          .prepare(
            `INSERT INTO ticket_events (ticket_id, at, actor, kind, detail) SELECT id, ?, 'rina', 'status', '{"from":"ditangani","to":"selesai"}' FROM tickets WHERE number = ?`
          )
          .run(`2026-06-${String(d).padStart(2, '0')}T0${3 + (d % 5)}:00:00.000Z`, number)
    }
    ;[5, 4, 5, 3, 4, 5, 2, 5].forEach((rating, i) =>
      h.db
        .prepare(
          `INSERT INTO csat_surveys (conversation_key, sender_id, source, asked_at, rating, rated_at) VALUES (?, 'x', 'layanan_mandiri', ?, ?, ?)`
        )
        .run(
          `sesi:x:${i}`,
          '2026-06-05T02:00:00.000Z',
          rating,
          `2026-06-${String(5 + i).padStart(2, '0')}T02:00:00.000Z`
        )
    )
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await h?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('shows the dashboard from the nav link with four charts beside their tables, under the CSP', async () => {
    const page = await browser.newPage()
    const violations: string[] = []
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) violations.push(m.text())
    })
    await page.goto(`${h.url}/login`)
    await page.fill('#username', 'rina')
    await page.fill('#password', PASSWORD)
    await page.click('button[type=submit]')
    await page.click('nav >> text=Dasbor')
    expect(new URL(page.url()).pathname).toBe('/dasbor')
    expect(await page.textContent('h1')).toBe('Dasbor')
    for (const id of ['grafik-per-hari', 'grafik-per-jam', 'grafik-intent', 'grafik-layanan']) {
      const box = await page.locator(`#${id}`).boundingBox()
      expect(box?.width ?? 0).toBeGreaterThan(200)
      expect(box?.height ?? 0).toBeGreaterThan(50)
      // Bars are drawn: at least one has a visible height or width.
      const sizes = await page
        .locator(`#${id} rect.bar`)
        .evaluateAll((rects) =>
          rects.map((r) => (r as SVGGraphicsElement).getBBox()).map((b) => b.width * b.height)
        )
      expect(sizes.some((s) => s > 0)).toBe(true)
    }
    // The same number in the chart's tooltip and in its table: the first day.
    const firstDay = await page.locator('#grafik-per-hari rect.bar >> nth=0').textContent()
    const tableFirst = await page
      .locator('caption:text("Pertanyaan per hari") + thead + tbody tr >> nth=0')
      .textContent()
    expect(firstDay?.replace(/^06-01: /, '')).toBe(tableFirst?.replace(/^2026-06-01/, '').trim())
    expect(await page.locator('#ringkasan tr[data-key="pertanyaan"] td').textContent()).toMatch(
      /^\d{1,3}(\.\d{3})*$/
    )
    await screenshot(page, 'dashboard')
    expect(violations).toEqual([])
    await page.close()
  })
})

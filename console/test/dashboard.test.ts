/**
 * The dashboard (/dasbor) and its monthly CSV over known inputs: a Rasa tracker store written as
 * Rasa 3.6's SQLTrackerStore writes it, the gateway's turn timings, tickets with their timeline and
 * satisfaction surveys. Every expected figure below is worked out by hand from those inputs.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTurnTimingLog, erasePersonalData, sqliteSqlDb } from '@helpdesk/core'
import { Client, seedTicket, startConsole, type Harness } from './support/harness'
import {
  rasaEvent as ev,
  writeRasaTrackerStore,
  type RasaEvent
} from './support/rasa-tracker-store'

// Wednesday 17 June 2026, 10:00 WIB.
const NOW = new Date('2026-06-17T03:00:00.000Z')
const NIP = '198503152010011001'

/** A: two sessions (one contained, one handed over); B: taken over; C: one session on each side of midnight WIB 1 June. */
function conversations(): Array<{ sender: string; events: RasaEvent[] }> {
  const a1 = ev.at('2026-06-15 09:00:00')
  const a2 = ev.at('2026-06-16 10:00:00')
  const b = ev.at('2026-06-16 14:00:00')
  const cMay = ev.at('2026-05-31 23:30:00')
  const cJune = ev.at('2026-06-01 00:10:00')
  return [
    {
      sender: '5550101',
      events: [
        ...ev.sessionStart(a1),
        ev.user(a1 + 1, 'halo', 'greet'),
        ev.action(a1 + 1.2, 'action_sapa'),
        ev.bot(a1 + 1.3, 'Halo!'),
        ev.user(a1 + 10, 'lupa password email', 'lupa_password'),
        ev.slot(a1 + 10.1, 'sistem', 'email_dinas'),
        ev.user(a1 + 20, NIP, 'inform'),
        ...ev.sessionStart(a2),
        ev.user(
          a2 + 1,
          `nip saya ${NIP} tidak bisa login, budi.santoso@example.go.id`,
          'nlu_fallback',
          0.2
        ),
        ev.action(a2 + 1.5, 'action_fallback'),
        ev.user(a2 + 30, 'minta petugas', 'minta_petugas'),
        ev.action(a2 + 30.5, 'action_hubungi_petugas')
      ]
    },
    {
      sender: '5550202',
      events: [
        ...ev.sessionStart(b),
        ev.user(b + 1, 'daftar tte', 'daftar_tte'),
        ev.user(b + 40, NIP, 'inform'),
        ev.pause(b + 100),
        ev.user(b + 200, '/restart', 'restart')
      ]
    },
    {
      sender: '5550303',
      events: [
        ...ev.sessionStart(cMay),
        ev.user(cMay + 1, 'halo', 'greet'),
        ...ev.sessionStart(cJune),
        ev.user(cJune + 1, 'selamat pagi', 'greet'),
        ev.user(cJune + 60, 'asdfgh qwerty', 'nlu_fallback', 0.1)
      ]
    }
  ]
}

async function seedStore(h: Harness): Promise<void> {
  const timings = createTurnTimingLog(sqliteSqlDb(h.db))
  const turn = (iso: string, ms: number, outcome: 'ok' | 'failed' = 'ok') =>
    timings.record({
      channel: 'telegram',
      receivedAt: new Date(iso),
      repliedAt: new Date(Date.parse(iso) + ms),
      outcome
    })
  await turn('2026-06-15T02:00:01Z', 800)
  await turn('2026-06-15T02:00:10Z', 1200)
  await turn('2026-06-15T02:00:20Z', 1500)
  await turn('2026-06-16T03:00:01Z', 2000)
  await turn('2026-06-16T03:00:30Z', 3000)
  await turn('2026-06-16T07:00:01Z', 90_000, 'failed')
  await turn('2026-05-31T16:30:01Z', 50) // 31 May 23:30 WIB: outside June

  const ticket = (
    number: string,
    createdAt: string,
    dueAt: string,
    status: string,
    resolvedAt?: string
  ): void => {
    seedTicket(h.db, { number, createdAt, status })
    h.db.prepare('UPDATE tickets SET due_at = ? WHERE number = ?').run(dueAt, number)
    if (resolvedAt !== undefined)
      h.db
        .prepare(
          `INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
           SELECT id, ?, 'rina', 'status', '{"from":"ditangani","to":"selesai"}' FROM tickets WHERE number = ?`
        )
        .run(resolvedAt, number)
  }
  ticket(
    'TIK-20260602-0001',
    '2026-06-02T02:00:00.000Z',
    '2026-06-02T06:00:00.000Z',
    'selesai',
    '2026-06-02T04:00:00.000Z'
  )
  ticket(
    'TIK-20260603-0001',
    '2026-06-03T02:00:00.000Z',
    '2026-06-03T06:00:00.000Z',
    'selesai',
    '2026-06-04T02:00:00.000Z'
  )
  ticket('TIK-20260610-0001', '2026-06-10T02:00:00.000Z', '2026-06-11T02:00:00.000Z', 'ditangani')
  ticket('TIK-20260616-0001', '2026-06-16T02:00:00.000Z', '2026-06-18T02:00:00.000Z', 'baru')
  ticket(
    'TIK-20260520-0001',
    '2026-05-20T02:00:00.000Z',
    '2026-05-20T06:00:00.000Z',
    'selesai',
    '2026-06-05T02:00:00.000Z'
  )

  const survey = (key: string, rating: number | null, ratedAt: string | null): void => {
    h.db
      .prepare(
        `INSERT INTO csat_surveys (conversation_key, sender_id, source, asked_at, rating, rated_at)
         VALUES (?, '5550101', 'layanan_mandiri', '2026-05-01T00:00:00.000Z', ?, ?)`
      )
      .run(key, rating, ratedAt)
  }
  survey('sesi:a:1', 5, '2026-06-02T02:00:00.000Z')
  survey('sesi:a:2', 4, '2026-06-03T02:00:00.000Z')
  survey('sesi:a:3', 3, '2026-06-10T02:00:00.000Z')
  survey('sesi:a:4', 5, '2026-06-16T02:00:00.000Z')
  survey('sesi:a:5', 1, '2026-05-31T02:00:00.000Z')
  survey('sesi:a:6', null, null)
}

/** The summary table of the page: data-key → number ("85,0%" → 85, "1,50 detik" → 1.5, "–" → undefined). */
function summaryOf(page: string): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {}
  for (const m of page.matchAll(
    /<tr data-key="([a-z0-9_]+)"><th scope="row">[^<]*<\/th><td class="num">([^<]*)<\/td><\/tr>/g
  )) {
    const shown = m[2]!
      .replace(/%| detik| jam/g, '')
      .replace(/\./g, '')
      .replace(',', '.')
    out[m[1]!] = shown === '–' ? undefined : Number(shown)
  }
  return out
}

/** The CSV's rows (RFC 4180 as we write it: every field quoted, no quotes inside our values). */
function csvOf(body: string): string[][] {
  return body
    .trim()
    .split('\r\n')
    .map((line) => line.slice(1, -1).split('","'))
}

describe('dashboard (/dasbor) over a seeded store and a Rasa tracker store', () => {
  let h: Harness
  let c: Client
  let trackerDir: string
  let trackerFile: string
  beforeAll(async () => {
    trackerDir = mkdtempSync(join(tmpdir(), 'rasa-tracker-'))
    trackerFile = join(trackerDir, 'rasa-tracker.sqlite')
    h = await startConsole({ now: NOW, env: { RASA_TRACKER_DB: trackerFile } })
    writeRasaTrackerStore(trackerFile, conversations())
    await seedStore(h)
    await h.addAccount('rina', 'petugas')
    c = new Client(h.url)
    await c.login('rina')
  })
  afterAll(async () => {
    await h?.close()
    rmSync(trackerDir, { recursive: true, force: true })
  })

  it('shows the figures computed by hand from the inputs, for 1–17 June', async () => {
    const res = await c.get('/dasbor?dari=2026-06-01&sampai=2026-06-17')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<a href="/dasbor" aria-current="page">Dasbor</a>')
    const s = summaryOf(res.body)
    expect(s).toEqual({
      // A: 3 + 2, B: 2 (its /restart is not a question), C: 2 on 1 June (its 31 May message is May).
      pertanyaan: 9,
      pertanyaan_per_hari: 0.5, // 9 / 17 days, one decimal
      pengguna: 3,
      percakapan: 4, // A1, A2, B, C-June
      tingkat_tuntas_bot: 50, // A1 and C-June: no handoff, no takeover
      tingkat_tidak_dipahami: 22.2, // 2 nlu_fallback of 9
      tingkat_minta_petugas: 25, // A2
      tingkat_ambil_alih: 25, // B (pause)
      waktu_respons_p50: 1.5, // 800 1200 [1500] 2000 3000 90000 (100 ms steps): nearest rank 3 of 6
      waktu_respons_p95: 90, // rank ceil(5.7) = 6
      respons_di_bawah_1_menit: 83.3, // 5 of 6
      giliran_diukur: 6,
      tiket_dibuka: 4,
      tiket_selesai: 3, // two June tickets and the May one resolved 5 June
      tiket_terlambat: 2, // resolved a day late; open past its deadline
      waktu_penyelesaian_median: 24, // 2 h, 24 h, 384 h
      waktu_penyelesaian_rata_rata: 136.7, // 410 / 3
      kepuasan_rata_rata: 4.25, // 5 4 3 5
      kepuasan_puas: 75,
      kepuasan_jumlah: 4
    })
  })

  it('counts per day and per WIB hour, ranks intents and services, in charts and tables', async () => {
    const { body } = await c.get('/dasbor?dari=2026-06-01&sampai=2026-06-17')
    const table = (caption: string): Array<[string, number]> => {
      const part = body.split(`<caption>${caption}</caption>`)[1]!.split('</table>')[0]!
      return [...part.matchAll(/<th scope="row">([^<]*)<\/th><td class="num">([^<]*)<\/td>/g)].map(
        (m) => [m[1]!, Number(m[2]!.replace(/\./g, ''))]
      )
    }
    const days = table('Pertanyaan per hari')
    expect(days).toHaveLength(17)
    expect(days.filter(([, n]) => n > 0)).toEqual([
      ['2026-06-01', 2],
      ['2026-06-15', 3],
      ['2026-06-16', 4]
    ])
    expect(table('Pertanyaan per jam').filter(([, n]) => n > 0)).toEqual([
      ['00.00', 2],
      ['09.00', 3],
      ['10.00', 2],
      ['14.00', 2]
    ])
    expect(table('Intent teratas')).toEqual([
      ['Salam', 2],
      ['Memberi data', 2],
      ['Tidak dipahami', 2],
      ['Daftar TTE', 1],
      ['Lupa password', 1],
      ['Minta petugas', 1]
    ])
    expect(table('Layanan teratas')).toEqual([
      ['Reset password email_dinas', 1],
      ['TTE', 1]
    ])
    // Four SVG charts, each with one bar per row of its table.
    expect(body.match(/<svg class="chart"/g)).toHaveLength(4)
    const bars = (id: string): number =>
      (
        body
          .split(`id="${id}"`)[1]!
          .split('</svg>')[0]!
          .match(/<rect class="bar"/g) ?? []
      ).length
    expect(bars('grafik-per-hari')).toBe(17)
    expect(bars('grafik-per-jam')).toBe(24)
    expect(bars('grafik-intent')).toBe(6)
    expect(bars('grafik-layanan')).toBe(2)
    expect(body).not.toMatch(/<script|style="/)
  })

  it('lists the misunderstood messages masked, never the NIP or the e-mail address', async () => {
    const { body } = await c.get('/dasbor?dari=2026-06-01&sampai=2026-06-17')
    const part = body.split('Pesan yang tidak dipahami')[1]!
    expect(part).toContain('asdfgh qwerty')
    expect(part).toContain('tidak bisa login')
    expect(body).not.toContain(NIP)
    expect(body).not.toContain('budi.santoso@')
    const stored = h.db.prepare('SELECT text FROM unrecognized_messages').pluck().all() as string[]
    expect(stored).toHaveLength(2)
    expect(stored.join(' ')).not.toContain(NIP)
  })

  it('exports a month as CSV with the same figures as the page for that month', async () => {
    const page = summaryOf((await c.get('/dasbor?dari=2026-06-01&sampai=2026-06-30')).body)
    const res = await c.get('/dasbor.csv?bulan=2026-06')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    expect(res.headers.get('content-disposition')).toContain('dasbor-2026-06.csv')
    const rows = csvOf(res.body)
    expect(rows[0]).toEqual(['bagian', 'kunci', 'keterangan', 'nilai'])
    expect(rows).toContainEqual(['periode', 'dari', 'Tanggal awal', '2026-06-01'])
    expect(rows).toContainEqual(['periode', 'sampai', 'Tanggal akhir', '2026-06-30'])
    const summary = Object.fromEntries(
      rows
        .filter((r) => r[0] === 'ringkasan')
        .map((r) => [r[1], r[3] === '' ? undefined : Number(r[3])])
    )
    expect(summary).toEqual(page)
    expect(summary.pertanyaan).toBe(9)
    expect(rows.filter((r) => r[0] === 'per_hari')).toHaveLength(30)
    expect(rows).toContainEqual(['per_hari', '2026-06-16', '2026-06-16', '4'])
    expect(rows).toContainEqual(['layanan', 'tte', 'TTE', '1'])
  })

  it('picks up new Rasa events on the next view, and rejects a bad period with a clear message', async () => {
    const t = ev.at('2026-06-17 09:30:00')
    writeRasaTrackerStore(trackerFile, [
      {
        sender: '5550404',
        events: [...ev.sessionStart(t), ev.user(t + 1, 'cek status tte', 'cek_status_tte')]
      }
    ])
    const s = summaryOf((await c.get('/dasbor?dari=2026-06-01&sampai=2026-06-17')).body)
    expect(s.pertanyaan).toBe(10)
    expect(s.pengguna).toBe(4)
    expect(s.percakapan).toBe(5)
    const bad = await c.get('/dasbor?dari=2026-06-17&sampai=2026-06-01')
    expect(bad.status).toBe(400)
    expect(bad.body).toContain('Tanggal awal tidak boleh sesudah tanggal akhir.')
    expect((await c.get('/dasbor.csv?bulan=2026-13')).status).toBe(400)
  })

  it('needs a signed-in staff member', async () => {
    const anonymous = new Client(h.url)
    const res = await anonymous.get('/dasbor')
    expect(res.status).toBe(302)
    expect(res.location).toBe('/login')
    expect((await anonymous.get('/dasbor.csv?bulan=2026-06')).status).toBe(302)
  })

  it('forgets the misunderstood texts and the chat key of a chat when that chat is erased', async () => {
    const removed = await erasePersonalData(sqliteSqlDb(h.db), { kind: 'sender', value: '5550101' })
    expect(removed.unrecognized_messages).toBe(1)
    expect(removed.analytics_senders).toBe(2) // the two conversations of A
    const { body } = await c.get('/dasbor?dari=2026-06-01&sampai=2026-06-17')
    expect(body).not.toContain('tidak bisa login')
    // Counts stay; a chat without a key is no longer a distinct user.
    expect(summaryOf(body).pertanyaan).toBe(10)
    expect(summaryOf(body).pengguna).toBe(3)
  })
})

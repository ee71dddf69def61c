import Database from 'better-sqlite3'
import yaml from 'js-yaml'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client, seedTicket, startConsole, type Harness } from './support/harness'
import { ROOT } from './support/rasa-venv'
import { reviewWeek } from './support/review-seed'
import { writeTrackerStoreLikeRasa } from './support/tracker-store-writer'

// Wednesday 17 June 2026, 10.00 WIB.
const NOW = new Date('2026-06-17T03:00:00.000Z')
const DOMAIN = join(ROOT, 'rasa-project', 'domain.yml')

/** The NLU review file, one row per example (text, intent, metadata), as Rasa's reader lists them. */
function nluExamples(file: string): Array<{ text: string; intent: string; metadata: unknown }> {
  const doc = yaml.load(readFileSync(file, 'utf8')) as {
    version: string
    nlu: Array<{ intent: string; examples: Array<{ text: string; metadata: unknown }> }>
  }
  expect(doc.version).toBe('3.1')
  return doc.nlu.flatMap((block) =>
    block.examples.map((x) => ({ text: x.text, intent: block.intent, metadata: x.metadata }))
  )
}

/** The one story of an export (test-rasa/ reads the same exports with Rasa's own reader). */
function storyOf(body: string): { story: string; steps: unknown[] } {
  const doc = yaml.load(body) as {
    version: string
    stories: Array<{ story: string; steps: unknown[] }>
  }
  expect(doc.version).toBe('3.1')
  expect(doc.stories).toHaveLength(1)
  return doc.stories[0]!
}

describe('conversation review (Tinjauan)', () => {
  let h: Harness
  let c: Client
  let dir: string
  let trackerFile: string
  let reviewFile: string
  /** Conversation id (events.id of the session start) by letter. */
  const id: Record<string, number> = {}

  const listed = async (query: string): Promise<string[]> => {
    const res = await c.get(`/tinjauan?${query}`)
    expect(res.status).toBe(200)
    const byId = new Map(Object.entries(id).map(([k, v]) => [v, k]))
    return [...res.body.matchAll(/href="\/tinjauan\/(\d+)"/g)].map(
      (m) => byId.get(Number(m[1])) ?? `?${m[1]}`
    )
  }
  const auditRows = (action: string) =>
    h.db
      .prepare('SELECT actor, target, detail FROM staff_audit_log WHERE action = ? ORDER BY id')
      .all(action) as Array<{ actor: string; target: string; detail: string }>

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-review-'))
    trackerFile = join(dir, 'rasa-tracker.sqlite')
    reviewFile = join(dir, 'review', 'nlu-review.yml')
    writeTrackerStoreLikeRasa(trackerFile, reviewWeek())
    const tracker = new Database(trackerFile, { readonly: true })
    const starts = tracker
      .prepare(
        "SELECT id, sender_id AS sender, timestamp FROM events WHERE action_name = 'action_session_start' ORDER BY id"
      )
      .all() as Array<{ id: number; sender: string; timestamp: number }>
    tracker.close()
    const find = (sender: string, nth = 0) => starts.filter((s) => s.sender === sender)[nth]!.id
    Object.assign(id, {
      A: find('tg-a'),
      D: find('tg-a', 1),
      B: find('tg-b'),
      C: find('tg-c'),
      E: find('tg-e'),
      F: find('tg-f')
    })
    for (let i = 1; i <= 27; i++) id[`P${i}`] = find(`tg-p${i}`)

    h = await startConsole({
      now: NOW,
      env: {
        RASA_TRACKER_DB: trackerFile,
        CONSOLE_RASA_DOMAIN_FILE: DOMAIN,
        CONSOLE_NLU_REVIEW_FILE: reviewFile
      }
    })
    await h.addAccount('rina', 'petugas')
    // B's handoff opened a ticket; its survey was answered the next day (3: low).
    seedTicket(h.db, {
      number: 'TIK-20260616-0001',
      senderId: 'tg-b',
      createdAt: '2026-06-16T03:00:21.000Z'
    })
    const survey = h.db.prepare(
      'INSERT INTO csat_surveys (conversation_key, sender_id, source, ticket_number, asked_at, rating, rated_at) VALUES (?, ?, ?, ?, ?, ?, ?)'
    )
    survey.run(
      'tiket:TIK-20260616-0001',
      'tg-b',
      'tiket',
      'TIK-20260616-0001',
      '2026-06-17T01:00:00.000Z',
      3,
      '2026-06-17T01:05:00.000Z'
    )
    survey.run(
      'sesi:tg-c:1781492400',
      'tg-c',
      'layanan_mandiri',
      null,
      '2026-06-15T03:01:00.000Z',
      2,
      '2026-06-15T03:02:00.000Z'
    )
    survey.run(
      'sesi:tg-a:d',
      'tg-a',
      'layanan_mandiri',
      null,
      '2026-06-17T02:01:00.000Z',
      5,
      '2026-06-17T02:02:00.000Z'
    )
    c = new Client(h.url)
    await c.login('rina')
  }, 120_000)
  afterAll(async () => {
    await h.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('lists the last 7 days newest first, and each filter returns exactly its conversations', async () => {
    expect(await listed('')).toEqual(['D', 'A', 'B', 'C', 'E'])
    const period = 'dari=2026-06-11&sampai=2026-06-17'
    expect(await listed(`${period}&tidak_dipahami=1`)).toEqual(['A'])
    expect(await listed(`${period}&diserahkan=1`)).toEqual(['B', 'E'])
    expect(await listed(`${period}&nilai_rendah=1`)).toEqual(['B', 'C'])
    expect(await listed(`${period}&tidak_dipahami=1&nilai_rendah=1`)).toEqual([])
    expect(await listed('dari=2026-06-01&sampai=2026-06-01&tidak_dipahami=1')).toEqual(['F'])
    expect(await listed('dari=2026-06-12&sampai=2026-06-16')).toEqual(['B', 'C', 'E'])
  })

  it('pages 25 conversations at a time', async () => {
    const period = 'dari=2026-05-20&sampai=2026-05-20'
    const first = await listed(period)
    expect(first).toHaveLength(25)
    expect(first[0]).toBe('P27')
    const second = await listed(`${period}&halaman=2`)
    expect(second).toEqual(['P2', 'P1'])
    expect((await c.get(`/tinjauan?${period}`)).body).toContain('Halaman 1 dari 2 · 27 percakapan')
  })

  it('a wrong period gets a clear message and the default list, not an error', async () => {
    const res = await c.get('/tinjauan?dari=kemarin&sampai=2026-06-17')
    expect(res.status).toBe(200)
    expect(res.body).toContain('Tanggal tidak valid')
    expect(await listed('dari=2026-02-30&sampai=2026-06-17')).toEqual(['D', 'A', 'B', 'C', 'E'])
  })

  it('the transcript is shown masked, with the ticket and rating, and every view is audited', async () => {
    const res = await c.get(`/tinjauan/${id.B}`)
    expect(res.status).toBe(200)
    expect(res.body).toContain('tolong sambungkan ke petugas')
    expect(res.body).toContain('intent <code>minta_petugas</code> (keyakinan 0,91)')
    expect(res.body).toContain('href="/tiket/TIK-20260616-0001"')
    expect(res.body).toContain('Nilai 3/5')
    const e = await c.get(`/tinjauan/${id.E}`)
    expect(e.body).toContain('Petugas mengambil alih percakapan')
    expect(e.body).toContain('<span class="speaker">Petugas (rina)</span>')
    expect(e.body).not.toContain('198707222011032001')
    expect(auditRows('transcript_viewed').slice(-2)).toEqual([
      {
        actor: 'rina',
        target: `percakapan:${id.B}`,
        detail: expect.stringContaining('"purpose":"tinjauan"')
      },
      {
        actor: 'rina',
        target: `percakapan:${id.E}`,
        detail: expect.stringContaining('"purpose":"tinjauan"')
      }
    ])
    expect((await c.get('/tinjauan/999999')).status).toBe(404)
    expect((await c.get('/tinjauan/abc')).status).toBe(404)
  })

  it('tags and marks a conversation reviewed: stored with who and when, audited, and the filters follow', async () => {
    await c.get(`/tinjauan/${id.A}`)
    const saved = await c.post(`/tinjauan/${id.A}/tinjau`, {
      label: 'salah_intent',
      label_lain: 'Jam Kerja, simpeg',
      ditinjau: '1'
    })
    expect(saved.status).toBe(303)
    const row = h.db
      .prepare(
        'SELECT sender_id, reviewed_by, reviewed_at, (SELECT group_concat(tag) FROM (SELECT tag FROM conversation_review_tags WHERE review_id = r.id ORDER BY tag)) AS tags FROM conversation_reviews r WHERE session_event_id = ?'
      )
      .get(id.A)
    expect(row).toEqual({
      sender_id: 'tg-a',
      reviewed_by: 'rina',
      reviewed_at: NOW.toISOString(),
      tags: 'jam_kerja,salah_intent,simpeg'
    })
    expect(auditRows('conversation_reviewed').at(-1)).toEqual({
      actor: 'rina',
      target: `percakapan:${id.A}`,
      detail: JSON.stringify({ tags: ['salah_intent', 'jam_kerja', 'simpeg'], reviewed: true })
    })
    const page = await c.get(`/tinjauan/${id.A}`)
    expect(page.body).toContain('Tinjauan disimpan.')
    expect(page.body).toContain('Ditinjau oleh rina')
    expect(await listed('belum_ditinjau=1')).toEqual(['D', 'B', 'C', 'E'])
    expect(await listed('label=jam_kerja')).toEqual(['A'])
    expect(await listed('label=salah_intent&dari=2026-06-01&sampai=2026-06-17')).toEqual(['A'])
  })

  it('a free tag that is not a tag (e.g. a NIP with spaces) is refused and nothing changes', async () => {
    await c.get(`/tinjauan/${id.C}`)
    const res = await c.post(`/tinjauan/${id.C}/tinjau`, {
      label_lain: 'nip 198503152010011001 <b>',
      ditinjau: '1'
    })
    expect(res.status).toBe(422)
    expect(res.body).toContain('tidak ada yang disimpan')
    expect(res.body).not.toContain('<b>')
    expect(
      h.db
        .prepare('SELECT COUNT(*) FROM conversation_reviews WHERE session_event_id = ?')
        .pluck()
        .get(id.C)
    ).toBe(0)
  })

  it('a misunderstood message goes to the NLU review file masked, with the right intent and who added it', async () => {
    const page = await c.get(`/tinjauan/${id.A}`)
    expect(page.body).toContain('name="intent"')
    expect(page.body).toContain('<option value="lupa_password">lupa_password</option>')
    const res = await c.post(`/tinjauan/${id.A}/nlu`, { pesan: '1', intent: 'lupa_password' })
    expect(res.status).toBe(303)
    const written = readFileSync(reviewFile, 'utf8')
    expect(written).not.toContain('0812 3456 7890')
    expect(written).not.toContain('budi.santoso')
    const expected = 'hp saya **** **** 7890 ga bisa login simpeg, email b***@example.go.id'
    expect(nluExamples(reviewFile)).toEqual([
      {
        text: expected,
        intent: 'lupa_password',
        metadata: { added_by: 'rina', added_at: NOW.toISOString(), conversation: id.A }
      }
    ])
    // A second example under another intent keeps the first; the same text is not added twice.
    await c.get(`/tinjauan/${id.C}`)
    await c.post(`/tinjauan/${id.C}/nlu`, { pesan: '0', intent: 'lupa_password' })
    await c.post(`/tinjauan/${id.A}/nlu`, { pesan: '1', intent: 'lupa_password' })
    await c.post(`/tinjauan/${id.A}/nlu`, { pesan: '0', intent: 'greet' })
    const read = nluExamples(reviewFile)
    expect(read.map((x) => [x.intent, x.text])).toEqual([
      ['lupa_password', expected],
      ['lupa_password', 'lupa password simpeg'],
      ['greet', 'halo']
    ])
    expect(auditRows('review_example_added').at(-1)).toEqual({
      actor: 'rina',
      target: `percakapan:${id.A}`,
      detail: JSON.stringify({ intent: 'greet', message: 0 })
    })
    const shown = await c.get(`/tinjauan/${id.A}`)
    expect(shown.body).toContain(`<q>${expected}</q> → <code>lupa_password</code>`)
  })

  it('a review file that is not valid YAML is left as it is, with a clear message', async () => {
    const before = readFileSync(reviewFile, 'utf8')
    writeFileSync(reviewFile, 'nlu: [tidak: valid')
    try {
      await c.get(`/tinjauan/${id.A}`)
      const res = await c.post(`/tinjauan/${id.A}/nlu`, { pesan: '0', intent: 'greet' })
      expect(res.status).toBe(503)
      expect(res.body).toContain('Berkas tinjauan NLU tidak dapat dibaca atau ditulis')
      expect(readFileSync(reviewFile, 'utf8')).toBe('nlu: [tidak: valid')
      writeFileSync(reviewFile, 'nlu: bukan daftar\n')
      expect((await c.post(`/tinjauan/${id.A}/nlu`, { pesan: '0', intent: 'greet' })).status).toBe(
        503
      )
      expect(readFileSync(reviewFile, 'utf8')).toBe('nlu: bukan daftar\n')
    } finally {
      writeFileSync(reviewFile, before)
    }
  })

  it('an intent the bot does not have, or no such message, adds nothing', async () => {
    const before = readFileSync(reviewFile, 'utf8')
    await c.get(`/tinjauan/${id.A}`)
    expect((await c.post(`/tinjauan/${id.A}/nlu`, { pesan: '1', intent: 'hack_me' })).status).toBe(
      422
    )
    expect((await c.post(`/tinjauan/${id.A}/nlu`, { pesan: '9', intent: 'greet' })).status).toBe(
      422
    )
    expect(readFileSync(reviewFile, 'utf8')).toBe(before)
  })

  it('exports a conversation as a test story, masked and with the reviewer corrections', async () => {
    const res = await c.get(`/tinjauan/${id.A}/story.yml`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="tinjauan-${id.A}.yml"`
    )
    expect(res.body).not.toContain('0812 3456 7890')
    expect([storyOf(res.body)]).toEqual([
      {
        story: `tinjauan percakapan ${id.A}, 17 Juni 2026 pukul 08.00 WIB`,
        steps: [
          { user: 'halo', intent: 'greet' },
          { action: 'action_sapa' },
          // corrected by the reviewer above (nlu_fallback → lupa_password)
          {
            user: 'hp saya **** **** 7890 ga bisa login simpeg, email b***@example.go.id',
            intent: 'lupa_password'
          },
          { action: 'action_fallback' }
        ]
      }
    ])
    expect(auditRows('test_story_exported').at(-1)).toEqual({
      actor: 'rina',
      target: `percakapan:${id.A}`,
      detail: '{}'
    })
  })

  it('a form conversation exports its form steps and masked slots; a takeover stretch is left out', async () => {
    const form = await c.get(`/tinjauan/${id.C}/story.yml`)
    expect(storyOf(form.body).steps).toEqual([
      { user: 'lupa password simpeg', intent: 'lupa_password' },
      { action: 'lupa_password_form' },
      { active_loop: 'lupa_password_form' },
      { slot_was_set: [{ requested_slot: 'identitas' }] },
      { user: '**************1001', intent: 'inform' },
      { slot_was_set: [{ identitas: '**************1001' }] },
      { action: 'lupa_password_form' },
      { active_loop: null },
      { action: 'action_reset_password' }
    ])
    const takeover = yaml.load((await c.get(`/tinjauan/${id.E}/story.yml`)).body) as {
      stories: Array<{ steps: unknown[] }>
    }
    expect(takeover.stories[0]!.steps).toEqual([
      { user: 'daftar tte nip **************2001', intent: 'daftar_tte' },
      { action: 'daftar_tte_form' }
    ])
  })

  it('a tracker store that does not exist yet reads as no conversations', async () => {
    const other = await startConsole({
      now: NOW,
      env: { RASA_TRACKER_DB: join(dir, 'none.sqlite') }
    })
    try {
      await other.addAccount('rina', 'petugas')
      const client = new Client(other.url)
      await client.login('rina')
      const res = await client.get('/tinjauan')
      expect(res.status).toBe(200)
      expect(res.body).toContain('Tidak ada percakapan')
      expect(existsSync(join(dir, 'none.sqlite'))).toBe(false)
    } finally {
      await other.close()
    }
  })
})

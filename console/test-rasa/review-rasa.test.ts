/**
 * The conversation review against real Rasa 3.6 (the project's virtualenv): the tracker store is
 * written by Rasa's own SQLTrackerStore, and what the console exports is read back by Rasa's own
 * readers. Run by `npm run test:rasa -w console` (test-all.sh, after the Rasa virtualenv stage).
 */
import Database from 'better-sqlite3'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client, seedTicket, startConsole, type Harness } from '../test/support/harness'
import {
  readWithRasaNlu,
  readWithRasaStories,
  ROOT,
  runRasa,
  seedRasaTrackerStore,
  TRAINED_MODEL
} from '../test/support/rasa-venv'
import { reviewWeek } from '../test/support/review-seed'
import {
  writeTrackerStoreLikeRasa,
  writeTrackerStoreLikeRasaToPostgres
} from '../test/support/tracker-store-writer'
import { createScratchDatabase, postgresSqlDb } from '@helpdesk/core'

// Wednesday 17 June 2026, 10.00 WIB.
const NOW = new Date('2026-06-17T03:00:00.000Z')
const DOMAIN = join(ROOT, 'rasa-project', 'domain.yml')

interface EventRow {
  id: number
  sender_id: string
  type_name: string
  timestamp: number
  intent_name: string | null
  action_name: string | null
  data: string
}
const rows = (file: string): Array<Omit<EventRow, 'data'> & { data: unknown }> => {
  const db = new Database(file, { readonly: true })
  try {
    return (db.prepare('SELECT * FROM events ORDER BY id').all() as EventRow[]).map((r) => ({
      ...r,
      data: JSON.parse(r.data) as unknown
    }))
  } finally {
    db.close()
  }
}

describe('conversation review with real Rasa 3.6', () => {
  let dir: string
  let rasaFile: string
  let h: Harness
  let c: Client
  const sessionId = (file: string, sender: string): number => {
    const db = new Database(file, { readonly: true })
    try {
      return db
        .prepare(
          "SELECT id FROM events WHERE sender_id = ? AND action_name = 'action_session_start' ORDER BY id LIMIT 1"
        )
        .pluck()
        .get(sender) as number
    } finally {
      db.close()
    }
  }

  const secondSession = (file: string, sender: string): number => {
    const db = new Database(file, { readonly: true })
    try {
      return db
        .prepare(
          "SELECT id FROM events WHERE sender_id = ? AND action_name = 'action_session_start' ORDER BY id LIMIT 1 OFFSET 1"
        )
        .pluck()
        .get(sender) as number
    } finally {
      db.close()
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'console-review-rasa-'))
    rasaFile = join(dir, 'rasa-tracker.sqlite')
    seedRasaTrackerStore(rasaFile, reviewWeek())
    h = await startConsole({
      now: NOW,
      env: {
        RASA_TRACKER_DB: rasaFile,
        CONSOLE_RASA_DOMAIN_FILE: DOMAIN,
        CONSOLE_NLU_REVIEW_FILE: join(dir, 'review', 'nlu-review.yml')
      }
    })
    await h.addAccount('rina', 'petugas')
    seedTicket(h.db, {
      number: 'TIK-20260616-0001',
      senderId: 'tg-b',
      createdAt: '2026-06-16T03:00:21.000Z'
    })
    c = new Client(h.url)
    await c.login('rina')
  }, 180_000)
  afterAll(async () => {
    await h?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it("Rasa's SQLTrackerStore writes the same rows as the writer the unit and browser tests use", () => {
    const ours = join(dir, 'ours.sqlite')
    writeTrackerStoreLikeRasa(ours, reviewWeek())
    const fromRasa = rows(rasaFile)
    expect(fromRasa.length).toBeGreaterThan(100)
    expect(rows(ours)).toEqual(fromRasa)
  })

  it("on PostgreSQL (RASA_TRACKER_DB_URL): Rasa's SQLTrackerStore writes the rows our writer writes, and a console on PostgreSQL lists the conversations as the SQLite one does", async () => {
    const rasaPg = await createScratchDatabase()
    const oursPg = await createScratchDatabase()
    let pgConsole: Harness | undefined
    try {
      seedRasaTrackerStore(rasaPg.url, reviewWeek())
      await writeTrackerStoreLikeRasaToPostgres(oursPg.url, reviewWeek())
      const pgRows = async (url: string) => {
        const sql = postgresSqlDb(url, { max: 1 })
        try {
          return (await sql.all<EventRow>('SELECT * FROM events ORDER BY id')).map((r) => ({
            ...r,
            data: JSON.parse(r.data) as unknown
          }))
        } finally {
          await sql.close()
        }
      }
      const fromRasa = await pgRows(rasaPg.url)
      expect(fromRasa.length).toBeGreaterThan(100)
      expect(await pgRows(oursPg.url)).toEqual(fromRasa)
      // The same ids as Rasa's SQLite store: the conversations' URLs do not depend on the engine.
      expect(fromRasa.map((r) => r.id)).toEqual(rows(rasaFile).map((r) => r.id))
      pgConsole = await startConsole({
        engine: 'postgres',
        now: NOW,
        env: { RASA_TRACKER_DB_URL: rasaPg.url, CONSOLE_RASA_DOMAIN_FILE: DOMAIN }
      })
      await pgConsole.addAccount('rina', 'petugas')
      const pgClient = new Client(pgConsole.url)
      await pgClient.login('rina')
      const listed = async (client: Client, query: string) =>
        [
          ...(await client.get(`/tinjauan?${query}`)).body.matchAll(/href="\/tinjauan\/(\d+)"/g)
        ].map((m) => Number(m[1]))
      for (const query of ['', 'tidak_dipahami=1', 'dari=2026-05-01&sampai=2026-06-17'])
        expect(await listed(pgClient, query)).toEqual(await listed(c, query))
      const a = sessionId(rasaFile, 'tg-a')
      const page = await pgClient.get(`/tinjauan/${a}`)
      expect(page.status).toBe(200)
      expect(page.body).toContain('b***@example.go.id')
    } finally {
      await pgConsole?.close()
      await rasaPg.drop()
      await oursPg.drop()
    }
  })

  it('lists the conversations Rasa stored, with the fallback and handover filters', async () => {
    const a = sessionId(rasaFile, 'tg-a')
    const b = sessionId(rasaFile, 'tg-b')
    const e = sessionId(rasaFile, 'tg-e')
    const ids = async (query: string) =>
      [...(await c.get(`/tinjauan?${query}`)).body.matchAll(/href="\/tinjauan\/(\d+)"/g)].map((m) =>
        Number(m[1])
      )
    expect(await ids('tidak_dipahami=1')).toEqual([a])
    expect(await ids('diserahkan=1')).toEqual([b, e])
  })

  it('the NLU review file is valid Rasa NLU YAML: Rasa reads the masked examples, their intents and who added them', async () => {
    const a = sessionId(rasaFile, 'tg-a')
    const c2 = sessionId(rasaFile, 'tg-c')
    await c.get(`/tinjauan/${a}`)
    expect(
      (await c.post(`/tinjauan/${a}/nlu`, { pesan: '1', intent: 'lupa_password' })).status
    ).toBe(303)
    await c.post(`/tinjauan/${c2}/nlu`, { pesan: '0', intent: 'lupa_password' })
    await c.post(`/tinjauan/${a}/nlu`, { pesan: '0', intent: 'greet' })
    const metadata = (conversation: number) => ({
      example: { added_by: 'rina', added_at: NOW.toISOString(), conversation }
    })
    expect(readWithRasaNlu(join(dir, 'review', 'nlu-review.yml'))).toEqual([
      {
        text: 'hp saya **** **** 7890 ga bisa login simpeg, email b***@example.go.id',
        intent: 'lupa_password',
        metadata: metadata(a)
      },
      { text: 'lupa password simpeg', intent: 'lupa_password', metadata: metadata(c2) },
      { text: 'halo', intent: 'greet', metadata: metadata(a) }
    ])
  })

  it("exported test stories are read by Rasa's story reader, every intent and action known to the domain", async () => {
    const a = sessionId(rasaFile, 'tg-a')
    const form = sessionId(rasaFile, 'tg-c')
    const read = async (id: number) => {
      const file = join(dir, `test_tinjauan_${id}.yml`)
      writeFileSync(file, (await c.get(`/tinjauan/${id}/story.yml`)).body)
      return readWithRasaStories(file, DOMAIN)
    }
    expect(await read(a)).toEqual([
      {
        story: `tinjauan percakapan ${a}, 17 Juni 2026 pukul 08.00 WIB`,
        steps: [
          { user: 'halo', intent: 'greet' },
          { action: 'action_sapa' },
          {
            user: 'hp saya **** **** 7890 ga bisa login simpeg, email b***@example.go.id',
            intent: 'lupa_password'
          },
          { action: 'action_fallback' }
        ]
      }
    ])
    expect((await read(form))[0]!.steps).toEqual([
      { user: 'lupa password simpeg', intent: 'lupa_password' },
      { action: 'lupa_password_form' },
      { active_loop: 'lupa_password_form' },
      { slot: 'requested_slot', value: 'identitas' },
      { user: '**************1001', intent: 'inform' },
      { slot: 'identitas', value: '**************1001' },
      { action: 'lupa_password_form' },
      { active_loop: null },
      { action: 'action_reset_password' }
    ])
  })

  it('`rasa test core` with the trained model runs stories the console exported, and they pass', async () => {
    if (!existsSync(TRAINED_MODEL))
      throw new Error(`no trained model at ${TRAINED_MODEL}: run npm run rasa:train first`)
    const stories = join(dir, 'exported-stories')
    mkdirSync(stories)
    // D: a greeting; F: a message the bot did not understand (neither corrected by a reviewer).
    for (const sender of ['tg-f', 'tg-a']) {
      const id = sender === 'tg-a' ? secondSession(rasaFile, sender) : sessionId(rasaFile, sender)
      writeFileSync(
        join(stories, `test_${sender}.yml`),
        (await c.get(`/tinjauan/${id}/story.yml`)).body
      )
    }
    const out = join(dir, 'rasa-results')
    const run = runRasa(
      [
        'test',
        'core',
        '--stories',
        stories,
        '-m',
        TRAINED_MODEL,
        '--out',
        out,
        '--fail-on-prediction-errors'
      ],
      join(dir, 'rasa-test-tracker.sqlite')
    )
    expect({ status: run.status, tail: run.status === 0 ? '' : run.output.slice(-3000) }).toEqual({
      status: 0,
      tail: ''
    })
    expect(readFileSync(join(out, 'failed_test_stories.yml'), 'utf8')).toContain(
      'None of the test stories failed'
    )
    expect(run.output).toMatch(/CONVERSATION level:[\s\S]*?Correct:\s+2 \/ 2/)
  }, 900_000)
})

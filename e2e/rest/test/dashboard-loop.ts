import Database from 'better-sqlite3'
import { ConsoleClient } from '../src/console-client'
import { StaffConsole } from '../src/staff-console'
import type { Stack } from '../src/stack'

/**
 * Issue 16's dashboard over what real Rasa wrote in this run: after every conversation of
 * conversations.test.ts, the real console process reads Rasa's SQL tracker store (the SQLite file
 * Rasa 3.6.21 itself created) and its figures must equal those counted here, independently, from
 * the same file. Registered last from conversations.test.ts, so it shares that file's Rasa.
 */
const PASSWORD = 'dasbor-e2e-sandi-0123'
const NOT_A_QUESTION = new Set(['restart', 'session_start'])

interface Counted {
  questions: number
  fallbacks: number
  conversations: number
  handoffs: number
  users: number
}

/** The figures the console README defines, counted straight from Rasa's `events` table. */
function countFromRasa(file: string): Counted {
  const db = new Database(file, { readonly: true })
  try {
    const rows = db
      .prepare('SELECT sender_id, type_name, intent_name, action_name FROM events ORDER BY id')
      .all() as Array<{
      sender_id: string
      type_name: string
      intent_name: string | null
      action_name: string | null
    }>
    let questions = 0
    let fallbacks = 0
    const sessions: Array<{ sender: string; messages: number; handoff: boolean }> = []
    const current = new Map<string, { sender: string; messages: number; handoff: boolean }>()
    const session = (sender: string) => {
      let s = current.get(sender)
      if (s === undefined) {
        s = { sender, messages: 0, handoff: false }
        current.set(sender, s)
        sessions.push(s)
      }
      return s
    }
    for (const r of rows) {
      if (r.type_name === 'session_started') {
        const s = { sender: r.sender_id, messages: 0, handoff: false }
        current.set(r.sender_id, s)
        sessions.push(s)
      } else if (r.type_name === 'user' && !NOT_A_QUESTION.has(r.intent_name ?? '')) {
        questions++
        if (r.intent_name === 'nlu_fallback') fallbacks++
        session(r.sender_id).messages++
      } else if (r.type_name === 'action' && r.action_name === 'action_hubungi_petugas') {
        session(r.sender_id).handoff = true
      }
    }
    const asked = sessions.filter((s) => s.messages > 0)
    return {
      questions,
      fallbacks,
      conversations: asked.length,
      handoffs: asked.filter((s) => s.handoff).length,
      users: new Set(asked.map((s) => s.sender)).size
    }
  } finally {
    db.close()
  }
}

function shown(body: string, key: string): string | undefined {
  return new RegExp(
    `<tr data-key="${key}"><th scope="row">[^<]*</th><td class="num">([^<]*)</td></tr>`
  ).exec(body)?.[1]
}

const percent = (part: number, whole: number): string =>
  `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format((part / whole) * 100)}%`

export function describeDashboard(stack: Stack): void {
  describe('10. dashboard: the figures of this run, from Rasa’s own tracker store (issue 16)', () => {
    const staffConsole = new StaffConsole(stack.databaseFile, stack.trackerDatabaseFile)

    beforeAll(async () => {
      await staffConsole.start()
      await staffConsole.addAccount('dasbor1', 'petugas', PASSWORD)
    }, 120000)
    afterAll(async () => {
      await staffConsole.stop()
    }, 30000)

    test('When staff open the dashboard after the conversations, then its counts equal those in Rasa’s tracker store', async () => {
      const counted = countFromRasa(stack.trackerDatabaseFile)
      expect(counted.questions).toBeGreaterThan(20)
      expect(counted.fallbacks).toBeGreaterThan(0)
      expect(counted.handoffs).toBeGreaterThan(0)
      const staff = new ConsoleClient(staffConsole.url)
      await staff.signIn('dasbor1', PASSWORD)
      // Every event of this run lies within yesterday and today (WIB).
      const wib = (ms: number): string => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10)
      const page = await staff.get(
        `/dasbor?dari=${wib(Date.now() - 86_400_000)}&sampai=${wib(Date.now())}`
      )
      expect(page.status).toBe(200)
      const n = (v: number): string => new Intl.NumberFormat('id-ID').format(v)
      expect(shown(page.body, 'pertanyaan')).toBe(n(counted.questions))
      expect(shown(page.body, 'percakapan')).toBe(n(counted.conversations))
      expect(shown(page.body, 'pengguna')).toBe(n(counted.users))
      expect(shown(page.body, 'tingkat_tidak_dipahami')).toBe(
        percent(counted.fallbacks, counted.questions)
      )
      expect(shown(page.body, 'tingkat_minta_petugas')).toBe(
        percent(counted.handoffs, counted.conversations)
      )
      // The fallback section's mashed keys are listed; typed NIPs never are (masked).
      expect(page.body).toContain('kjhsdf sdkjfh')
      expect(page.body).not.toMatch(/\d{16,18}/)
    })
  })
}

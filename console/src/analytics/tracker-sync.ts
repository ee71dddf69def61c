/**
 * Copies what the dashboard needs from Rasa's own event stream — the SQL tracker store
 * (RASA_TRACKER_DB, table `events`, opened read-only) — into the shared store's analytics tables
 * (migration 8). Rasa's table has an index on sender_id only and keeps each event's whole JSON, so
 * a period query over it would read every row; instead each sync reads only the events with an id
 * above the last one copied (the primary key) and keeps one row per conversation (Rasa session)
 * plus message counts per WIB day and hour and per WIB day and intent. Nothing is re-derived: intents, actions, slots and session starts
 * are Rasa's own events. The only text kept is that of messages Rasa classified `nlu_fallback`,
 * masked (NIP/NIK/phone/e-mail) by the core's log masking.
 */
import { existsSync } from 'node:fs'
import {
  analyticsSenderKey,
  maskPersonalData,
  openReadOnlyDatabase,
  wibHour,
  wibIsoDay,
  type Db
} from '@helpdesk/core'

/** The row shape of Rasa 3.6's SQLTrackerStore table `events` (rasa/core/tracker_store.py). */
interface RasaEventRow {
  id: number
  sender_id: string
  type_name: string
  timestamp: number | null
  intent_name: string | null
  action_name: string | null
  /** Only for the rows whose JSON we need (fallback texts, the `sistem` slot). */
  data: string | null
}

/** User intents that are not questions: the gateway's `/restart` and Rasa's session start. */
export const NOT_A_QUESTION = ['restart', 'session_start'] as const
/** Rasa's intent for a message the NLU did not understand (FallbackClassifier). */
export const FALLBACK_INTENT = 'nlu_fallback'
/** The action that hands the user over to staff (a handoff ticket). */
export const HANDOFF_ACTION = 'action_hubungi_petugas'
/** Which service a conversation is about, from the first intent that names one. */
export const SERVICE_OF_INTENT: Readonly<Record<string, string>> = {
  lupa_password: 'password',
  lupa_email: 'email',
  daftar_tte: 'tte',
  cek_status_tte: 'tte'
}
/** The slot that names the system of a password reset (refines 'password' into 'password:<sistem>'). */
export const SYSTEM_SLOT = 'sistem'

const BATCH = 5000
const SOURCE = 'rasa_tracker_store'

export interface SyncResult {
  /** False when RASA_TRACKER_DB does not exist (Rasa never ran with it). */
  available: boolean
  copied: number
}

interface SessionState {
  id: number
  service: string | null
}

/**
 * Copies new tracker-store events into the analytics tables; safe to call often, concurrently
 * with Rasa and with another sync (a batch another caller copied first is skipped). Yields to the
 * event loop between batches of BATCH events, so a first copy of a large store does not stall the
 * console's other requests.
 */
export async function syncTrackerStore(db: Db, trackerFile: string): Promise<SyncResult> {
  if (!existsSync(trackerFile)) return { available: false, copied: 0 }
  const tracker = openReadOnlyDatabase(trackerFile)
  try {
    const hasEvents =
      tracker
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'")
        .get() !== undefined
    if (!hasEvents) return { available: true, copied: 0 }
    const read = tracker.prepare(
      `SELECT id, sender_id, type_name, timestamp, intent_name, action_name,
         CASE WHEN (type_name = 'user' AND intent_name = '${FALLBACK_INTENT}')
                OR (type_name = 'slot' AND action_name = '${SYSTEM_SLOT}') THEN data END AS data
       FROM events WHERE id > ? ORDER BY id LIMIT ${BATCH}`
    )
    const copier = createCopier(db)
    let copied = 0
    for (;;) {
      const afterId = copier.lastId()
      const rows = read.all(afterId) as RasaEventRow[]
      if (rows.length === 0) break
      if (!copier.copy(rows, afterId)) continue
      copied += rows.length
      if (rows.length < BATCH) break
      await new Promise((resolve) => setImmediate(resolve))
    }
    return { available: true, copied }
  } finally {
    tracker.close()
  }
}

function createCopier(db: Db) {
  const lastIdStmt = db.prepare('SELECT last_event_id FROM analytics_sync WHERE source = ?').pluck()
  const saveLastId = db.prepare(
    'INSERT INTO analytics_sync (source, last_event_id) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET last_event_id = excluded.last_event_id'
  )
  const latestSession = db.prepare(
    'SELECT id, service FROM analytics_sessions WHERE sender_key = ? ORDER BY started_at DESC, id DESC LIMIT 1'
  )
  const insertSession = db.prepare(
    'INSERT INTO analytics_sessions (sender_key, started_at, day) VALUES (?, ?, ?)'
  )
  const countDayHour = db.prepare(
    'INSERT INTO analytics_day_hour (day, hour, messages) VALUES (?, ?, 1) ON CONFLICT (day, hour) DO UPDATE SET messages = messages + 1'
  )
  const countDayIntent = db.prepare(
    'INSERT INTO analytics_day_intent (day, intent, messages) VALUES (?, ?, 1) ON CONFLICT (day, intent) DO UPDATE SET messages = messages + 1'
  )
  const countMessage = db.prepare(
    'UPDATE analytics_sessions SET messages = messages + 1, fallbacks = fallbacks + ? WHERE id = ?'
  )
  const setService = db.prepare('UPDATE analytics_sessions SET service = ? WHERE id = ?')
  const markHandoff = db.prepare('UPDATE analytics_sessions SET handoff = 1 WHERE id = ?')
  const markTakeover = db.prepare('UPDATE analytics_sessions SET takeover = 1 WHERE id = ?')
  const insertUnrecognized = db.prepare(
    'INSERT OR IGNORE INTO unrecognized_messages (event_id, sender_key, at, day, text) VALUES (?, ?, ?, ?, ?)'
  )

  const copy = db.transaction((rows: RasaEventRow[], afterId: number): boolean => {
    // Another console process copied these events meanwhile: copying them again would count twice.
    if (((lastIdStmt.get(SOURCE) as number | undefined) ?? 0) !== afterId) return false
    // The current session of each chat seen in this batch (one lookup per chat, not per event).
    const sessions = new Map<string, SessionState | undefined>()
    const keys = new Map<string, string>()
    const keyOf = (sender: string): string => {
      let key = keys.get(sender)
      if (key === undefined) {
        key = analyticsSenderKey(sender)
        keys.set(sender, key)
      }
      return key
    }
    const startSession = (key: string, at: number): SessionState => {
      const id = Number(insertSession.run(key, at, wibIsoDay(new Date(at * 1000))).lastInsertRowid)
      const state = { id, service: null }
      sessions.set(key, state)
      return state
    }
    const current = (key: string, at: number): SessionState => {
      if (!sessions.has(key)) sessions.set(key, latestSession.get(key) as SessionState | undefined)
      return sessions.get(key) ?? startSession(key, at)
    }
    for (const row of rows) {
      const at = row.timestamp ?? 0
      const key = keyOf(row.sender_id)
      switch (row.type_name) {
        case 'session_started':
          startSession(key, at)
          break
        case 'user': {
          const intent = row.intent_name
          if (intent !== null && (NOT_A_QUESTION as readonly string[]).includes(intent)) break
          const session = current(key, at)
          const when = new Date(at * 1000)
          const day = wibIsoDay(when)
          countDayHour.run(day, wibHour(when))
          countDayIntent.run(day, intent ?? '')
          const fallback = intent === FALLBACK_INTENT
          countMessage.run(fallback ? 1 : 0, session.id)
          const service = intent === null ? undefined : SERVICE_OF_INTENT[intent]
          if (session.service === null && service !== undefined) {
            session.service = service
            setService.run(service, session.id)
          }
          if (fallback) {
            const text = userText(row.data)
            if (text !== undefined)
              insertUnrecognized.run(row.id, key, when.toISOString(), day, maskPersonalData(text))
          }
          break
        }
        case 'action':
          if (row.action_name === HANDOFF_ACTION) markHandoff.run(current(key, at).id)
          break
        case 'pause':
          markTakeover.run(current(key, at).id)
          break
        case 'slot': {
          // Only the `sistem` slot carries data here; other slots (e.g. the channel metadata Rasa
          // sets just before session_started) must not open a conversation.
          const value = slotValue(row.data)
          if (value === undefined) break
          const session = current(key, at)
          if (session.service === null || session.service === 'password') {
            session.service = `password:${value}`
            setService.run(session.service, session.id)
          }
          break
        }
        default:
          break
      }
    }
    const last = rows[rows.length - 1]
    if (last !== undefined) saveLastId.run(SOURCE, last.id)
    return true
  })

  return {
    lastId: (): number => (lastIdStmt.get(SOURCE) as number | undefined) ?? 0,
    copy: (rows: RasaEventRow[], afterId: number): boolean => copy.immediate(rows, afterId)
  }
}

function parse(data: string | null): Record<string, unknown> | undefined {
  if (data === null) return undefined
  try {
    const value: unknown = JSON.parse(data)
    return typeof value === 'object' && value !== null
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

function userText(data: string | null): string | undefined {
  const text = parse(data)?.text
  return typeof text === 'string' && text.trim() !== '' ? text.trim() : undefined
}

function slotValue(data: string | null): string | undefined {
  const value = parse(data)?.value
  return typeof value === 'string' && value !== '' ? value : undefined
}

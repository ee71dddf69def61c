/**
 * Copies what the dashboard needs from Rasa's own event stream — the SQL tracker store
 * (RASA_TRACKER_DB or RASA_TRACKER_DB_URL, table `events`, read-only) — into the shared store's analytics tables
 * (migration 8). Rasa's table has an index on sender_id only and keeps each event's whole JSON, so
 * a period query over it would read every row; instead each sync reads only the events with an id
 * above the last one copied (the primary key) and keeps one row per conversation (Rasa session)
 * plus message counts per WIB day and hour and per WIB day and intent. Nothing is re-derived: intents, actions, slots and session starts
 * are Rasa's own events. The only text kept is that of messages Rasa classified `nlu_fallback`,
 * masked (NIP/NIK/phone/e-mail) by the core's log masking.
 */
import {
  analyticsSenderKey,
  maskPersonalData,
  wibHour,
  wibIsoDay,
  type SqlDb,
  type SqlExecutor
} from '@helpdesk/core'
import type { RasaTrackerSource } from '../data/rasa-tracker-store'

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
  /** False when the tracker store has no events table yet (Rasa never ran with it). */
  available: boolean
  copied: number
}

interface SessionState {
  id: number
  service: string | null
}

/**
 * Copies new tracker-store events into the analytics tables; safe to call often, concurrently
 * with Rasa and with another sync, in this or another console process (a batch another caller
 * copied first is skipped). Yields to the event loop between batches of BATCH events, so a first
 * copy of a large store does not stall the console's other requests.
 */
export async function syncTrackerStore(
  sql: SqlDb,
  tracker: RasaTrackerSource
): Promise<SyncResult> {
  return await tracker.read(async (events) => {
    if (events === undefined) return { available: false, copied: 0 }
    const copier = createCopier(sql)
    let copied = 0
    for (;;) {
      const afterId = await copier.lastId()
      const rows = await events.all<RasaEventRow>(
        `SELECT ev.id, ev.sender_id, ev.type_name, ev.timestamp, ev.intent_name, ev.action_name,
           CASE WHEN (ev.type_name = 'user' AND ev.intent_name = '${FALLBACK_INTENT}')
                  OR (ev.type_name = 'slot' AND ev.action_name = '${SYSTEM_SLOT}') THEN ev.data END AS data
         FROM events ev WHERE ev.id > ? ORDER BY ev.id LIMIT ${BATCH}`,
        [afterId]
      )
      if (rows.length === 0) break
      if (!(await copier.copy(rows, afterId))) continue
      copied += rows.length
      if (rows.length < BATCH) break
      await new Promise((resolve) => setImmediate(resolve))
    }
    return { available: true, copied }
  })
}

function createCopier(sql: SqlDb) {
  const lastId = async (): Promise<number> =>
    (
      await sql.get<{ last_event_id: number }>(
        'SELECT last_event_id FROM analytics_sync WHERE source = ?',
        [SOURCE]
      )
    )?.last_event_id ?? 0

  /**
   * Moves the copy mark from `afterId` to `toId`: a compare-and-set, so of two processes copying
   * the same batch only one goes on (on PostgreSQL the second waits for the first's row lock,
   * then finds the mark moved); copying it again would count twice.
   */
  const claim = async (tx: SqlExecutor, afterId: number, toId: number): Promise<boolean> => {
    if (afterId === 0) {
      const inserted = await tx.run(
        'INSERT INTO analytics_sync (source, last_event_id) VALUES (?, ?) ON CONFLICT (source) DO NOTHING',
        [SOURCE, toId]
      )
      if (inserted.changes === 1) return true
    }
    const moved = await tx.run(
      'UPDATE analytics_sync SET last_event_id = ? WHERE source = ? AND last_event_id = ?',
      [toId, SOURCE, afterId]
    )
    return moved.changes === 1
  }

  const copy = async (rows: RasaEventRow[], afterId: number): Promise<boolean> =>
    await sql.transaction(async (tx) => {
      const last = rows[rows.length - 1]
      if (last === undefined || !(await claim(tx, afterId, last.id))) return false
      const countDayHour = (day: string, hour: number): Promise<unknown> =>
        tx.run(
          'INSERT INTO analytics_day_hour (day, hour, messages) VALUES (?, ?, 1) ON CONFLICT (day, hour) DO UPDATE SET messages = analytics_day_hour.messages + 1',
          [day, hour]
        )
      const countDayIntent = (day: string, intent: string): Promise<unknown> =>
        tx.run(
          'INSERT INTO analytics_day_intent (day, intent, messages) VALUES (?, ?, 1) ON CONFLICT (day, intent) DO UPDATE SET messages = analytics_day_intent.messages + 1',
          [day, intent]
        )
      const setService = (service: string, id: number): Promise<unknown> =>
        tx.run('UPDATE analytics_sessions SET service = ? WHERE id = ?', [service, id])
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
      const startSession = async (key: string, at: number): Promise<SessionState> => {
        const row = await tx.get<{ id: number }>(
          'INSERT INTO analytics_sessions (sender_key, started_at, day) VALUES (?, ?, ?) RETURNING id',
          [key, at, wibIsoDay(new Date(at * 1000))]
        )
        const state = { id: (row as { id: number }).id, service: null }
        sessions.set(key, state)
        return state
      }
      const current = async (key: string, at: number): Promise<SessionState> => {
        if (!sessions.has(key))
          sessions.set(
            key,
            await tx.get<SessionState>(
              'SELECT id, service FROM analytics_sessions WHERE sender_key = ? ORDER BY started_at DESC, id DESC LIMIT 1',
              [key]
            )
          )
        return sessions.get(key) ?? (await startSession(key, at))
      }
      for (const row of rows) {
        const at = row.timestamp ?? 0
        const key = keyOf(row.sender_id)
        switch (row.type_name) {
          case 'session_started':
            await startSession(key, at)
            break
          case 'user': {
            const intent = row.intent_name
            if (intent !== null && (NOT_A_QUESTION as readonly string[]).includes(intent)) break
            const session = await current(key, at)
            const when = new Date(at * 1000)
            const day = wibIsoDay(when)
            await countDayHour(day, wibHour(when))
            await countDayIntent(day, intent ?? '')
            const fallback = intent === FALLBACK_INTENT
            await tx.run(
              'UPDATE analytics_sessions SET messages = messages + 1, fallbacks = fallbacks + ? WHERE id = ?',
              [fallback ? 1 : 0, session.id]
            )
            const service = intent === null ? undefined : SERVICE_OF_INTENT[intent]
            if (session.service === null && service !== undefined) {
              session.service = service
              await setService(service, session.id)
            }
            if (fallback) {
              const text = userText(row.data)
              if (text !== undefined)
                await tx.run(
                  'INSERT INTO unrecognized_messages (event_id, sender_key, at, day, text) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
                  [row.id, key, when.toISOString(), day, maskPersonalData(text)]
                )
            }
            break
          }
          case 'action':
            if (row.action_name === HANDOFF_ACTION)
              await tx.run('UPDATE analytics_sessions SET handoff = 1 WHERE id = ?', [
                (await current(key, at)).id
              ])
            break
          case 'pause':
            await tx.run('UPDATE analytics_sessions SET takeover = 1 WHERE id = ?', [
              (await current(key, at)).id
            ])
            break
          case 'slot': {
            // Only the `sistem` slot carries data here; other slots (e.g. the channel metadata Rasa
            // sets just before session_started) must not open a conversation.
            const value = slotValue(row.data)
            if (value === undefined) break
            const session = await current(key, at)
            if (session.service === null || session.service === 'password') {
              session.service = `password:${value}`
              await setService(session.service, session.id)
            }
            break
          }
          default:
            break
        }
      }
      return true
    })

  return { lastId, copy }
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

import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import {
  FALLBACK_ACTIONS,
  FALLBACK_INTENTS,
  HANDOFF_ACTIONS
} from '../transcript/conversation-signals'

/**
 * Read-only access to Rasa's SQL tracker store on SQLite (`RASA_TRACKER_DB`, the `events` table
 * of rasa/core/tracker_store.py SQLTrackerStore: id, sender_id, type_name, timestamp (epoch
 * seconds), intent_name, action_name, data = the event's JSON). The console never writes there.
 *
 * A conversation is one Rasa session: it starts with the sender's `action_session_start` row and
 * ends before the sender's next one. Its id in the console is that row's `events.id` (opaque: no
 * chat id or phone number in URLs).
 */
export interface RasaSession {
  /** events.id of the session's `action_session_start`. */
  id: number
  senderId: string
  /** Epoch seconds of the session start and of its last event. */
  startedAt: number
  lastAt: number
  /** events.id of the sender's next session start (undefined for the latest session). */
  nextSessionId: number | undefined
  /** Epoch seconds of the sender's next session start (undefined for the latest session). */
  nextStartedAt: number | undefined
  userMessages: number
  /** nlu_fallback was predicted or a fallback action ran. */
  fallback: boolean
  /** The handoff action ran or a staff member paused the bot (takeover). */
  handoff: boolean
}

interface SessionRow {
  id: number
  senderId: string
  startedAt: number
  lastAt: number | null
  nextSessionId: number | null
  nextStartedAt: number | null
  userMessages: number
  fallback: number
  handoff: number
}

const list = (names: readonly string[]): string => names.map((n) => `'${n}'`).join(', ')

/** The events of one session: same sender, from its start to before the next start. */
const IN_SESSION = `e.sender_id = s.sender_id AND e.id >= s.id AND (s.next_id IS NULL OR e.id < s.next_id)`

const SESSIONS = `
  WITH starts AS (
    SELECT id, sender_id, timestamp,
           LEAD(id) OVER (PARTITION BY sender_id ORDER BY id) AS next_id,
           LEAD(timestamp) OVER (PARTITION BY sender_id ORDER BY id) AS next_timestamp
    FROM events
    WHERE type_name = 'action' AND action_name = 'action_session_start'
  )
  SELECT s.id AS id, s.sender_id AS senderId, s.timestamp AS startedAt, s.next_id AS nextSessionId,
    s.next_timestamp AS nextStartedAt,
    (SELECT MAX(e.timestamp) FROM events e WHERE ${IN_SESSION}) AS lastAt,
    (SELECT COUNT(*) FROM events e WHERE ${IN_SESSION} AND e.type_name = 'user') AS userMessages,
    EXISTS (SELECT 1 FROM events e WHERE ${IN_SESSION} AND (
      (e.type_name = 'user' AND e.intent_name IN (${list(FALLBACK_INTENTS)}))
      OR (e.type_name = 'action' AND e.action_name IN (${list(FALLBACK_ACTIONS)})))) AS fallback,
    EXISTS (SELECT 1 FROM events e WHERE ${IN_SESSION} AND (
      (e.type_name = 'action' AND e.action_name IN (${list(HANDOFF_ACTIONS)}))
      OR e.type_name = 'pause')) AS handoff
  FROM starts s`

const toSession = (row: SessionRow): RasaSession => ({
  id: row.id,
  senderId: row.senderId,
  startedAt: row.startedAt,
  lastAt: row.lastAt ?? row.startedAt,
  nextSessionId: row.nextSessionId ?? undefined,
  nextStartedAt: row.nextStartedAt ?? undefined,
  userMessages: row.userMessages,
  fallback: row.fallback === 1,
  handoff: row.handoff === 1
})

export interface RasaTrackerStore {
  /** Sessions that started in [from, to) (epoch seconds), newest first. */
  sessions(from: number, to: number): RasaSession[]
  /** One session and its events' JSON, oldest first; undefined when there is no such session. */
  session(id: number): { session: RasaSession; events: unknown[] } | undefined
}

/**
 * Opens the tracker store for one read (the file appears only once Rasa has started, and Rasa
 * may recreate it): read-only, never creating it; a missing file or table reads as no sessions.
 */
export function readRasaTrackerStore<T>(file: string, read: (store: RasaTrackerStore) => T): T {
  if (!existsSync(file)) return read(EMPTY)
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    const hasEvents =
      db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !==
      undefined
    if (!hasEvents) return read(EMPTY)
    return read({
      sessions(from, to) {
        return (
          db
            .prepare(
              `${SESSIONS} WHERE s.timestamp >= ? AND s.timestamp < ? ORDER BY s.timestamp DESC, s.id DESC`
            )
            .all(from, to) as SessionRow[]
        ).map(toSession)
      },
      session(id) {
        const row = db.prepare(`${SESSIONS} WHERE s.id = ?`).get(id) as SessionRow | undefined
        if (row === undefined) return undefined
        const session = toSession(row)
        const data = db
          .prepare(
            `SELECT data FROM events WHERE sender_id = ? AND id >= ? AND (? IS NULL OR id < ?) ORDER BY id`
          )
          .pluck()
          .all(session.senderId, id, row.nextSessionId, row.nextSessionId) as Array<string | null>
        const events = data.flatMap((json) => {
          if (json === null) return []
          try {
            return [JSON.parse(json) as unknown]
          } catch {
            return []
          }
        })
        return { session, events }
      }
    })
  } finally {
    db.close()
  }
}

const EMPTY: RasaTrackerStore = { sessions: () => [], session: () => undefined }

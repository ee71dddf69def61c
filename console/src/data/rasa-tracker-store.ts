import { existsSync } from 'node:fs'
import {
  isPostgresUrl,
  openReadOnlyDatabase,
  postgresSqlDb,
  sqliteSqlDb,
  type SqlDb,
  type SqlExecutor
} from '@helpdesk/core'
import {
  FALLBACK_ACTIONS,
  FALLBACK_INTENTS,
  HANDOFF_ACTIONS
} from '../transcript/conversation-signals'

/**
 * Read-only access to Rasa's SQL tracker store: on SQLite (`RASA_TRACKER_DB`) or on PostgreSQL
 * (`RASA_TRACKER_DB_URL`), the `events` table of rasa/core/tracker_store.py SQLTrackerStore: id,
 * sender_id, type_name, timestamp (epoch seconds), intent_name, action_name, data = the event's
 * JSON. The console never writes there.
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
    SELECT ev.id, ev.sender_id, ev.timestamp,
           LEAD(ev.id) OVER (PARTITION BY ev.sender_id ORDER BY ev.id) AS next_id,
           LEAD(ev.timestamp) OVER (PARTITION BY ev.sender_id ORDER BY ev.id) AS next_timestamp
    FROM events ev
    WHERE ev.type_name = 'action' AND ev.action_name = 'action_session_start'
  )
  SELECT s.id AS id, s.sender_id AS "senderId", s.timestamp AS "startedAt", s.next_id AS "nextSessionId",
    s.next_timestamp AS "nextStartedAt",
    (SELECT MAX(e.timestamp) FROM events e WHERE ${IN_SESSION}) AS "lastAt",
    (SELECT COUNT(*) FROM events e WHERE ${IN_SESSION} AND e.type_name = 'user') AS "userMessages",
    CASE WHEN EXISTS (SELECT 1 FROM events e WHERE ${IN_SESSION} AND (
      (e.type_name = 'user' AND e.intent_name IN (${list(FALLBACK_INTENTS)}))
      OR (e.type_name = 'action' AND e.action_name IN (${list(FALLBACK_ACTIONS)})))) THEN 1 ELSE 0 END AS fallback,
    CASE WHEN EXISTS (SELECT 1 FROM events e WHERE ${IN_SESSION} AND (
      (e.type_name = 'action' AND e.action_name IN (${list(HANDOFF_ACTIONS)}))
      OR e.type_name = 'pause')) THEN 1 ELSE 0 END AS handoff
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
  sessions(from: number, to: number): Promise<RasaSession[]>
  /** One session and its events' JSON, oldest first; undefined when there is no such session. */
  session(id: number): Promise<{ session: RasaSession; events: unknown[] } | undefined>
}

/** Where Rasa's tracker store is: RASA_TRACKER_DB_URL (PostgreSQL) when set, else the SQLite file. */
export interface TrackerStoreLocation {
  url: string | undefined
  file: string
}

/**
 * Rasa's tracker store, opened for reads. `read` gets the store's `events` table, or undefined
 * while there is none (Rasa has not started yet): callers read that as no conversations.
 */
export interface RasaTrackerSource {
  readonly location: TrackerStoreLocation
  read<T>(read: (events: SqlExecutor | undefined) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/**
 * SQLite: opened for each read (the file appears only once Rasa has started, and Rasa may recreate
 * it), read-only, never creating it. PostgreSQL: one small pool whose sessions are read-only
 * (default_transaction_read_only), so not even a bug here can write to Rasa's tables.
 */
export function openRasaTrackerSource(location: TrackerStoreLocation): RasaTrackerSource {
  const url = location.url
  if (url !== undefined) {
    if (!isPostgresUrl(url))
      throw new Error(
        'Invalid configuration: RASA_TRACKER_DB_URL must start with postgres:// or postgresql://'
      )
    let pool: SqlDb | undefined
    return {
      location,
      async read(read) {
        pool ??= postgresSqlDb(readOnlyUrl(url), { max: 2 })
        const hasEvents = await pool.get(
          "SELECT 1 AS found FROM information_schema.tables WHERE table_name = 'events' AND table_schema = current_schema()"
        )
        return await read(hasEvents === undefined ? undefined : pool)
      },
      async close() {
        await pool?.close()
        pool = undefined
      }
    }
  }
  return {
    location,
    async read(read) {
      if (!existsSync(location.file)) return await read(undefined)
      const sql = sqliteSqlDb(openReadOnlyDatabase(location.file))
      try {
        const hasEvents = await sql.get(
          "SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = 'events'"
        )
        return await read(hasEvents === undefined ? undefined : sql)
      } finally {
        await sql.close()
      }
    },
    close: async () => undefined
  }
}

/** The URL with libpq's `options` asking for read-only transactions (unless it names options). */
function readOnlyUrl(url: string): string {
  const parsed = new URL(url)
  if (!parsed.searchParams.has('options'))
    parsed.searchParams.set('options', '-c default_transaction_read_only=on')
  return parsed.toString()
}

/** Reads Rasa's conversations (sessions) from the tracker store; none while it does not exist yet. */
export async function readRasaTrackerStore<T>(
  source: RasaTrackerSource,
  read: (store: RasaTrackerStore) => Promise<T>
): Promise<T> {
  return await source.read(async (events) => {
    if (events === undefined) return await read(EMPTY)
    return await read({
      async sessions(from, to) {
        return (
          await events.all<SessionRow>(
            `${SESSIONS} WHERE s.timestamp >= ? AND s.timestamp < ? ORDER BY s.timestamp DESC, s.id DESC`,
            [from, to]
          )
        ).map(toSession)
      },
      async session(id) {
        const row = await events.get<SessionRow>(`${SESSIONS} WHERE s.id = ?`, [id])
        if (row === undefined) return undefined
        const session = toSession(row)
        const data = await events.all<{ data: string | null }>(
          row.nextSessionId === null
            ? 'SELECT data FROM events WHERE sender_id = ? AND id >= ? ORDER BY id'
            : 'SELECT data FROM events WHERE sender_id = ? AND id >= ? AND id < ? ORDER BY id',
          row.nextSessionId === null
            ? [session.senderId, id]
            : [session.senderId, id, row.nextSessionId]
        )
        const parsed = data.flatMap(({ data: json }) => {
          if (json === null) return []
          try {
            return [JSON.parse(json) as unknown]
          } catch {
            return []
          }
        })
        return { session, events: parsed }
      }
    })
  })
}

const EMPTY: RasaTrackerStore = {
  sessions: async () => [],
  session: async () => undefined
}

import Database from 'better-sqlite3'
import { postgresSqlDb } from '@helpdesk/core'
import type { TrackerBatch } from './rasa-venv'

type EventRow = [string, string, number | null, string | null, string | null, string]

/** The rows SQLTrackerStore.save writes for these batches, in order. */
function eventRows(batches: TrackerBatch[]): EventRow[] {
  return batches.flatMap((batch) =>
    batch.events.map((event): EventRow => {
      const parse = event.parse_data as { intent?: { name?: unknown } } | undefined
      const intent = parse?.intent?.name
      const name = event.name
      return [
        batch.sender_id,
        String(event.event),
        typeof event.timestamp === 'number' ? event.timestamp : null,
        typeof intent === 'string' ? intent : null,
        typeof name === 'string' ? name : null,
        pythonJson(event)
      ]
    })
  )
}

/**
 * The same rows in a PostgreSQL database (the scale profile's tracker store), in the table Rasa's
 * SQLAlchemy model creates there: ids from the sequence `events_id_seq`, timestamp FLOAT.
 */
export async function writeTrackerStoreLikeRasaToPostgres(
  url: string,
  batches: TrackerBatch[]
): Promise<void> {
  const sql = postgresSqlDb(url, { max: 1 })
  try {
    await sql.exec(`CREATE SEQUENCE IF NOT EXISTS events_id_seq;
CREATE TABLE IF NOT EXISTS events (
	id INTEGER NOT NULL DEFAULT nextval('events_id_seq'),
	sender_id VARCHAR(255) NOT NULL,
	type_name VARCHAR(255) NOT NULL,
	timestamp FLOAT,
	intent_name VARCHAR(255),
	action_name VARCHAR(255),
	data TEXT,
	PRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ix_events_sender_id ON events (sender_id);`)
    await sql.transaction(async (tx) => {
      for (const row of eventRows(batches))
        await tx.run(
          'INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) VALUES (?, ?, ?, ?, ?, ?)',
          row
        )
    })
  } finally {
    await sql.close()
  }
}

/**
 * Writes conversations into a SQLite file the way Rasa 3.6's SQLTrackerStore does
 * (rasa/core/tracker_store.py: the `events` table it creates, and `save`: one row per event with
 * intent_name = parse_data.intent.name, action_name = the event's `name`, data = the event JSON in
 * Python's json.dumps spelling). No Python needed, so the unit and browser stages can use it; the
 * Rasa stage (test-rasa/) checks that Rasa's own store writes the same rows for the same batches.
 */
export function writeTrackerStoreLikeRasa(file: string, batches: TrackerBatch[]): void {
  const db = new Database(file)
  try {
    db.exec(`CREATE TABLE IF NOT EXISTS events (
\tid INTEGER NOT NULL, 
\tsender_id VARCHAR(255) NOT NULL, 
\ttype_name VARCHAR(255) NOT NULL, 
\ttimestamp FLOAT, 
\tintent_name VARCHAR(255), 
\taction_name VARCHAR(255), 
\tdata TEXT, 
\tPRIMARY KEY (id)
);
CREATE INDEX IF NOT EXISTS ix_events_sender_id ON events (sender_id);`)
    const insert = db.prepare(
      'INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) VALUES (?, ?, ?, ?, ?, ?)'
    )
    db.transaction(() => {
      for (const row of eventRows(batches)) insert.run(...row)
    })()
  } finally {
    db.close()
  }
}

/** json.dumps with Python's defaults: ", " and ": " separators, non-ASCII as \uXXXX. */
function pythonJson(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`
  if (typeof value === 'object')
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pythonJson(k)}: ${pythonJson(v)}`)
      .join(', ')}}`
  if (typeof value === 'string')
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
  return JSON.stringify(value)
}

/**
 * Writes an SQLite file exactly as Rasa 3.6's SQLTrackerStore does (rasa/core/tracker_store.py):
 * the DDL below is what its SQLAlchemy model creates (copied from a file Rasa 3.6.21 created), and
 * each row is filled as SQLTrackerStore.save does: data = event.as_dict() as JSON, intent_name =
 * data.parse_data.intent.name, action_name = data.name (the action's name, or a slot's name),
 * timestamp = data.timestamp (Unix seconds, float).
 */
import Database from 'better-sqlite3'

const RASA_EVENTS_DDL = `CREATE TABLE events (
	id INTEGER NOT NULL, 
	sender_id VARCHAR(255) NOT NULL, 
	type_name VARCHAR(255) NOT NULL, 
	timestamp FLOAT, 
	intent_name VARCHAR(255), 
	action_name VARCHAR(255), 
	data TEXT, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_events_sender_id ON events (sender_id);`

export type RasaEvent = Record<string, unknown> & { event: string; timestamp: number }

/** Rasa event dicts (as Event.as_dict() gives them), at a WIB wall time "2026-06-15 09:00:05". */
export const rasaEvent = {
  at: (wib: string): number => Date.parse(`${wib.replace(' ', 'T')}+07:00`) / 1000,
  sessionStart: (t: number): RasaEvent[] => [
    { event: 'action', timestamp: t, name: 'action_session_start', policy: null, confidence: 1 },
    { event: 'session_started', timestamp: t },
    { event: 'action', timestamp: t, name: 'action_listen', policy: null, confidence: null }
  ],
  user: (t: number, text: string, intent: string, confidence = 0.95): RasaEvent => ({
    event: 'user',
    timestamp: t,
    metadata: {},
    text,
    parse_data: {
      intent: { name: intent, confidence },
      entities: [],
      text,
      message_id: `m${Math.round(t * 1000)}`,
      metadata: {},
      intent_ranking: [{ name: intent, confidence }]
    },
    input_channel: 'telegram_gateway',
    message_id: `m${Math.round(t * 1000)}`
  }),
  action: (t: number, name: string): RasaEvent => ({
    event: 'action',
    timestamp: t,
    name,
    policy: 'RulePolicy',
    confidence: 1,
    action_text: null,
    hide_rule_turn: false
  }),
  bot: (t: number, text: string): RasaEvent => ({
    event: 'bot',
    timestamp: t,
    metadata: { utter_action: 'utter_x' },
    text,
    data: {}
  }),
  slot: (t: number, name: string, value: unknown): RasaEvent => ({
    event: 'slot',
    timestamp: t,
    name,
    value
  }),
  pause: (t: number): RasaEvent => ({ event: 'pause', timestamp: t })
}

/** Creates (or appends to) a tracker-store file and saves each sender's events in order. */
export function writeRasaTrackerStore(
  file: string,
  conversations: Array<{ sender: string; events: RasaEvent[] }>
): void {
  const db = new Database(file)
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'events'").get()
    if (exists === undefined) db.exec(RASA_EVENTS_DDL)
    const insert = db.prepare(
      'INSERT INTO events (sender_id, type_name, timestamp, intent_name, action_name, data) VALUES (?, ?, ?, ?, ?, ?)'
    )
    db.transaction(() => {
      for (const { sender, events } of conversations)
        for (const data of events) {
          const parse = data.parse_data as { intent?: { name?: string } } | undefined
          insert.run(
            sender,
            data.event,
            data.timestamp,
            parse?.intent?.name ?? null,
            typeof data.name === 'string' ? data.name : null,
            JSON.stringify(data)
          )
        }
    })()
  } finally {
    db.close()
  }
}

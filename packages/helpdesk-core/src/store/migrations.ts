/**
 * Versioned schema migrations, applied in order inside one transaction each. Never edit a
 * migration that has shipped; add the next version instead.
 */
export interface Migration {
  version: number
  name: string
  /** SQLite DDL (DATABASE_FILE). */
  sql: string
  /** The same schema for PostgreSQL (DATABASE_URL); same tables, columns and names. */
  postgres?: string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tickets, TTE requests, WhatsApp outbox, audit log',
    sql: `
      CREATE TABLE tickets (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        number        TEXT NOT NULL UNIQUE,
        day           TEXT NOT NULL,
        seq           INTEGER NOT NULL,
        category      TEXT NOT NULL,
        sender_id     TEXT NOT NULL,
        status        TEXT NOT NULL DEFAULT 'baru',
        request_key   TEXT UNIQUE,
        summary       TEXT NOT NULL,
        data          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        UNIQUE (day, seq)
      );
      CREATE INDEX tickets_sender ON tickets (sender_id, created_at);

      CREATE TABLE tte_requests (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_number   TEXT NOT NULL REFERENCES tickets (number),
        sender_id       TEXT NOT NULL,
        jenis_identitas TEXT NOT NULL,
        identitas       TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'diajukan',
        created_at      TEXT NOT NULL
      );
      CREATE INDEX tte_requests_identitas ON tte_requests (identitas, created_at);

      CREATE TABLE whatsapp_outbox (
        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key     TEXT NOT NULL UNIQUE,
        recipient           TEXT NOT NULL,
        payload             TEXT NOT NULL,
        contains_secret     INTEGER NOT NULL DEFAULT 0,
        ticket_number       TEXT,
        status              TEXT NOT NULL DEFAULT 'pending',
        attempts            INTEGER NOT NULL DEFAULT 0,
        last_error          TEXT,
        provider_message_id TEXT,
        next_attempt_at     TEXT NOT NULL,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      );
      CREATE INDEX whatsapp_outbox_due ON whatsapp_outbox (status, next_attempt_at);

      CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        at         TEXT NOT NULL,
        sender_id  TEXT NOT NULL,
        event      TEXT NOT NULL,
        detail     TEXT NOT NULL
      );
      CREATE INDEX audit_log_sender_event ON audit_log (sender_id, event, at);
    `
  },
  {
    version: 2,
    name: 'identity limits shared by every action-server process',
    sql: `
      -- One row per counted identity action (lookup, reset request). bucket names what is counted
      -- and for whom, e.g. lookup:subject:<pseudonym>; the pseudonym is a hash of the NIP/NIK,
      -- never the number itself. ref: the ticket a reset request opened (for "the earlier one
      -- stands"). Rows older than the longest window are deleted on every write.
      CREATE TABLE identity_limit_events (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        bucket  TEXT NOT NULL,
        at      TEXT NOT NULL,
        ref     TEXT
      );
      CREATE INDEX identity_limit_events_bucket ON identity_limit_events (bucket, at);
      CREATE INDEX identity_limit_events_at ON identity_limit_events (at);
    `
  },
  {
    // The staff console (console/): staff accounts, sessions, sign-in failures, the staff audit log,
    // ticket work (assignee, SLA deadline, timeline events) and staff decisions on TTE requests.
    version: 4,
    name: 'staff console: accounts, sessions, login failures, staff audit, ticket work, TTE decisions',
    sql: `
      CREATE TABLE staff_accounts (
        id                  INTEGER PRIMARY KEY AUTOINCREMENT,
        username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role                TEXT NOT NULL CHECK (role IN ('admin', 'petugas')),
        password_hash       TEXT NOT NULL,
        disabled_at         TEXT,
        created_at          TEXT NOT NULL,
        password_changed_at TEXT NOT NULL
      );

      CREATE TABLE staff_sessions (
        sid        TEXT PRIMARY KEY,
        account_id INTEGER REFERENCES staff_accounts (id),
        data       TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX staff_sessions_account ON staff_sessions (account_id);
      CREATE INDEX staff_sessions_expires ON staff_sessions (expires_at);

      CREATE TABLE staff_login_failures (
        id    INTEGER PRIMARY KEY AUTOINCREMENT,
        scope TEXT NOT NULL CHECK (scope IN ('account', 'address')),
        key   TEXT NOT NULL,
        at    TEXT NOT NULL
      );
      CREATE INDEX staff_login_failures_key ON staff_login_failures (scope, key, at);

      CREATE TABLE staff_audit_log (
        id      INTEGER PRIMARY KEY AUTOINCREMENT,
        at      TEXT NOT NULL,
        actor   TEXT NOT NULL,
        action  TEXT NOT NULL,
        target  TEXT NOT NULL DEFAULT '',
        detail  TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX staff_audit_log_at ON staff_audit_log (at);
      CREATE INDEX staff_audit_log_action ON staff_audit_log (action, at);

      ALTER TABLE tickets ADD COLUMN assignee_id INTEGER REFERENCES staff_accounts (id);
      ALTER TABLE tickets ADD COLUMN updated_at TEXT;
      ALTER TABLE tickets ADD COLUMN due_at TEXT;
      CREATE INDEX tickets_created ON tickets (created_at);
      CREATE INDEX tickets_status_created ON tickets (status, created_at);
      CREATE INDEX tickets_category_created ON tickets (category, created_at);
      CREATE INDEX tickets_assignee_created ON tickets (assignee_id, created_at);
      CREATE INDEX tickets_status_due ON tickets (status, due_at);
      CREATE INDEX tickets_due ON tickets (due_at);
      CREATE INDEX tickets_due_missing ON tickets (id) WHERE due_at IS NULL;

      CREATE TABLE ticket_events (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id  INTEGER NOT NULL REFERENCES tickets (id),
        at         TEXT NOT NULL,
        actor      TEXT NOT NULL,
        kind       TEXT NOT NULL,
        visibility TEXT NOT NULL DEFAULT 'internal' CHECK (visibility IN ('internal', 'pengguna')),
        body       TEXT NOT NULL DEFAULT '',
        detail     TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id);

      ALTER TABLE tte_requests ADD COLUMN decided_at TEXT;
      ALTER TABLE tte_requests ADD COLUMN decided_by TEXT;
      ALTER TABLE tte_requests ADD COLUMN decision_reason TEXT;
      CREATE INDEX tte_requests_status ON tte_requests (status, created_at);
      CREATE INDEX whatsapp_outbox_status ON whatsapp_outbox (status, id);
    `
  },
  {
    // Satisfaction survey (CSAT / SKM): one row per survey the bot asked. conversation_key names
    // what the survey is about, so the same conversation is never asked twice:
    // 'tiket:<ticket number>', 'ambil_alih:<takeover id>' or 'sesi:<sender id>:<session start>'.
    // rating and comment stay NULL until the user answers; an unanswered survey blocks nothing.
    version: 5,
    name: 'satisfaction surveys (CSAT / SKM)',
    sql: `
      CREATE TABLE csat_surveys (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        conversation_key TEXT NOT NULL UNIQUE,
        sender_id        TEXT NOT NULL,
        source           TEXT NOT NULL CHECK (source IN ('layanan_mandiri', 'tiket', 'ambil_alih')),
        ticket_number    TEXT,
        asked_at         TEXT NOT NULL,
        rating           INTEGER CHECK (rating BETWEEN 1 AND 5),
        rated_at         TEXT,
        comment          TEXT,
        commented_at     TEXT
      );
      CREATE INDEX csat_surveys_sender ON csat_surveys (sender_id, asked_at);
      CREATE INDEX csat_surveys_rated ON csat_surveys (rated_at);
      CREATE INDEX csat_surveys_ticket ON csat_surveys (ticket_number);
    `
  },
  {
    // Live takeover (staff console): one row per time a staff member took a conversation over
    // from the bot. The partial UNIQUE index is the "two staff cannot take over at once" rule:
    // a second INSERT for the same sender while one is active fails atomically.
    // last_event_time is the Rasa timestamp of the last tracker event the console has seen.
    version: 6,
    name: 'live takeovers (staff console)',
    sql: `
      CREATE TABLE takeovers (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket_id        INTEGER NOT NULL REFERENCES tickets (id),
        sender_id        TEXT NOT NULL,
        staff_id         INTEGER NOT NULL REFERENCES staff_accounts (id),
        staff_username   TEXT NOT NULL,
        started_at       TEXT NOT NULL,
        last_activity_at TEXT NOT NULL,
        last_event_time  REAL NOT NULL DEFAULT 0,
        ended_at         TEXT,
        ended_by         TEXT,
        end_reason       TEXT CHECK (end_reason IN ('staf', 'menganggur', 'percakapan_diulang'))
      );
      CREATE UNIQUE INDEX takeovers_one_active ON takeovers (sender_id) WHERE ended_at IS NULL;
      CREATE INDEX takeovers_ticket ON takeovers (ticket_id, id);
    `
  },
  {
    // Conversation review in the staff console (issue 16.3). A conversation is one Rasa session:
    // the sender (Telegram chat id) and the id of its `action_session_start` row in Rasa's SQL
    // tracker store (`events.id`), which stays read-only. Personal data: sender_id links a review
    // to a chat, so purge (session start past RETENTION_DAYS) and erase (by sender) delete the rows.
    // review_nlu_examples records what was written to the NLU review file (text already masked).
    version: 7,
    name: 'conversation review (tags, reviewed, NLU review examples)',
    sql: `
      CREATE TABLE conversation_reviews (
        id                 INTEGER PRIMARY KEY AUTOINCREMENT,
        sender_id          TEXT NOT NULL,
        session_event_id   INTEGER NOT NULL,
        session_started_at TEXT NOT NULL,
        reviewed_by        TEXT,
        reviewed_at        TEXT,
        updated_by         TEXT NOT NULL,
        updated_at         TEXT NOT NULL,
        UNIQUE (session_event_id, sender_id)
      );
      CREATE INDEX conversation_reviews_sender ON conversation_reviews (sender_id);
      CREATE INDEX conversation_reviews_started ON conversation_reviews (session_started_at);

      CREATE TABLE conversation_review_tags (
        review_id INTEGER NOT NULL REFERENCES conversation_reviews (id) ON DELETE CASCADE,
        tag       TEXT NOT NULL,
        added_by  TEXT NOT NULL,
        added_at  TEXT NOT NULL,
        PRIMARY KEY (review_id, tag)
      );
      CREATE INDEX conversation_review_tags_tag ON conversation_review_tags (tag);

      CREATE TABLE review_nlu_examples (
        id            INTEGER PRIMARY KEY AUTOINCREMENT,
        review_id     INTEGER NOT NULL REFERENCES conversation_reviews (id) ON DELETE CASCADE,
        message_index INTEGER NOT NULL,
        intent        TEXT NOT NULL,
        masked_text   TEXT NOT NULL,
        added_by      TEXT NOT NULL,
        added_at      TEXT NOT NULL
      );
      CREATE INDEX review_nlu_examples_review ON review_nlu_examples (review_id);
    `
  },
  {
    // Analytics for the console's dashboard (issue 16). The gateway writes one turn_timings row
    // per user turn (no sender, no text) and counts it in turn_timing_histogram (per WIB day, in
    // 100 ms steps: a year's p50/p95 is read from some thousand rows, not from every turn). The
    // console copies what it needs from Rasa's own tracker store (table events, read-only) by event
    // id (analytics_sync keeps the last id), because Rasa's table has no timestamp index and holds
    // the whole JSON of every event: one analytics_sessions row per conversation (Rasa session)
    // and message counts per day and hour / per day and intent. sender_key is a hash of the chat
    // id (never the id itself), cleared after RETENTION_DAYS and by an erasure of that chat.
    // unrecognized_messages keeps the texts Rasa classified nlu_fallback, masked, deleted after
    // RETENTION_DAYS. day is the WIB calendar day ('2026-06-17'), hour the WIB hour (0-23).
    version: 8,
    name: 'dashboard analytics: gateway turn timings, copies of Rasa events, misunderstood texts',
    sql: `
      CREATE TABLE turn_timings (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        at          TEXT NOT NULL,
        day         TEXT NOT NULL,
        hour        INTEGER NOT NULL,
        channel     TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        outcome     TEXT NOT NULL CHECK (outcome IN ('ok', 'failed'))
      );
      CREATE INDEX turn_timings_day ON turn_timings (day);

      CREATE TABLE turn_timing_histogram (
        day       TEXT NOT NULL,
        bucket_ms INTEGER NOT NULL,
        turns     INTEGER NOT NULL,
        PRIMARY KEY (day, bucket_ms)
      ) WITHOUT ROWID;

      CREATE TABLE analytics_sync (
        source        TEXT PRIMARY KEY,
        last_event_id INTEGER NOT NULL
      );

      CREATE TABLE analytics_sessions (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        sender_key TEXT,
        started_at REAL NOT NULL,
        day        TEXT NOT NULL,
        messages   INTEGER NOT NULL DEFAULT 0,
        fallbacks  INTEGER NOT NULL DEFAULT 0,
        handoff    INTEGER NOT NULL DEFAULT 0,
        takeover   INTEGER NOT NULL DEFAULT 0,
        service    TEXT
      );
      CREATE INDEX analytics_sessions_sender ON analytics_sessions (sender_key, started_at);
      CREATE INDEX analytics_sessions_started ON analytics_sessions (started_at);
      CREATE INDEX analytics_sessions_day ON analytics_sessions (day, messages, handoff, takeover, service);
      CREATE INDEX analytics_sessions_day_sender ON analytics_sessions (day, sender_key, messages);

      CREATE TABLE analytics_day_hour (
        day      TEXT NOT NULL,
        hour     INTEGER NOT NULL,
        messages INTEGER NOT NULL,
        PRIMARY KEY (day, hour)
      ) WITHOUT ROWID;

      CREATE TABLE analytics_day_intent (
        day      TEXT NOT NULL,
        intent   TEXT NOT NULL,
        messages INTEGER NOT NULL,
        PRIMARY KEY (day, intent)
      ) WITHOUT ROWID;

      CREATE TABLE unrecognized_messages (
        event_id   INTEGER PRIMARY KEY,
        sender_key TEXT,
        at         TEXT NOT NULL,
        day        TEXT NOT NULL,
        text       TEXT NOT NULL
      );
      CREATE INDEX unrecognized_messages_day ON unrecognized_messages (day, at);
      CREATE INDEX unrecognized_messages_at ON unrecognized_messages (at);
      CREATE INDEX unrecognized_messages_sender ON unrecognized_messages (sender_key);

      CREATE INDEX ticket_events_kind_at ON ticket_events (kind, at);
    `
  }
]

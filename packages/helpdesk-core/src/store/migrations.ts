/**
 * Versioned schema migrations, applied in order inside one transaction each. Never edit a
 * migration that has shipped; add the next version instead.
 */
export interface Migration {
  version: number
  name: string
  sql: string
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
  }
]

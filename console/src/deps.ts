import type { FastifyBaseLogger } from 'fastify'
import type { ConsoleConfig } from './config'
import type { Clock, SqlDb } from './data/db'
import type { RasaTrackerSource } from './data/rasa-tracker-store'
import type { SlaPolicy } from './data/sla'
import type { UserNotifier } from './gateway-notifier'
import type { RasaApi } from './rasa/rasa-api'

/** A person's directory record, as the ticket page shows it to staff (full data, audited). */
export interface RequesterRecord {
  nip: string
  nama: string
  nik?: string
  email_dinas: string
  whatsapp: string
  unit_kerja: string
  status_tte: string
  aktif: boolean
}

/** The employee directory (read-only). */
export interface RequesterDirectory {
  findByNip(nip: string): Promise<RequesterRecord | undefined>
  findByNik(nik: string): Promise<RequesterRecord | undefined>
}

/** Everything the console needs from outside; tests build it with a temporary store. */
export interface ConsoleDeps {
  config: ConsoleConfig
  /** The shared store (SQLite or PostgreSQL). */
  sql: SqlDb
  /** Rasa's SQL tracker store, read-only (dashboard and conversation review). */
  tracker: RasaTrackerSource
  clock: Clock
  sla: SlaPolicy
  directory: RequesterDirectory
  logger: FastifyBaseLogger
  /** Delivers notes for the user (the gateway); tests pass one pointed at a loopback fake. */
  notifier: UserNotifier
  /** Rasa's HTTP API (takeover: tracker, pause/resume, agent messages). */
  rasa: RasaApi
}

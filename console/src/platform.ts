// TEMPORARY (until the core package lands): opening the shared store. After the merge this file
// imports openDatabase/MIGRATIONS, the directory and the knowledge base from the core package.
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Db } from './data/db'

export interface Migration { version: number, name: string, sql: string }

export function openStoreDatabase (file: string, migrations: readonly Migration[]): Db {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)')
  const current = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue
    db.transaction(() => {
      db.exec(m.sql)
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString())
    })()
  }
  return db
}

import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import yaml from 'js-yaml'
import type { SlaPolicy } from './data/sla'
import type { RequesterDirectory, RequesterRecord } from './deps'

const ACTIONS_DATA = resolve(__dirname, '..', '..', 'actions-server', 'data')
export const DEFAULT_DIRECTORY_FILE = resolve(ACTIONS_DATA, 'directory.example.yml')
export const DEFAULT_KNOWLEDGE_FILE = resolve(ACTIONS_DATA, 'knowledge.example.yml')

export function loadFileDirectory (file: string): RequesterDirectory {
  const doc = yaml.load(readFileSync(file, 'utf8')) as { pegawai?: RequesterRecord[] }
  const people = doc.pegawai ?? []
  return {
    findByNip: async (nip) => people.find((p) => p.nip === nip),
    findByNik: async (nik) => people.find((p) => p.nik === nik)
  }
}

export const DEFAULT_SLA: SlaPolicy = {
  calendar: { days: [1, 2, 3, 4, 5], startMinute: 8 * 60, endMinute: 16 * 60 },
  categoryHours: { handoff: 8, reset_password: 8, tte: 16, identitas_gagal: 8 },
  systemHours: {}
}

export function loadSla (_file: string): SlaPolicy { return DEFAULT_SLA }

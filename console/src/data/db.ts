import type Database from 'better-sqlite3'

/** The shared store's connection (SQLite, WAL, busy timeout: opened by the core store). */
export type Db = Database.Database

/** Injected time source, so tests control dates. */
export interface Clock { now (): Date }
export const systemClock: Clock = { now: () => new Date() }

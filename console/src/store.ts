import { openDatabase, type Db } from '@helpdesk/core'

/**
 * Opens the shared store (the action server's SQLite file) with every migration of the core
 * package, the console's tables (version 4) included: WAL, busy timeout, foreign keys.
 */
export const openConsoleStore = (file: string): Db => openDatabase(file)

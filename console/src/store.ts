import { CONSOLE_MIGRATIONS } from './data/console-migrations'
import type { Db } from './data/db'
import { openStoreDatabase } from './platform'

/** Opens the shared store with every migration (the bot's and the console's). */
export function openConsoleStore (file: string): Db {
  return openStoreDatabase(file, [...CONSOLE_MIGRATIONS])
}

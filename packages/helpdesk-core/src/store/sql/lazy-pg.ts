/**
 * The `pg` driver, loaded only when a PostgreSQL database is opened: it costs about 15 MiB of
 * resident memory in every process that imports @helpdesk/core, also in the embedded SQLite
 * set-up that never uses it (issue 18.1).
 */
import type pg from 'pg'

export function loadPg(): typeof pg {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deliberately lazy, see above
  return require('pg') as typeof pg
}

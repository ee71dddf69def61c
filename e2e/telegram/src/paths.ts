import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** e2e/telegram/, found from this file whether it runs compiled (dist/src) or from source (src). */
function findRoot(): string {
  let dir = __dirname
  while (!existsSync(join(dir, 'schema', 'script.schema.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error('e2e/telegram root not found above ' + __dirname)
    dir = parent
  }
  return dir
}

export const TELEGRAM_E2E_ROOT = findRoot()
export const REPO_ROOT = join(TELEGRAM_E2E_ROOT, '..', '..')

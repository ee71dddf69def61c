/** src/sdk knows nothing of HTTP, of our domain actions or of any package: it imports only itself. */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const SDK_DIR = resolve(__dirname, '..', '..', 'src', 'sdk')

describe('SDK layering', () => {
  const files = readdirSync(SDK_DIR).filter((f) => f.endsWith('.ts'))

  test.each(files.map((f) => [f]))(
    'When %s imports something, then it is a sibling SDK module',
    (file) => {
      const source = readFileSync(join(SDK_DIR, file), 'utf8')
      const specifiers = [...source.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1])

      expect(specifiers.filter((s) => s === undefined || !/^\.\/[a-z-]+$/.test(s))).toEqual([])
    }
  )
})

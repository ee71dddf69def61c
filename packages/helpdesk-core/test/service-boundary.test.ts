/**
 * The rule that keeps one home per piece of code: a service never imports another service's (or
 * the core's) `src/` by path; shared code is imported as '@helpdesk/core'. Checked by running the
 * repository's ESLint on probe sources, as `npm run lint` would see them.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'

const ROOT = resolve(__dirname, '..', '..', '..')
const ESLINT = resolve(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js')

function lint(fileName: string, source: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [ESLINT, '--stdin', '--stdin-filename', fileName], {
    cwd: ROOT,
    input: source,
    encoding: 'utf8'
  })
  return { status: run.status, output: run.stdout + run.stderr }
}

describe('service boundaries (eslint)', () => {
  it.each([
    [
      'gateway/src/probe.ts',
      "import { loadConfig } from '../../actions-server/src/config'\nexport const probe = loadConfig\n"
    ],
    [
      'actions-server/src/probe.ts',
      "import { openStore } from '../../packages/helpdesk-core/src/store'\nexport const probe = openStore\n"
    ],
    [
      'console/src/probe.ts',
      "import { buildApp } from '../../actions-server/src/app'\nexport const probe = buildApp\n"
    ]
  ])(
    'When %s reaches into another src/ by path, then lint fails and names @helpdesk/core',
    (file, source) => {
      const { status, output } = lint(file, source)
      expect(status).toBe(1)
      expect(output).toContain("Import shared code from '@helpdesk/core'")
    },
    60000
  )

  it('When a service imports the core by its package name, then lint passes', () => {
    const { status, output } = lint(
      'actions-server/src/probe.ts',
      "import { openStore } from '@helpdesk/core'\nexport const probe = openStore\n"
    )
    expect(output).toBe('')
    expect(status).toBe(0)
  }, 60000)
})

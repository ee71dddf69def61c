/** scripts/lib/env-file.mjs: `.env` lines read the way docker compose reads them (dotenv parser). */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const HELPER = resolve(__dirname, '..', 'lib', 'env-file.mjs')

function parseEnvFile(text: string): {
  status: number | null
  pairs: Record<string, string>
  stderr: string
} {
  const dir = mkdtempSync(join(tmpdir(), 'env-file-'))
  try {
    const file = join(dir, '.env')
    writeFileSync(file, text)
    const run = spawnSync(process.execPath, [HELPER, file], { encoding: 'utf8' })
    const pairs: Record<string, string> = {}
    for (const pair of run.stdout.split('\0').filter((p) => p !== '')) {
      const at = pair.indexOf('=')
      pairs[pair.slice(0, at)] = pair.slice(at + 1)
    }
    return { status: run.status, pairs, stderr: run.stderr }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('env-file.mjs', () => {
  test('When values are quoted as people write them for compose, then the quotes are not part of the value', () => {
    const { status, pairs } = parseEnvFile(
      [
        '# a comment',
        'ACTIONS_PORT="15055"',
        "RASA_PORT='15005'",
        'export GATEWAY_PORT=18080',
        'LOG_LEVEL=debug # trailing comment',
        'GREETING="halo dunia"',
        'EMPTY=',
        ''
      ].join('\n')
    )

    expect(status).toBe(0)
    expect(pairs).toEqual({
      ACTIONS_PORT: '15055',
      RASA_PORT: '15005',
      GATEWAY_PORT: '18080',
      LOG_LEVEL: 'debug',
      GREETING: 'halo dunia',
      EMPTY: ''
    })
  })

  test('When a double-quoted value has \\n or spans lines, then it keeps its newlines; = inside a value stays', () => {
    const { pairs } = parseEnvFile(
      'KEY="baris satu\\nbaris dua"\nMULTI="a\nb"\nURL=http://x/?a=b&c=d\n'
    )

    expect(pairs).toEqual({ KEY: 'baris satu\nbaris dua', MULTI: 'a\nb', URL: 'http://x/?a=b&c=d' })
  })

  test('When the file cannot be read, then one line says so and the exit code is 1', () => {
    const run = spawnSync(process.execPath, [HELPER, '/nonexistent/.env'], { encoding: 'utf8' })

    expect(run.status).toBe(1)
    expect(run.stderr).toBe('npm start: cannot read /nonexistent/.env: ENOENT\n')
  })
})

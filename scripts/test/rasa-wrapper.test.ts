/**
 * scripts/rasa.sh hands Rasa what Rasa understands: its own log level (RASA_LOG_LEVEL, Python
 * spelling) instead of the Node services' LOG_LEVEL, loopback by default, and the API token.
 * A recording stand-in for the `rasa` executable shows the command line and environment the
 * script builds (the real Rasa runs in the quick-start smoke and the end-to-end stages).
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const RASA_SH = resolve(__dirname, '..', 'rasa.sh')

describe('scripts/rasa.sh', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rasa-sh-'))
    mkdirSync(join(dir, 'venv', 'bin'), { recursive: true })
    const rasa = join(dir, 'venv', 'bin', 'rasa')
    writeFileSync(rasa, '#!/bin/sh\necho "LOG_LEVEL=$LOG_LEVEL"\necho "ARGS=$*"\n')
    chmodSync(rasa, 0o755)
    mkdirSync(join(dir, 'models'))
    writeFileSync(join(dir, 'models', 'helpdesk.tar.gz'), '')
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  function run(env: Record<string, string>): {
    status: number | null
    stdout: string
    stderr: string
  } {
    const result = spawnSync('bash', [RASA_SH, 'run'], {
      env: {
        PATH: process.env.PATH ?? '',
        RASA_VENV: join(dir, 'venv'),
        RASA_MODEL_DIR: join(dir, 'models'),
        ...env
      },
      encoding: 'utf8'
    })
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  }

  test('When LOG_LEVEL is warn (for the Node services), then Rasa gets INFO, its own default, not "warn"', () => {
    const { status, stdout } = run({ LOG_LEVEL: 'warn' })

    expect(status).toBe(0)
    expect(stdout).toContain('LOG_LEVEL=INFO\n')
  })

  test('When RASA_LOG_LEVEL is debug or warn, then Rasa gets DEBUG or WARNING', () => {
    expect(run({ LOG_LEVEL: 'info', RASA_LOG_LEVEL: 'debug' }).stdout).toContain(
      'LOG_LEVEL=DEBUG\n'
    )
    expect(run({ RASA_LOG_LEVEL: 'warn' }).stdout).toContain('LOG_LEVEL=WARNING\n')
  })

  test('When RASA_LOG_LEVEL is not a Python level, then one line names it and Rasa is not started', () => {
    const { status, stdout, stderr } = run({ RASA_LOG_LEVEL: 'verbose' })

    expect(status).toBe(1)
    expect(stderr).toBe(
      'rasa.sh: RASA_LOG_LEVEL must be one of: DEBUG, INFO, WARNING, ERROR, CRITICAL\n'
    )
    expect(stdout).toBe('')
  })

  test('When run without RASA_HOST, then Rasa listens on 127.0.0.1; with RASA_AUTH_TOKEN, the API requires it', () => {
    expect(run({}).stdout).toMatch(/^ARGS=run --enable-api -i 127\.0\.0\.1 -p 5005 /m)
    expect(run({ RASA_AUTH_TOKEN: 'run-token-0123456789' }).stdout).toMatch(
      /^ARGS=run --enable-api --auth-token run-token-0123456789 -i 127\.0\.0\.1 -p 5005 /m
    )
  })
})

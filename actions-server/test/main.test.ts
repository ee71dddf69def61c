/** The real entry point in a child process: config errors, start on a port, SIGTERM shutdown. */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { httpCall } from './helpers/http-client'

// A child Node process transpiling src/ on the fly is slow on a loaded 2-core machine.
jest.setTimeout(90_000)

const MAIN = resolve(__dirname, '..', 'src', 'main.ts')
const REGISTER = resolve(
  __dirname,
  '..',
  '..',
  'packages',
  'helpdesk-core',
  'test',
  'helpers',
  'ts-register.js'
)

interface Child {
  exitCode: Promise<number | null>
  stdout: () => string
  stderr: () => string
  kill: (signal: NodeJS.Signals) => void
}

function startMain(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['-r', REGISTER, MAIN], {
    // Only what a process needs plus the test's variables: no inherited ACTIONS_* from the developer's shell.
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString()
  })
  return {
    exitCode: new Promise((resolve) => child.on('exit', (code) => resolve(code))),
    stdout: () => out,
    stderr: () => err,
    kill: (signal) => {
      child.kill(signal)
    }
  }
}

async function waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 1600; i++) {
    const value = probe()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`gave up waiting for ${what}`)
}

describe('main.ts', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'actions-main-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  test('When a variable is invalid, then exactly one line names it and the rule, exit code 1, no stack trace', async () => {
    const child = startMain({ ACTIONS_PORT: 'lima-lima', DATABASE_FILE: join(dir, 'db.sqlite') })

    expect(await child.exitCode).toBe(1)
    expect(child.stderr()).toBe(
      'Invalid configuration: ACTIONS_PORT must be a whole number between 0 and 65535\n'
    )
    expect(child.stdout()).toBe('')
  })

  test('When a conditional requirement is missing, then the one line names the missing variable', async () => {
    const child = startMain({ WHATSAPP_MODE: 'cloud', DATABASE_FILE: join(dir, 'db.sqlite') })

    expect(await child.exitCode).toBe(1)
    expect(child.stderr()).toBe(
      'Invalid configuration: WHATSAPP_PHONE_NUMBER_ID is required when WHATSAPP_MODE is cloud\n'
    )
  })

  test('When started and then sent SIGTERM, then it serves /health, shuts down gracefully and exits 0', async () => {
    const child = startMain({
      ACTIONS_HOST: '127.0.0.1',
      ACTIONS_PORT: '0',
      DATABASE_FILE: join(dir, 'db.sqlite'),
      LOG_LEVEL: 'info'
    })
    try {
      const url = await waitFor(
        () => /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(child.stdout())?.[1],
        'the listening log line'
      )

      const health = await httpCall(url, '/health')
      expect(health.status).toBe(200)
      expect(health.json).toEqual({ status: 'ok' })

      child.kill('SIGTERM')
      expect(await child.exitCode).toBe(0)
      const messages = child
        .stdout()
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { msg: string; signal?: string })
      expect(messages).toContainEqual(
        expect.objectContaining({
          msg: 'shutting down: finishing in-flight requests',
          signal: 'SIGTERM'
        })
      )
      expect(messages.at(-1)?.msg).toBe('action server stopped')
    } finally {
      child.kill('SIGKILL')
    }
  })

  test('When ACTIONS_HOST is not loopback and no ACTIONS_TOKEN is set, then it refuses to listen with one line naming ACTIONS_TOKEN', async () => {
    const child = startMain({
      ACTIONS_HOST: '0.0.0.0',
      ACTIONS_PORT: '0',
      DATABASE_FILE: join(dir, 'db.sqlite')
    })

    expect(await child.exitCode).toBe(1)
    expect(child.stderr()).toMatch(
      /^Invalid configuration: ACTIONS_TOKEN is required when ACTIONS_HOST is not a loopback address .*ACTIONS_ALLOW_INSECURE=1.*\n$/
    )
    expect(child.stdout()).toBe('')
  })

  test('When ACTIONS_ALLOW_INSECURE=1 opts out, then it listens without a token and says INSECURE on stderr and in the log', async () => {
    const child = startMain({
      ACTIONS_HOST: '0.0.0.0',
      ACTIONS_PORT: '0',
      ACTIONS_ALLOW_INSECURE: '1',
      DATABASE_FILE: join(dir, 'db.sqlite')
    })
    try {
      await waitFor(() => /Server listening at/.exec(child.stdout())?.[0], 'the listening log line')
      expect(child.stderr()).toMatch(/^INSECURE: ACTIONS_ALLOW_INSECURE=1 and no ACTIONS_TOKEN/)
      expect(child.stdout()).toContain('"code":"ACT_WARN_INSECURE"')
    } finally {
      child.kill('SIGKILL')
    }
  })

  test('When the port is taken by another program, then one line names ACTIONS_PORT (no stack trace)', async () => {
    const other: Server = createServer()
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve))
    const port = (other.address() as { port: number }).port
    try {
      const child = startMain({
        ACTIONS_HOST: '127.0.0.1',
        ACTIONS_PORT: String(port),
        DATABASE_FILE: join(dir, 'db.sqlite')
      })

      expect(await child.exitCode).toBe(1)
      expect(child.stderr()).toBe(
        `Invalid configuration: ACTIONS_PORT: 127.0.0.1:${port} is already in use by another program\n`
      )
    } finally {
      other.close()
    }
  })

  test('When DATABASE_FILE cannot be created, then one line names DATABASE_FILE (no stack trace)', async () => {
    // A regular file where the folder should be: fails for root too (CI containers run as root).
    const notAFolder = join(dir, 'not-a-folder')
    writeFileSync(notAFolder, '')
    const child = startMain({
      ACTIONS_HOST: '127.0.0.1',
      ACTIONS_PORT: '0',
      DATABASE_FILE: join(notAFolder, 'db.sqlite')
    })

    expect(await child.exitCode).toBe(1)
    expect(child.stderr()).toMatch(
      /^Invalid configuration: DATABASE_FILE cannot be opened for writing \(E[A-Z]+\)\n$/
    )
  })

  test('When DATABASE_URL is not a PostgreSQL URL, then one line names DATABASE_URL and never shows the URL or its password', async () => {
    const child = startMain({
      ACTIONS_HOST: '127.0.0.1',
      ACTIONS_PORT: '0',
      DATABASE_URL: 'mysql://helpdesk:Rahasia-Sekali-42@db.example.go.id/helpdesk'
    })

    expect(await child.exitCode).toBe(1)
    expect(child.stderr()).toBe(
      'Invalid configuration: DATABASE_URL must be a postgres:// or postgresql:// URL\n'
    )
    expect(child.stdout()).not.toContain('Rahasia-Sekali-42')
  })

  test('When the PostgreSQL server of DATABASE_URL cannot be reached, then one line names DATABASE_URL, without the password, in stderr and in the log', async () => {
    const child = startMain({
      ACTIONS_HOST: '127.0.0.1',
      ACTIONS_PORT: '0',
      DATABASE_URL: 'postgres://helpdesk:Rahasia-Sekali-42@127.0.0.1:9/helpdesk'
    })

    expect(await child.exitCode).toBe(1)
    expect(child.stderr()).toMatch(
      /^Store unavailable: the PostgreSQL store of DATABASE_URL cannot be used \(.*ECONNREFUSED.*\)\n$/
    )
    expect(child.stderr() + child.stdout()).not.toContain('Rahasia-Sekali-42')
  })

  test('When it creates the store, then its folder is 0700 and the SQLite file 0600 (owner only)', async () => {
    const file = join(dir, 'var', 'db.sqlite')
    const child = startMain({ ACTIONS_HOST: '127.0.0.1', ACTIONS_PORT: '0', DATABASE_FILE: file })
    try {
      await waitFor(() => /Server listening at/.exec(child.stdout())?.[0], 'the listening log line')
      expect(statSync(join(dir, 'var')).mode & 0o777).toBe(0o700)
      expect(statSync(file).mode & 0o777).toBe(0o600)
    } finally {
      child.kill('SIGKILL')
    }
  })
})

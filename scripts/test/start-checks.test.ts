/**
 * `npm start` (scripts/start.sh) refuses to start next to another program on one of its ports,
 * with one line naming the variable, before it builds, trains or starts anything.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { freePort } from '../../e2e/shared/http-util'

const ROOT = resolve(__dirname, '..', '..')

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

async function npmStart(env: Record<string, string>): Promise<Run> {
  const child = spawn('bash', [join(ROOT, 'scripts', 'start.sh')], {
    cwd: ROOT,
    // No inherited service variables from the developer's shell; a throw-away env file.
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const status = await new Promise<number | null>((resolve) =>
    child.on('exit', (code) => resolve(code))
  )
  return { status, stdout, stderr }
}

/** "Another server": something already listening on loopback, as a second Rasa would be. */
async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, port: (server.address() as { port: number }).port }
}

describe('npm start port checks', () => {
  let dir: string
  let busy: { server: Server; port: number }
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'npm-start-'))
    busy = await occupy()
  })
  afterEach(() => {
    busy.server.close()
    rmSync(dir, { recursive: true, force: true })
  })

  test('When another server listens on the Rasa port, then npm start stops with one line naming RASA_PORT and starts nothing', async () => {
    const run = await npmStart({
      START_ENV_FILE: join(dir, 'none.env'),
      RASA_PORT: String(busy.port),
      ACTIONS_PORT: String(await freePort())
    })

    expect(run.status).toBe(1)
    expect(run.stderr).toBe(
      `npm start: RASA_PORT ${busy.port} on 127.0.0.1 is already in use (another program listens there); stop that program or set RASA_PORT to a free port in .env\n`
    )
    expect(run.stdout).not.toContain('2/5')
  })

  test('When another server listens on the action-server port, then the line names ACTIONS_PORT', async () => {
    const run = await npmStart({
      START_ENV_FILE: join(dir, 'none.env'),
      ACTIONS_PORT: String(busy.port),
      RASA_PORT: String(await freePort())
    })

    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(
      new RegExp(`^npm start: ACTIONS_PORT ${busy.port} on 127\\.0\\.0\\.1 is already in use`)
    )
  })

  test('When .env gives the port in quotes (compose style), then it is read without the quotes', async () => {
    const envFile = join(dir, '.env')
    writeFileSync(
      envFile,
      `# ports\nRASA_PORT="${busy.port}"\nexport ACTIONS_PORT='${await freePort()}'\n`
    )

    const run = await npmStart({ START_ENV_FILE: envFile })

    expect(run.status).toBe(1)
    expect(run.stderr).toMatch(
      new RegExp(`^npm start: RASA_PORT ${busy.port} on 127\\.0\\.0\\.1 is already in use`)
    )
  })

  test('When the shell and .env both set a port, then the shell wins (as with compose)', async () => {
    const envFile = join(dir, '.env')
    writeFileSync(envFile, `RASA_PORT=${await freePort()}\n`)

    const run = await npmStart({
      START_ENV_FILE: envFile,
      RASA_PORT: String(busy.port),
      ACTIONS_PORT: String(await freePort())
    })

    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`RASA_PORT ${busy.port} `)
  })
})

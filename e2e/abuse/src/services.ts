/**
 * The real built services on free loopback ports, started the way production starts them
 * (action server WITH a token), with their stdout/stderr in e2e/out/abuse/*.log.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startFakeBotApi, type FakeBotApi } from '../../../gateway/test/fakes'
import { ChildService, httpOk } from '../../shared/child-service'
import { freePort } from '../../shared/http-util'
import { ABUSE_LOG_DIR, REPO_ROOT } from './paths'

const base = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  LANG: 'C.UTF-8',
  TZ: 'UTC'
})

export interface RunningActionServer {
  url: string
  token: string
  service: ChildService
  databaseFile: string
  stop(): Promise<void>
}

/** `node actions-server/dist/main.js` with a token, a private SQLite file and `extraEnv`. */
export async function startActionServer(
  name: string,
  extraEnv: Record<string, string> = {}
): Promise<RunningActionServer> {
  mkdirSync(ABUSE_LOG_DIR, { recursive: true })
  const dir = mkdtempSync(join(tmpdir(), 'abuse-actions-'))
  const port = await freePort()
  const token = randomBytes(24).toString('base64url')
  const databaseFile = join(dir, 'helpdesk.sqlite')
  const service = new ChildService(
    name,
    process.execPath,
    [join(REPO_ROOT, 'actions-server', 'dist', 'main.js')],
    {
      cwd: REPO_ROOT,
      logFile: join(ABUSE_LOG_DIR, `${name}.log`),
      env: {
        ...base(),
        ACTIONS_HOST: '127.0.0.1',
        ACTIONS_PORT: String(port),
        ACTIONS_TOKEN: token,
        DATABASE_FILE: databaseFile,
        LOG_LEVEL: 'info',
        ...extraEnv
      }
    }
  )
  service.start()
  const url = `http://127.0.0.1:${port}`
  await service.waitUntilReady(`${url}/health`, 60_000)
  return {
    url,
    token,
    service,
    databaseFile,
    async stop() {
      await service.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

export interface RunningGateway {
  url: string
  webhookPath: string
  secret: string
  botApi: FakeBotApi
  service: ChildService
  stop(): Promise<void>
}

/**
 * The gateway in webhook mode against the loopback fake Bot API. Rasa is a closed port: every
 * message gets the gateway's honest "busy" answer, which is what an attacker would see too.
 */
export async function startGateway(name: string): Promise<RunningGateway> {
  mkdirSync(ABUSE_LOG_DIR, { recursive: true })
  const botApi = await startFakeBotApi()
  const port = await freePort()
  const closedRasaPort = await freePort()
  const secret = randomBytes(24).toString('base64url')
  const webhookPath = '/telegram/webhook'
  const service = new ChildService(
    name,
    process.execPath,
    [join(REPO_ROOT, 'gateway', 'dist', 'main.js')],
    {
      cwd: REPO_ROOT,
      logFile: join(ABUSE_LOG_DIR, `${name}.log`),
      env: {
        ...base(),
        TELEGRAM_BOT_TOKEN: botApi.token,
        TELEGRAM_API_ROOT: botApi.url,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: `https://helpdesk.example.go.id${webhookPath}`,
        TELEGRAM_WEBHOOK_SECRET: secret,
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(port),
        RASA_URL: `http://127.0.0.1:${closedRasaPort}`,
        RASA_TIMEOUT_MS: '2000',
        LOG_LEVEL: 'info'
      }
    }
  )
  service.start()
  const url = `http://127.0.0.1:${port}`
  await service.waitUntil(
    async () => (await httpOk(`${url}/healthz`)) && botApi.webhook() !== undefined,
    60_000
  )
  return {
    url,
    webhookPath,
    secret,
    botApi,
    service,
    async stop() {
      await service.stop(5_000)
      await botApi.close()
    }
  }
}

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FakeWhatsApp } from '../../shared/fake-whatsapp'
import { FakeResetApi } from '../../shared/fake-reset-api'
import { ChildService, httpOk } from '../../shared/child-service'
import { freePort } from '../../shared/http-util'
import { REPO_ROOT, TELEGRAM_E2E_ROOT } from './paths'
import { RasaProbe } from './rasa-probe'
import { TelegramSide } from './telegram-side'

/** Test-only credentials; they only ever travel over loopback to our own fakes. */
export const TEST_BOT_TOKEN = '123456:TEST-token-for-loopback-only'
const ACTIONS_TOKEN = 'e2e-actions-token'
const WHATSAPP_PHONE_NUMBER_ID = '109876543210'
const WHATSAPP_TOKEN = 'e2e-whatsapp-token'
const RESET_API_TOKEN = 'e2e-reset-token'

export const DIRECTORY_FIXTURE = join(TELEGRAM_E2E_ROOT, 'fixtures', 'directory.yaml')

export interface StackOptions {
  logDir: string
  rasaModel?: string
  /** Rasa endpoints file; default rasa-project/endpoints.yml (the product's own). */
  rasaEndpoints?: string
  rasaStartTimeoutMs: number
  /** Employee directory (DIRECTORY_FILE); default this suite's fixtures/directory.yaml. */
  directoryFile?: string
}

/** The whole product (gateway, Rasa, action server) plus loopback fakes for the outside world. */
export class Stack {
  readonly botApi = new TelegramSide(TEST_BOT_TOKEN)
  readonly whatsapp = new FakeWhatsApp(WHATSAPP_PHONE_NUMBER_ID, WHATSAPP_TOKEN)
  readonly resetApi = new FakeResetApi(RESET_API_TOKEN)
  readonly tempDir = mkdtempSync(join(tmpdir(), 'e2e-telegram-'))
  readonly databaseFile = join(this.tempDir, 'helpdesk.sqlite')
  /** Rasa's SQL tracker store (rasa-project/endpoints.yml), a fresh SQLite file per run. */
  readonly trackerDatabaseFile = join(this.tempDir, 'rasa-tracker.sqlite')
  rasaUrl = ''
  rasa!: ChildService
  /** Public so that the crash suite (e2e/crash) can kill and restart them. */
  actions!: ChildService
  gateway!: ChildService
  actionsHealthUrl = ''
  gatewayHealthUrl = ''
  probe!: RasaProbe

  constructor(private readonly options: StackOptions) {
    mkdirSync(options.logDir, { recursive: true })
  }

  services(): ChildService[] {
    return [this.actions, this.rasa, this.gateway].filter((s) => s !== undefined)
  }

  async start(log: (line: string) => void): Promise<void> {
    const [actionsPort, rasaPort, gatewayPort] = [
      await freePort(),
      await freePort(),
      await freePort()
    ]
    const botApiUrl = await this.botApi.start()
    const whatsappUrl = await this.whatsapp.start()
    const resetUrl = await this.resetApi.start()
    // A private copy: a training running meanwhile may rewrite the file in rasa-project/models/.
    const model = join(this.tempDir, 'model.tar.gz')
    for (const service of ['actions-server', 'gateway']) {
      if (!existsSync(join(REPO_ROOT, service, 'dist', 'main.js')))
        throw new Error(`${service}/dist/main.js is missing: run \`npm run build\` first`)
    }
    const rasaBin = join(REPO_ROOT, '.venv-rasa', 'bin', 'rasa')
    if (!existsSync(rasaBin))
      throw new Error(`Rasa is not installed (${rasaBin}): run \`npm run rasa:setup\` first`)
    const source = this.options.rasaModel ?? latestModel()
    copyFileSync(source, model)
    this.rasaUrl = `http://127.0.0.1:${rasaPort}`
    this.probe = new RasaProbe(this.rasaUrl)
    this.actionsHealthUrl = `http://127.0.0.1:${actionsPort}/health`
    this.gatewayHealthUrl = `http://127.0.0.1:${gatewayPort}/healthz`
    const base = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LANG: 'C.UTF-8',
      TZ: process.env.TZ ?? 'UTC'
    }

    this.rasa = new ChildService(
      'rasa',
      rasaBin,
      [
        'run',
        '--enable-api',
        '-i',
        '127.0.0.1',
        '-p',
        String(rasaPort),
        '-m',
        model,
        '--endpoints',
        this.options.rasaEndpoints ?? 'endpoints.yml',
        '--credentials',
        'credentials.yml'
      ],
      {
        cwd: join(REPO_ROOT, 'rasa-project'),
        logFile: join(this.options.logDir, 'rasa.log'),
        env: {
          ...base,
          ACTION_ENDPOINT_URL: `http://127.0.0.1:${actionsPort}/webhook`,
          ACTIONS_TOKEN,
          RASA_TRACKER_DB: this.trackerDatabaseFile,
          RASA_TELEMETRY_ENABLED: 'false',
          TF_CPP_MIN_LOG_LEVEL: '2',
          SANIC_WORKERS: '1'
        }
      }
    )
    this.actions = new ChildService(
      'actions-server',
      process.execPath,
      [join(REPO_ROOT, 'actions-server', 'dist', 'main.js')],
      {
        cwd: REPO_ROOT,
        logFile: join(this.options.logDir, 'actions-server.log'),
        env: {
          ...base,
          ACTIONS_HOST: '127.0.0.1',
          ACTIONS_PORT: String(actionsPort),
          ACTIONS_TOKEN,
          DIRECTORY_FILE: this.options.directoryFile ?? DIRECTORY_FIXTURE,
          DATABASE_FILE: this.databaseFile,
          WHATSAPP_MODE: 'cloud',
          WHATSAPP_API_URL: whatsappUrl,
          WHATSAPP_PHONE_NUMBER_ID,
          WHATSAPP_TOKEN,
          RESET_PROVIDER: 'http',
          RESET_API_URL: resetUrl,
          RESET_API_TOKEN,
          // Scripts 15 (third failed attempt) and 23 (sixth lookup in an hour) count on these.
          IDENTITY_MAX_ATTEMPTS: '3',
          IDENTITY_LOOKUPS_PER_HOUR: '5',
          LOG_LEVEL: 'info'
        }
      }
    )
    this.gateway = new ChildService(
      'gateway',
      process.execPath,
      [join(REPO_ROOT, 'gateway', 'dist', 'main.js')],
      {
        cwd: REPO_ROOT,
        logFile: join(this.options.logDir, 'gateway.log'),
        env: {
          ...base,
          TELEGRAM_BOT_TOKEN: TEST_BOT_TOKEN,
          TELEGRAM_API_ROOT: botApiUrl,
          TELEGRAM_MODE: 'polling',
          GATEWAY_HOST: '127.0.0.1',
          GATEWAY_PORT: String(gatewayPort),
          RASA_URL: this.rasaUrl,
          LOG_LEVEL: 'info'
        }
      }
    )

    log(
      `starting Rasa (model ${source}, ${new Date(statSync(source).mtimeMs).toISOString()}), the action server and the gateway; logs in ${this.options.logDir}`
    )
    this.rasa.start()
    this.actions.start()
    await this.actions.waitUntil(() => httpOk(this.actionsHealthUrl), 30_000)
    log('action server ready')
    const rasaStarted = Date.now()
    await this.waitForRasa()
    log(`Rasa ready after ${Math.round((Date.now() - rasaStarted) / 1000)} s`)
    this.gateway.start()
    await this.gateway.waitUntil(
      async () => (await httpOk(this.gatewayHealthUrl)) && this.botApi.polling,
      30_000
    )
    log('gateway polling the fake Bot API')
  }

  /** Stops the gateway and starts it again (a deploy); resolves once the new process polls. */
  async restartGateway(): Promise<void> {
    const startsBefore = this.botApi.pollStarts
    await this.gateway.stop()
    this.gateway.start()
    await this.gateway.waitUntil(
      async () => (await httpOk(this.gatewayHealthUrl)) && this.botApi.pollStarts > startsBefore,
      30_000
    )
  }

  async waitForRasa(): Promise<void> {
    await this.rasa.waitUntil(() => this.probe.isUp(), this.options.rasaStartTimeoutMs)
  }

  async stop(): Promise<void> {
    for (const service of [this.gateway, this.rasa, this.actions]) await service?.stop()
    await Promise.all([this.botApi.stop(), this.whatsapp.stop(), this.resetApi.stop()])
    rmSync(this.tempDir, { recursive: true, force: true })
  }
}

export function latestModel(): string {
  const folder = join(REPO_ROOT, 'rasa-project', 'models')
  const models = existsSync(folder)
    ? readdirSync(folder).filter((name) => name.endsWith('.tar.gz'))
    : []
  if (models.length === 0)
    throw new Error(`no trained model in ${folder}: run \`npm run rasa:train\` first`)
  models.sort((a, b) => statSync(join(folder, b)).mtimeMs - statSync(join(folder, a)).mtimeMs)
  return join(folder, models[0]!)
}

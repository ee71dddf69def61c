import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ChildService } from '../../shared/child-service'
import { FakeResetApi } from '../../shared/fake-reset-api'
import { FakeWhatsApp } from '../../shared/fake-whatsapp'
import { freePort } from '../../shared/http-util'
import { QUIET_RASA_ENV } from '../../shared/rasa-env'

export const repoRoot = resolve(__dirname, '../../..')
export const rasaProject = join(repoRoot, 'rasa-project')
/** A program of Rasa's virtualenv (`RASA_VENV`, else `.venv-rasa` in the repository). */
export const rasaVenvBin = (name: string): string =>
  join(process.env.RASA_VENV ?? join(repoRoot, '.venv-rasa'), 'bin', name)
const rasaBin = rasaVenvBin('rasa')
const model = join(rasaProject, 'models', 'helpdesk.tar.gz')
const actionsMain = join(repoRoot, 'actions-server', 'dist', 'main.js')
const logDir = join(repoRoot, 'e2e', 'out', 'rest')

/** The parts of `GET /conversations/<id>/tracker` the suite reads. */
export interface RasaTracker {
  events: Array<{ event: string; text?: string; name?: string; value?: unknown }>
  active_loop?: { name?: string } | null
  slots: Record<string, unknown>
}

/** Everything the suite runs: real Rasa + real action server, fakes for WhatsApp and the reset API. */
export class Stack {
  private readonly whatsappPhoneNumberId = '1098765432'
  private readonly whatsappToken = 'e2e-whatsapp-token'
  private readonly resetApiToken = 'e2e-reset-api-token'
  readonly whatsapp = new FakeWhatsApp(this.whatsappPhoneNumberId, this.whatsappToken)
  readonly resetApi = new FakeResetApi(this.resetApiToken)
  readonly actionsToken = 'e2e-actions-token-0123456789'
  readonly tempDir = mkdtempSync(join(tmpdir(), 'rest-e2e-'))
  readonly databaseFile = join(this.tempDir, 'helpdesk.sqlite')
  /** Rasa's SQL tracker store (rasa-project/endpoints.yml), a fresh SQLite file per run. */
  readonly trackerDatabaseFile = join(this.tempDir, 'rasa-tracker.sqlite')
  /** Everything Rasa writes (stdout and stderr), for the suite's log checks. */
  readonly rasaLogFile = join(logDir, 'rasa.log')
  rasaUrl = ''
  private actions: ChildService | undefined
  private actionsHealthUrl = ''
  private rasa: ChildService | undefined

  async start(): Promise<void> {
    for (const [what, path] of [
      ['Rasa', rasaBin],
      ['model', model],
      ['action server build', actionsMain]
    ]) {
      if (!existsSync(path!))
        throw new Error(
          `${what} missing at ${path}: run npm run rasa:setup, npm run build and npm run rasa:train`
        )
    }
    mkdirSync(logDir, { recursive: true })
    const whatsappUrl = await this.whatsapp.start()
    const resetApiUrl = await this.resetApi.start()

    const actionsPort = await freePort()
    this.actions = new ChildService('action server', process.execPath, [actionsMain], {
      cwd: repoRoot,
      logFile: join(logDir, 'actions-server.log'),
      env: {
        PATH: process.env.PATH,
        ACTIONS_HOST: '127.0.0.1',
        ACTIONS_PORT: String(actionsPort),
        ACTIONS_TOKEN: this.actionsToken,
        DATABASE_FILE: this.databaseFile,
        WHATSAPP_MODE: 'cloud',
        WHATSAPP_API_URL: whatsappUrl,
        WHATSAPP_PHONE_NUMBER_ID: this.whatsappPhoneNumberId,
        WHATSAPP_TOKEN: this.whatsappToken,
        RESET_PROVIDER: 'http',
        RESET_API_URL: resetApiUrl,
        RESET_API_TOKEN: this.resetApiToken,
        LOG_LEVEL: 'info'
      }
    })
    this.actions.start()

    const rasaPort = await freePort()
    this.rasaUrl = `http://127.0.0.1:${rasaPort}`
    this.rasa = new ChildService(
      'Rasa',
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
        'endpoints.yml',
        '--credentials',
        'credentials.yml'
      ],
      {
        cwd: rasaProject,
        logFile: this.rasaLogFile,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          ...QUIET_RASA_ENV,
          ACTION_ENDPOINT_URL: `http://127.0.0.1:${actionsPort}/webhook`,
          ACTIONS_TOKEN: this.actionsToken,
          RASA_TRACKER_DB: this.trackerDatabaseFile
        }
      }
    )
    this.rasa.start()
    this.actionsHealthUrl = `http://127.0.0.1:${actionsPort}/health`
    await this.actions.waitUntilReady(this.actionsHealthUrl, 30000)
    await this.waitForRasa()
  }

  /** Kills Rasa with SIGKILL (a crash: nothing is flushed) and starts it again on the same port and tracker database. */
  async crashAndRestartRasa(): Promise<void> {
    if (this.rasa === undefined) throw new Error('Rasa was not started')
    await this.rasa.kill()
    this.rasa.start()
    await this.waitForRasa()
  }

  /** Kills the action server with SIGKILL (a crash, or the moment a deploy replaces it). */
  async killActions(): Promise<void> {
    if (this.actions === undefined) throw new Error('the action server was not started')
    await this.actions.kill()
  }

  /** Starts the killed action server again on the same port and database; resolves when it is ready. */
  async startActions(): Promise<void> {
    if (this.actions === undefined) throw new Error('the action server was not started')
    this.actions.start()
    await this.actions.waitUntilReady(this.actionsHealthUrl, 30000)
  }

  /** The conversation as Rasa's HTTP API reports it (all sessions, every event). */
  async rasaTracker(sender: string): Promise<RasaTracker> {
    const res = await fetch(
      `${this.rasaUrl}/conversations/${encodeURIComponent(sender)}/tracker?include_events=ALL`,
      { signal: AbortSignal.timeout(30000) }
    )
    if (res.status !== 200) throw new Error(`Rasa answered ${res.status} to GET tracker`)
    return (await res.json()) as RasaTracker
  }

  private async waitForRasa(): Promise<void> {
    // Rasa loads TensorFlow and the model before it listens: 20-90 s on a busy 2-core machine
    await this.rasa?.waitUntilReady(`${this.rasaUrl}/`, 240000)
  }

  async stop(): Promise<void> {
    await this.rasa?.stop()
    await this.actions?.stop()
    await this.whatsapp.stop()
    await this.resetApi.stop()
    rmSync(this.tempDir, { recursive: true, force: true })
  }
}

import { createScratchDatabase, openSqlDb, type SqlDb } from '@helpdesk/core'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { ChildService } from '../../shared/child-service'
import { FakeResetApi } from '../../shared/fake-reset-api'
import { FakeWhatsApp } from '../../shared/fake-whatsapp'
import { freePort } from '../../shared/http-util'
import { QUIET_RASA_ENV } from '../../shared/rasa-env'
import { scaleEndpointsYaml } from './rasa-endpoints'

export const repoRoot = resolve(__dirname, '../../..')
const rasaProject = join(repoRoot, 'rasa-project')
const rasaBin = join(process.env.RASA_VENV ?? join(repoRoot, '.venv-rasa'), 'bin', 'rasa')
const actionsMain = join(repoRoot, 'actions-server', 'dist', 'main.js')
const logDir = join(repoRoot, 'e2e', 'out', 'scale')

/** One event of `GET /conversations/<id>/tracker` as far as the suite reads it. */
export interface TrackerEvent {
  event: string
  text?: string | null
  name?: string | null
  timestamp?: number
}
export interface RasaTracker {
  events: TrackerEvent[]
  active_loop?: { name?: string | null } | null
  slots: Record<string, unknown>
}

export interface ScaleStackOptions {
  /** Rasa processes sharing one PostgreSQL tracker store and one Redis lock store. */
  rasaProcesses: number
  /** Action servers sharing one store; Rasa process i calls action server i mod this. */
  actionServers: number
  /**
   * Where the action servers keep their store: one PostgreSQL database (DATABASE_URL), or one
   * SQLite file (DATABASE_FILE), which only works while they share a host.
   */
  store: 'postgres' | 'sqlite'
  /** Rasa's lock store: see ScaleEndpoints.lockStore (E2E_SCALE_LOCK_STORE=redis for Rasa's own). */
  lockStore?: 'atomic' | 'redis'
  /** Folder under e2e/out/scale/ for the process logs. */
  logName?: string
}

/**
 * N Rasa processes and M action servers of one scaled deployment, on loopback: Rasa's
 * SQLTrackerStore on a scratch PostgreSQL database and a Redis lock store on the test Redis
 * (scripts/with-test-services.sh), the action servers on one store, and loopback fakes of the
 * WhatsApp Cloud API and the agency's reset API. Everything starts in parallel; every Rasa
 * loads the trained model (no training here).
 */
export class ScaleStack {
  private readonly whatsappPhoneNumberId = '1098765432'
  private readonly whatsappToken = 'scale-whatsapp-token'
  private readonly resetApiToken = 'scale-reset-api-token'
  readonly whatsapp = new FakeWhatsApp(this.whatsappPhoneNumberId, this.whatsappToken)
  readonly resetApi = new FakeResetApi(this.resetApiToken)
  readonly actionsToken = `scale-actions-${randomBytes(8).toString('hex')}`
  readonly tempDir = mkdtempSync(join(tmpdir(), 'scale-e2e-'))
  readonly model = process.env.E2E_SCALE_MODEL ?? join(rasaProject, 'models', 'helpdesk.tar.gz')
  /** One base URL per Rasa process, in start order (A, B, …). */
  readonly rasaUrls: string[] = []
  readonly rasa: ChildService[] = []
  readonly actions: ChildService[] = []
  /** DATABASE_URL of the action servers (store 'postgres'), else undefined. */
  storeUrl: string | undefined
  readonly storeFile = join(this.tempDir, 'helpdesk.sqlite')
  private readonly dropDatabases: Array<() => Promise<void>> = []
  private storeReader: SqlDb | undefined

  constructor(private readonly options: ScaleStackOptions) {}

  async start(): Promise<void> {
    for (const [what, path] of [
      ['Rasa (npm run rasa:setup)', rasaBin],
      ['trained model (npm run rasa:train)', this.model],
      ['action server build (npm run build)', actionsMain]
    ] as const) {
      if (!existsSync(path)) throw new Error(`${what} missing at ${path}`)
    }
    const redisUrl = process.env.TEST_REDIS_URL
    if (redisUrl === undefined || redisUrl === '')
      throw new Error('TEST_REDIS_URL is not set: run through scripts/with-test-services.sh')
    const logs = join(logDir, this.options.logName ?? '.')
    mkdirSync(logs, { recursive: true })

    const trackerDb = await createScratchDatabase()
    this.dropDatabases.push(trackerDb.drop)
    if (this.options.store === 'postgres') {
      const storeDb = await createScratchDatabase()
      this.dropDatabases.push(storeDb.drop)
      this.storeUrl = storeDb.url
    }
    const whatsappUrl = await this.whatsapp.start()
    const resetApiUrl = await this.resetApi.start()

    const actionPorts: number[] = []
    for (let i = 0; i < this.options.actionServers; i++) {
      const port = await freePort()
      actionPorts.push(port)
      const service = new ChildService(`action server ${i + 1}`, process.execPath, [actionsMain], {
        cwd: repoRoot,
        logFile: join(logs, `actions-server-${i + 1}.log`),
        env: {
          PATH: process.env.PATH,
          ACTIONS_HOST: '127.0.0.1',
          ACTIONS_PORT: String(port),
          ACTIONS_TOKEN: this.actionsToken,
          ...(this.storeUrl === undefined
            ? { DATABASE_FILE: this.storeFile }
            : { DATABASE_URL: this.storeUrl }),
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
      this.actions.push(service)
    }

    const lockKeyPrefix = `scale${randomBytes(6).toString('hex')}`
    for (let i = 0; i < this.options.rasaProcesses; i++) {
      const letter = String.fromCharCode(97 + i)
      const port = await freePort()
      this.rasaUrls.push(`http://127.0.0.1:${port}`)
      const endpointsFile = join(this.tempDir, `endpoints-${letter}.yml`)
      writeFileSync(
        endpointsFile,
        scaleEndpointsYaml({
          actionUrl: `http://127.0.0.1:${actionPorts[i % actionPorts.length]!}/webhook`,
          actionsToken: this.actionsToken,
          trackerDatabaseUrl: trackerDb.url,
          redisUrl,
          lockKeyPrefix,
          lockStore: this.options.lockStore ?? 'atomic'
        }),
        { mode: 0o600 }
      )
      const service = new ChildService(
        `Rasa ${letter.toUpperCase()}`,
        rasaBin,
        [
          'run',
          '--enable-api',
          '-i',
          '127.0.0.1',
          '-p',
          String(port),
          '-m',
          this.model,
          '--endpoints',
          endpointsFile,
          '--credentials',
          'credentials.yml'
        ],
        {
          cwd: rasaProject,
          logFile: join(logs, `rasa-${letter}.log`),
          env: { PATH: process.env.PATH, HOME: process.env.HOME, ...QUIET_RASA_ENV }
        }
      )
      this.rasa.push(service)
    }

    // Everything starts at once; the action servers migrate the shared store concurrently and
    // the Rasa processes create the shared tracker table concurrently, as replicas would. The
    // SQLite store's migration is not safe against a second process migrating the same new file
    // at the same moment ("table tickets already exists"), so there the first action server
    // creates the file before the others start.
    const actionsReady = (i: number): Promise<void> =>
      this.actions[i]!.waitUntilReady(`http://127.0.0.1:${actionPorts[i]!}/health`, 60_000)
    for (const service of this.rasa) service.start()
    const first = this.options.store === 'sqlite' ? 1 : 0
    for (const service of this.actions.slice(0, first)) service.start()
    if (first > 0) await actionsReady(0)
    for (const service of this.actions.slice(first)) service.start()
    await Promise.all([
      ...this.actions.map((_, i) => actionsReady(i)),
      // Rasa loads TensorFlow and the model before it listens: 1-3 min for two on a busy 2-core machine
      ...this.rasa.map((service, i) => service.waitUntilReady(`${this.rasaUrls[i]!}/`, 360_000))
    ])
  }

  /** The conversation as Rasa process `index` reads it from the shared tracker store. */
  async tracker(index: number, sender: string): Promise<RasaTracker> {
    const res = await fetch(
      `${this.rasaUrls[index]!}/conversations/${encodeURIComponent(sender)}/tracker?include_events=ALL`,
      { signal: AbortSignal.timeout(30_000) }
    )
    if (res.status !== 200) throw new Error(`Rasa answered ${res.status} to GET tracker`)
    return (await res.json()) as RasaTracker
  }

  /** The action servers' store (read by the suite; the same database they write). */
  async store(): Promise<SqlDb> {
    if (this.storeReader === undefined) {
      this.storeReader = (
        await openSqlDb({ databaseUrl: this.storeUrl, databaseFile: this.storeFile })
      ).sql
    }
    return this.storeReader
  }

  async stop(): Promise<void> {
    await Promise.all([...this.rasa, ...this.actions].map((service) => service.stop()))
    await this.storeReader?.close()
    await this.whatsapp.stop()
    await this.resetApi.stop()
    for (const drop of this.dropDatabases) await drop()
    rmSync(this.tempDir, { recursive: true, force: true })
  }
}

import { execFile } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ChildService } from '../../shared/child-service'
import { freePort } from '../../shared/http-util'
import { repoRoot } from './stack'

const consoleMain = join(repoRoot, 'console', 'dist', 'main.js')
const consoleCli = join(repoRoot, 'console', 'dist', 'cli.js')
const logDir = join(repoRoot, 'e2e', 'out', 'rest')

/**
 * The real staff console process (`console/dist/main.js`) on a free loopback port, over the same
 * SQLite file as the action server; accounts are made with the real CLI (`console/dist/cli.js`).
 */
export class StaffConsole {
  url = ''
  private service: ChildService | undefined
  private logStart = 0

  constructor(
    private readonly databaseFile: string,
    /** Rasa's tracker store the dashboard reads (read-only); unset: the console's default. */
    private readonly trackerDatabaseFile?: string
  ) {}

  async start(): Promise<void> {
    for (const path of [consoleMain, consoleCli]) {
      if (!existsSync(path)) throw new Error(`console build missing at ${path}: run npm run build`)
    }
    mkdirSync(logDir, { recursive: true })
    const port = await freePort()
    this.url = `http://127.0.0.1:${port}`
    const logFile = join(logDir, 'console.log')
    this.logStart = existsSync(logFile) ? statSync(logFile).size : 0
    this.service = new ChildService('console', process.execPath, [consoleMain], {
      cwd: repoRoot,
      logFile,
      env: {
        PATH: process.env.PATH,
        CONSOLE_HOST: '127.0.0.1',
        CONSOLE_PORT: String(port),
        CONSOLE_SESSION_SECRET: 'e2e-console-session-secret-0123456789abcdef',
        DATABASE_FILE: this.databaseFile,
        ...(this.trackerDatabaseFile === undefined
          ? {}
          : { RASA_TRACKER_DB: this.trackerDatabaseFile }),
        // The action server's defaults (actions-server/src/paths.ts), named explicitly.
        DIRECTORY_FILE: join(repoRoot, 'actions-server', 'data', 'directory.example.yml'),
        KNOWLEDGE_FILE: join(repoRoot, 'actions-server', 'data', 'knowledge.example.yml'),
        LOG_LEVEL: 'info'
      }
    })
    this.service.start()
    await this.service.waitUntilReady(`${this.url}/healthz`, 30000)
  }

  /** `node console/dist/cli.js user add <username> --role <role>`, the password piped on stdin. */
  async addAccount(username: string, role: 'admin' | 'petugas', password: string): Promise<string> {
    return await new Promise((resolve, reject) => {
      const child = execFile(
        process.execPath,
        [consoleCli, 'user', 'add', username, '--role', role],
        {
          cwd: repoRoot,
          env: { PATH: process.env.PATH, DATABASE_FILE: this.databaseFile },
          timeout: 60000
        },
        (error, stdout, stderr) => {
          if (error !== null)
            reject(new Error(`console CLI failed: ${stderr.trim() || error.message}`))
          else resolve(stdout.trim())
        }
      )
      child.stdin?.end(`${password}\n`)
    })
  }

  /** What the console process wrote to its log since this start. */
  logOutput(): string {
    const service = this.service
    if (service === undefined || !existsSync(service.logFile)) return ''
    return readFileSync(service.logFile).subarray(this.logStart).toString('utf8')
  }

  async stop(): Promise<void> {
    await this.service?.stop()
  }
}

import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, type WriteStream } from 'node:fs'

/**
 * A service process started by an end-to-end suite (REST and Telegram); output goes to a log
 * file, never to the console.
 */
export class ChildService {
  private child: ChildProcess | undefined
  private log: WriteStream | undefined
  private exited: Promise<number | null> = Promise.resolve(null)
  private exitCode: number | null | undefined

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }
  ) {}

  start(): void {
    this.log = createWriteStream(this.options.logFile, { flags: 'a' })
    this.log.write(`\n--- ${new Date().toISOString()} starting ${this.name}\n`)
    // detached: the service gets its own process group, so stop() reaches its children too.
    const child = spawn(this.command, this.args, {
      cwd: this.options.cwd,
      env: this.options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    })
    this.child = child
    this.exitCode = undefined
    child.stdout?.pipe(this.log, { end: false })
    child.stderr?.pipe(this.log, { end: false })
    this.exited = new Promise((resolve) => {
      child.once('exit', (code) => {
        this.exitCode = code
        resolve(code)
      })
      child.once('error', (error) => {
        this.log?.write(`spawn error: ${error.message}\n`)
        this.exitCode = -1
        resolve(-1)
      })
    })
  }

  /** undefined while running, else the exit code. */
  get exitStatus(): number | null | undefined {
    return this.child === undefined ? null : this.exitCode
  }

  get logFile(): string {
    return this.options.logFile
  }

  /** Polls `ready` every 0.5 s until it holds; fails early when the process exits. */
  async waitUntil(ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (this.exitStatus !== undefined) {
        throw new Error(
          `${this.name} stopped during start-up (exit ${String(this.exitStatus)}); see ${this.logFile}`
        )
      }
      if (await ready()) return
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs / 1000} s; see ${this.logFile}`)
  }

  /** Waits until `url` answers 2xx. */
  async waitUntilReady(url: string, timeoutMs: number): Promise<void> {
    await this.waitUntil(() => httpOk(url), timeoutMs)
  }

  async stop(graceMs = 10_000): Promise<void> {
    const child = this.child
    if (child === undefined || this.exitCode !== undefined || child.pid === undefined) return
    const pid = child.pid
    signalGroup(pid, 'SIGTERM')
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs)
    await this.exited
    clearTimeout(timer)
    this.child = undefined
  }

  /** SIGKILL to the whole process group, like a crash or `kill -9`: no chance to clean up. */
  async kill(): Promise<void> {
    const child = this.child
    if (child === undefined || this.exitCode !== undefined || child.pid === undefined) return
    signalGroup(child.pid, 'SIGKILL')
    await this.exited
    this.child = undefined
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal)
  } catch {
    // already gone
  }
}

export async function httpOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok
  } catch {
    return false
  }
}

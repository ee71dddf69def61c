import { type ChildProcess, spawn } from 'node:child_process'
import { createWriteStream } from 'node:fs'

/** A child process we started (by pid), with its output in a log file. */
export class ChildService {
  private child: ChildProcess | undefined
  private exited = false

  constructor (
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly options: { cwd: string; env: NodeJS.ProcessEnv; logFile: string }
  ) {}

  start (): void {
    const log = createWriteStream(this.options.logFile)
    const child = spawn(this.command, this.args, { cwd: this.options.cwd, env: this.options.env, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout?.pipe(log)
    child.stderr?.pipe(log)
    child.on('exit', () => { this.exited = true })
    this.child = child
  }

  /** Polls `url` until it answers 2xx; fails early when the process exits. */
  async waitUntilReady (url: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`${this.name} exited during start-up; see ${this.options.logFile}`)
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
        if (res.ok) return
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    throw new Error(`${this.name} not ready at ${url} within ${timeoutMs} ms; see ${this.options.logFile}`)
  }

  async stop (): Promise<void> {
    const child = this.child
    if (child === undefined || this.exited || child.pid === undefined) return
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()))
    child.kill('SIGTERM')
    const timer = setTimeout(() => { if (!this.exited) child.kill('SIGKILL') }, 15000)
    await gone
    clearTimeout(timer)
  }
}

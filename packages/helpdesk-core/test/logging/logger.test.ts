import { spawn } from 'node:child_process'
import { resolve } from 'node:path'

const REGISTER = resolve(__dirname, '..', 'helpers', 'ts-register.js')
const CHILD = resolve(__dirname, '..', 'helpers', 'log-then-idle-child.ts')

describe('service log lines on stdout', () => {
  it('When a service logs a line and then stays idle, then the line reaches stdout while it runs, not only when it exits', async () => {
    // The child exits only when its stdin closes; pino would write a buffered line at exit.
    const child = spawn(process.execPath, ['-r', REGISTER, CHILD], {
      stdio: ['pipe', 'pipe', 'inherit']
    })
    const exit = new Promise<void>((done) => child.on('exit', () => done()))
    try {
      const line = await new Promise<string>((done, fail) => {
        let out = ''
        const timer = setTimeout(
          () => fail(new Error(`no log line while the service was idle; stdout: ${out}`)),
          15_000
        )
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString('utf8')
          if (!out.includes('\n')) return
          clearTimeout(timer)
          done(out)
        })
      })
      expect(JSON.parse(line)).toMatchObject({ stage: 'started', msg: 'one line, then nothing' })
    } finally {
      child.stdin.end()
      await exit
    }
  }, 30_000)
})

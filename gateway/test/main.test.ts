import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { startFakeBotApi, startFakeRasa, aTextUpdate } from './fakes'

const ROOT = join(__dirname, '..')

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs src/main.ts as a real process (stdin piped, so not a TTY). */
function runMain(
  env: Record<string, string>,
  stdin: string,
  signalAfter?: (child: ReturnType<typeof spawn>) => Promise<void>
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        join(ROOT, '../packages/helpdesk-core/test/helpers/ts-register.js'),
        join(ROOT, 'src/main.ts')
      ],
      {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['pipe', 'pipe', 'pipe']
      }
    )
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString()
    })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(stdin)
    if (signalAfter !== undefined) void signalAfter(child)
  })
}

describe('main (the gateway as a process)', () => {
  test('When a variable is invalid, then the process exits 1 with one line naming it and no stack trace', async () => {
    const run = await runMain({ GATEWAY_PORT: 'abc' }, '')
    expect(run).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'gateway: configuration error: GATEWAY_PORT must be a whole number between 0 and 65535\n'
    })
  })

  test('When no token is set and stdin is piped, then it runs the terminal chat: lines in, replies out, exit 0 at the end', async () => {
    const rasa = await startFakeRasa({
      reply: (req) =>
        req.message === '/greet'
          ? [{ text: 'Halo!', buttons: [{ title: 'Lupa password', payload: '/lupa_password' }] }]
          : [{ text: `ok ${req.message}` }]
    })
    try {
      const run = await runMain({ RASA_URL: rasa.url }, '/start\n1\n')
      expect(run).toEqual({
        code: 0,
        stderr: '',
        stdout:
          'Bot: Halo!\n  [1] Lupa password\n(Anda memilih: Lupa password)\nBot: ok /lupa_password\n'
      })
      expect(rasa.requests.map((r) => [r.message, r.input_channel])).toEqual([
        ['/greet', 'terminal_chat'],
        ['/lupa_password', 'terminal_chat']
      ])
      expect(rasa.requests[0]?.sender).toMatch(/^terminal-[0-9a-f]{8}$/)
    } finally {
      await rasa.close()
    }
  })

  test('When a token is set, then it polls TELEGRAM_API_ROOT, answers, and stops cleanly on SIGTERM', async () => {
    const api = await startFakeBotApi()
    const rasa = await startFakeRasa()
    try {
      api.pushUpdate(aTextUpdate(9001, 'halo'))
      const run = await runMain(
        {
          TELEGRAM_BOT_TOKEN: api.token,
          TELEGRAM_API_ROOT: api.url,
          RASA_URL: rasa.url,
          GATEWAY_HOST: '127.0.0.1',
          GATEWAY_PORT: '0'
        },
        '',
        async (child) => {
          await api.waitFor(
            (c) => c.method === 'sendMessage' && c.payload.text === 'echo: halo',
            15000
          )
          child.kill('SIGTERM')
        }
      )
      expect(run.code).toBe(0)
      expect(run.stdout).toBe('')
      expect(run.stderr).toContain('"msg":"gateway stopped"')
      expect(run.stderr).not.toContain(api.token)
    } finally {
      await api.close()
      await rasa.close()
    }
  })

  test('When the Bot API rejects the token, then the process exits 1 with one line', async () => {
    const api = await startFakeBotApi()
    try {
      const run = await runMain(
        { TELEGRAM_BOT_TOKEN: '999:WRONG', TELEGRAM_API_ROOT: api.url, GATEWAY_PORT: '0' },
        ''
      )
      expect(run).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'gateway: cannot start: TELEGRAM_BOT_TOKEN was rejected by the Bot API (401 Unauthorized)\n'
      })
    } finally {
      await api.close()
    }
  })
})

import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'

const ROOT = resolve(__dirname, '..', '..', '..')

async function freePort(): Promise<number> {
  return await new Promise((done) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => done(port))
    })
  })
}

/** The real action server (built) as its own process on the console's SQLite file. */
export async function startActionServer(
  databaseFile: string
): Promise<{ url: string; stop(): Promise<void> }> {
  const main = join(ROOT, 'actions-server', 'dist', 'main.js')
  if (!existsSync(main)) execFileSync('npm', ['run', 'build'], { cwd: ROOT })
  const port = await freePort()
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: {
      ...process.env,
      ACTIONS_HOST: '127.0.0.1',
      ACTIONS_PORT: String(port),
      DATABASE_FILE: databaseFile,
      LOG_LEVEL: 'warn',
      WHATSAPP_MODE: 'outbox',
      RESET_PROVIDER: 'manual',
      // the seeded tickets are dated June 2026 (the console's fixed clock) while the action server
      // runs on the real clock: its start-up retention purge must not erase them
      RETENTION_DAYS: '3650'
    },
    stdio: ['ignore', 'ignore', 'inherit']
  })
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
    }
  }
}

/** What the bot answers to "cek status TTE" for this NIP: `action_cek_status_tte` over Rasa's webhook protocol. */
export async function botTteStatus(actionServerUrl: string, nip: string): Promise<string> {
  return await callAction(
    actionServerUrl,
    'action_cek_status_tte',
    { identitas: nip, jenis_identitas: 'nip', status_identitas: 'valid', konfirmasi: true },
    'ya',
    'affirm'
  )
}

/** Runs one custom action the way Rasa calls it (POST /webhook) and returns the bot's texts. */
export async function callAction(
  actionServerUrl: string,
  action: string,
  slots: Record<string, unknown>,
  text: string,
  intent: string,
  sender = '4242'
): Promise<string> {
  const latest = {
    intent: { name: intent, confidence: 0.97 },
    entities: [],
    text,
    message_id: `m${Date.now()}`,
    metadata: {}
  }
  const body = {
    next_action: action,
    sender_id: sender,
    version: '3.6.21',
    domain: {},
    tracker: {
      sender_id: sender,
      slots,
      latest_message: latest,
      latest_event_time: 1781492401,
      followup_action: null,
      paused: false,
      events: [
        {
          event: 'action',
          timestamp: 1781492400,
          name: 'action_listen',
          policy: null,
          confidence: null
        },
        ...Object.entries(slots).map(([name, value]) => ({
          event: 'slot',
          timestamp: 1781492400.5,
          name,
          value
        })),
        {
          event: 'user',
          timestamp: 1781492401,
          text,
          parse_data: latest,
          input_channel: 'rest',
          message_id: latest.message_id,
          metadata: {}
        }
      ],
      latest_input_channel: 'rest',
      active_loop: {},
      latest_action: { action_name: 'action_listen' },
      latest_action_name: 'action_listen'
    }
  }
  const res = await fetch(`${actionServerUrl}/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  if (!res.ok) throw new Error(`action server answered ${res.status}: ${await res.text()}`)
  const json = (await res.json()) as { responses: Array<{ text?: string }> }
  return json.responses.map((r) => r.text ?? '').join('\n')
}

/**
 * Live takeover, end to end: the real gateway (polling a loopback fake of the Telegram Bot API),
 * real Rasa 3.6.21 (HTTP API with an auth token, the trained model), the real action server and
 * the real console process (`console/dist/main.js`), driven over HTTP with a real session and
 * CSRF token like a browser.
 */
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { launchBrowser } from '../../../console/test-browser/browser'
import { ChildService, httpOk } from '../../shared/child-service'
import { freePort } from '../../shared/http-util'
import {
  startFakeBotApi,
  aCallbackUpdate,
  aTextUpdate,
  type FakeBotApi
} from '../../../gateway/test/fakes'
import { StaffClient } from './staff-client'

const ROOT = join(__dirname, '..', '..', '..')
const BOT_TOKEN = '123456:TEST-token-for-loopback-only'
const RASA_TOKEN = 'e2e-rasa-auth-token-takeover'
const CALLBACK_TOKEN = 'e2e-callback-token-takeover'
const ACTIONS_TOKEN = 'e2e-actions-token'
const IDLE_MINUTES = 1
const PASSWORD = 'kata-sandi-uji-takeover-1'

interface Stack {
  dir: string
  api: FakeBotApi
  rasaUrl: string
  gatewayPort: number
  rasa: ChildService
  actions: ChildService
  gateway: ChildService
  console: ChildService
  consoleUrl: string
  databaseFile: string
  /** The console's environment (a second console for the terminal chat starts from it). */
  consoleEnv: Record<string, string | undefined>
  logDir: string
}

function model(): string {
  const chosen =
    process.env.E2E_TAKEOVER_MODEL ?? join(ROOT, 'rasa-project', 'models', 'helpdesk.tar.gz')
  if (!existsSync(chosen)) throw new Error(`no Rasa model at ${chosen}: run npm run rasa:train`)
  return chosen
}

async function startStack(): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-takeover-'))
  const logDir = join(ROOT, 'e2e', 'out', 'takeover')
  mkdirSync(logDir, { recursive: true })
  const databaseFile = join(dir, 'helpdesk.sqlite')
  const modelFile = join(dir, 'model.tar.gz')
  copyFileSync(model(), modelFile)
  const [actionsPort, rasaPort, gatewayPort, consolePort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort()
  ]
  const api = await startFakeBotApi({ token: BOT_TOKEN, botInfo: { username: 'takeover_e2e_bot' } })
  const rasaUrl = `http://127.0.0.1:${rasaPort}`
  const base = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', TZ: 'UTC' }
  const actions = new ChildService(
    'actions-server',
    process.execPath,
    [join(ROOT, 'actions-server', 'dist', 'main.js')],
    {
      cwd: ROOT,
      logFile: join(logDir, 'actions-server.log'),
      env: {
        ...base,
        ACTIONS_HOST: '127.0.0.1',
        ACTIONS_PORT: String(actionsPort),
        ACTIONS_TOKEN,
        DATABASE_FILE: databaseFile,
        LOG_LEVEL: 'info'
      }
    }
  )
  const rasa = new ChildService(
    'rasa',
    join(ROOT, '.venv-rasa', 'bin', 'rasa'),
    [
      'run',
      '--enable-api',
      '--auth-token',
      RASA_TOKEN,
      '-i',
      '127.0.0.1',
      '-p',
      String(rasaPort),
      '-m',
      modelFile,
      '--endpoints',
      'endpoints.yml',
      '--credentials',
      'credentials.yml'
    ],
    {
      cwd: join(ROOT, 'rasa-project'),
      logFile: join(logDir, 'rasa.log'),
      env: {
        ...base,
        ACTION_ENDPOINT_URL: `http://127.0.0.1:${actionsPort}/webhook`,
        ACTIONS_TOKEN,
        RASA_TRACKER_DB: join(dir, 'rasa-tracker.sqlite'),
        RASA_TELEMETRY_ENABLED: 'false',
        TF_CPP_MIN_LOG_LEVEL: '2',
        SANIC_WORKERS: '1'
      }
    }
  )
  const gateway = new ChildService(
    'gateway',
    process.execPath,
    [join(ROOT, 'gateway', 'dist', 'main.js')],
    {
      cwd: ROOT,
      logFile: join(logDir, 'gateway.log'),
      env: {
        ...base,
        TELEGRAM_BOT_TOKEN: BOT_TOKEN,
        TELEGRAM_API_ROOT: api.url,
        TELEGRAM_MODE: 'polling',
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(gatewayPort),
        GATEWAY_CALLBACK_TOKEN: CALLBACK_TOKEN,
        // No pacing between messages: the test counts messages, not seconds.
        GATEWAY_CHAT_INTERVAL_MS: '0',
        RASA_URL: rasaUrl,
        RASA_AUTH_TOKEN: RASA_TOKEN,
        LOG_LEVEL: 'info'
      }
    }
  )
  actions.start()
  rasa.start()
  await actions.waitUntil(() => httpOk(`http://127.0.0.1:${actionsPort}/health`), 60_000)
  await rasa.waitUntil(() => httpOk(`${rasaUrl}/status?token=${RASA_TOKEN}`), 280_000)
  gateway.start()
  await gateway.waitUntil(
    async () =>
      (await httpOk(`http://127.0.0.1:${gatewayPort}/healthz`)) &&
      api.sent('deleteWebhook').length > 0,
    60_000
  )

  const consoleEnv = {
    ...base,
    CONSOLE_SESSION_SECRET: 'e2e-takeover-secret-e2e-takeover-secret',
    CONSOLE_HOST: '127.0.0.1',
    CONSOLE_PORT: String(consolePort),
    DATABASE_FILE: databaseFile,
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
    GATEWAY_CALLBACK_TOKEN: CALLBACK_TOKEN,
    RASA_URL: rasaUrl,
    RASA_AUTH_TOKEN: RASA_TOKEN,
    TAKEOVER_IDLE_MINUTES: String(IDLE_MINUTES),
    TAKEOVER_POLL_MS: '250',
    LOG_LEVEL: 'info'
  }
  for (const username of ['rina', 'budi'])
    execFileSync(
      process.execPath,
      [join(ROOT, 'console', 'dist', 'cli.js'), 'user', 'add', username, '--role', 'petugas'],
      { cwd: ROOT, env: consoleEnv, input: `${PASSWORD}\n` }
    )
  const consoleService = new ChildService(
    'console',
    process.execPath,
    [join(ROOT, 'console', 'dist', 'main.js')],
    { cwd: ROOT, logFile: join(logDir, 'console.log'), env: consoleEnv }
  )
  consoleService.start()
  const consoleUrl = `http://127.0.0.1:${consolePort}`
  await consoleService.waitUntil(() => httpOk(`${consoleUrl}/healthz`), 60_000)
  return {
    dir,
    api,
    rasaUrl,
    gatewayPort,
    rasa,
    actions,
    gateway,
    console: consoleService,
    consoleUrl,
    databaseFile,
    consoleEnv,
    logDir
  }
}

/** One query on the shared store (read-only, like an operator would look). */
function query<T>(stack: Stack, sql: string, ...params: unknown[]): T {
  const db = new Database(stack.databaseFile, { readonly: true, fileMustExist: true })
  try {
    return db.prepare(sql).get(...params) as T
  } finally {
    db.close()
  }
}

/** Texts the bot sent to one chat, in order. */
const textsTo = (api: FakeBotApi, chatId: number): string[] =>
  api
    .sent('sendMessage')
    .filter((c) => Number(c.payload.chat_id) === chatId)
    .map((c) => String(c.payload.text))

async function waitForText(
  api: FakeBotApi,
  chatId: number,
  pattern: RegExp,
  timeoutMs = 60_000
): Promise<string> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = textsTo(api, chatId).find((t) => pattern.test(t))
    if (found !== undefined) return found
    if (Date.now() > deadline)
      throw new Error(
        `chat ${chatId} never got ${String(pattern)}; got:\n${textsTo(api, chatId).join('\n---\n')}`
      )
    await new Promise((r) => setTimeout(r, 200))
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** The inline-keyboard buttons of one sent message (none when it has no inline keyboard). */
function inlineButtons(call: {
  payload: Record<string, unknown>
}): Array<{ text: string; callback_data?: string }> {
  const markup = call.payload.reply_markup as
    { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } | undefined
  return (markup?.inline_keyboard ?? []).flat()
}

/** The user says "halo"; resolves when the bot greets back after that message. */
async function botAnswersHalo(api: FakeBotApi, chatId: number): Promise<void> {
  const before = textsTo(api, chatId).length
  api.pushUpdate(aTextUpdate(chatId, 'halo'))
  await until(
    () =>
      textsTo(api, chatId)
        .slice(before)
        .some((t) => /apa yang bisa kami bantu/i.test(t)),
    `the bot answering chat ${chatId} again`
  )
}

/** The user presses the rating button `rating` of the latest survey in the chat matching `question`. */
function pressSurveyButton(
  api: FakeBotApi,
  chatId: number,
  question: RegExp,
  rating: string
): void {
  const survey = api
    .sent('sendMessage')
    .filter((c) => c.payload.chat_id === chatId)
    .reverse()
    .find((c) => question.test(String(c.payload.text)))
  const button = (survey === undefined ? [] : inlineButtons(survey)).find((b) =>
    b.text.startsWith(`${rating} - `)
  )
  if (button?.callback_data === undefined)
    throw new Error(`no rating button ${rating} on a survey matching ${String(question)}`)
  api.pushUpdate(aCallbackUpdate(chatId, button.callback_data))
}

/**
 * The user of `chatId` asks for a person (a ticket opens), `username` signs in and takes the
 * conversation over, and the user has been told a staff member is helping.
 */
async function takenOver(
  stack: Stack,
  chatId: number,
  username: string
): Promise<{ number: string; staff: StaffClient }> {
  const number = await askForStaff(stack.api, chatId)
  const staff = await signedIn(stack, username)
  await staff.get(`/tiket/${number}`)
  expect((await staff.post(`/tiket/${number}/ambil-alih`, {})).status).toBe(303)
  await waitForText(stack.api, chatId, /Mulai sekarang saya/)
  return { number, staff }
}

/** The user asks for a person; resolves the ticket number the bot gave. */
async function askForStaff(api: FakeBotApi, chatId: number): Promise<string> {
  api.pushUpdate(aTextUpdate(chatId, 'saya mau bicara dengan petugas'))
  const reply = await waitForText(api, chatId, /TIK-\d{8}-\d{4,}/)
  return /TIK-\d{8}-\d{4,}/.exec(reply)![0]
}

async function signedIn(stack: Stack, username: string): Promise<StaffClient> {
  const c = new StaffClient(stack.consoleUrl)
  await c.login(username, PASSWORD)
  return c
}

/** A live stream reader: the server-sent events of the conversation page. */
async function openStream(
  stack: Stack,
  c: StaffClient,
  number: string
): Promise<{ events: Array<{ event: string; data: unknown }>; close(): void }> {
  const controller = new AbortController()
  const res = await fetch(`${stack.consoleUrl}/tiket/${number}/percakapan/aliran?setelah=0`, {
    headers: { cookie: c.sessionCookie },
    signal: controller.signal
  })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/event-stream')
  const events: Array<{ event: string; data: unknown }> = []
  const reader = res.body!.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += decoder.decode(value, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.+)$/m.exec(block)?.[1]
          const data = /^data: (.+)$/m.exec(block)?.[1]
          if (event !== undefined && data !== undefined)
            events.push({ event, data: JSON.parse(data) as unknown })
        }
      }
    } catch {
      /* aborted */
    }
  })()
  return { events, close: () => controller.abort() }
}

async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(100)
  }
}

async function tracker(
  stack: Stack,
  chatId: number
): Promise<{
  paused: boolean
  events: Array<{ event: string; text?: string }>
}> {
  const res = await fetch(`${stack.rasaUrl}/conversations/${chatId}/tracker?token=${RASA_TOKEN}`)
  return (await res.json()) as { paused: boolean; events: Array<{ event: string; text?: string }> }
}

describe('live takeover: staff and bot work the same Telegram conversation', () => {
  let stack: Stack
  beforeAll(async () => {
    stack = await startStack()
  }, 420_000)
  afterAll(async () => {
    for (const s of [stack?.console, stack?.gateway, stack?.rasa, stack?.actions]) await s?.stop()
    await stack?.api.close()
    if (stack !== undefined) rmSync(stack.dir, { recursive: true, force: true })
  })

  it('user asks for a person → ticket → staff take over → messages both ways in order → hand back (rated) → the bot answers again → ticket resolved with a note the user gets → the rating is on the ticket page', async () => {
    const chat = 910001
    const number = await askForStaff(stack.api, chat)
    const rina = await signedIn(stack, 'rina')
    const ticketPage = await rina.get(`/tiket/${number}`)
    expect(ticketPage.body).toContain('Ambil alih percakapan')

    const taken = await rina.post(`/tiket/${number}/ambil-alih`, {})
    expect(taken.status).toBe(303)
    expect(taken.location).toBe(`/tiket/${number}/percakapan`)
    await waitForText(stack.api, chat, /Halo, saya rina, petugas helpdesk/)
    expect((await tracker(stack, chat)).paused).toBe(true)

    const stream = await openStream(stack, rina, number)
    const before = textsTo(stack.api, chat).length
    stack.api.pushUpdate(aTextUpdate(chat, 'akun simpeg saya terkunci sejak pagi'))
    await until(
      () =>
        stream.events.some(
          (e) =>
            e.event === 'baris' &&
            (e.data as { kind: string; text: string }).text ===
              'akun simpeg saya terkunci sejak pagi'
        ),
      'the user message on the live stream'
    )
    const userLine = stream.events.find(
      (e) => (e.data as { text?: string }).text === 'akun simpeg saya terkunci sejak pagi'
    )
    // Each live line carries the list item the page itself renders (one renderer, same classes).
    const userData = userLine!.data as { kind: string; html: string }
    expect(userData.kind).toBe('user')
    expect(userData.html).toMatch(/^<li class="turn turn-user">/)
    expect(userData.html).toContain('<span class="speaker">Pengguna</span>')

    await rina.get(`/tiket/${number}/percakapan`)
    const sent = await rina.post(`/tiket/${number}/percakapan/balas`, {
      isi: 'Baik, akun Anda sedang saya buka kuncinya.'
    })
    expect(sent.status).toBe(303)
    stack.api.pushUpdate(aTextUpdate(chat, 'terima kasih banyak'))
    await until(
      () => stream.events.some((e) => (e.data as { text?: string }).text === 'terima kasih banyak'),
      'the second user message on the live stream'
    )
    // While paused the bot said nothing of its own: only the staff reply reached the user.
    expect(textsTo(stack.api, chat).slice(before)).toEqual([
      'rina (petugas): Baik, akun Anda sedang saya buka kuncinya.'
    ])
    // Rasa's tracker has the whole exchange, in order.
    const during = (await tracker(stack, chat)).events
      .filter((e) => ['user', 'agent', 'pause'].includes(e.event))
      .slice(-5)
      .map((e) => `${e.event}: ${e.text ?? ''}`)
    expect(during).toEqual([
      'pause: ',
      expect.stringMatching(/^agent: Halo, saya rina, petugas helpdesk/),
      'user: akun simpeg saya terkunci sejak pagi',
      'agent: rina (petugas): Baik, akun Anda sedang saya buka kuncinya.',
      'user: terima kasih banyak'
    ])
    const page = await rina.get(`/tiket/${number}/percakapan`)
    expect(page.body).toContain('Percakapan diambil alih oleh rina')
    expect(page.body).toContain('akun simpeg saya terkunci sejak pagi')
    // The staff member is named once, by the transcript, not again by the chat's signature.
    expect(page.body).toContain('<span class="speaker">Petugas (rina)</span>')
    expect(page.body).toContain('<p class="says">Baik, akun Anda sedang saya buka kuncinya.</p>')
    expect(page.body).not.toContain('rina (petugas): Baik')

    const back = await rina.post(`/tiket/${number}/kembalikan`, {})
    expect(back.status).toBe(303)
    await waitForText(stack.api, chat, /kembali dilayani bot helpdesk/)
    await until(() => stream.events.some((e) => e.event === 'berakhir'), 'the end of the stream')
    stream.close()
    expect((await tracker(stack, chat)).paused).toBe(false)

    // Then the satisfaction survey of this takeover, once, with its five rating buttons.
    await waitForText(stack.api, chat, /Seberapa puas Anda dengan bantuan yang Anda terima/)
    const survey = query<{ n: number; source: string }>(
      stack,
      "SELECT count(*) AS n, min(source) AS source FROM csat_surveys WHERE sender_id = ? AND conversation_key LIKE 'ambil_alih:%'",
      String(chat)
    )
    expect(survey).toEqual({ n: 1, source: 'ambil_alih' })

    // The user presses "5" on the survey: the rating is stored and staff see it in the console.
    pressSurveyButton(stack.api, chat, /Seberapa puas Anda dengan bantuan/, '5')
    await waitForText(
      stack.api,
      chat,
      /Terima kasih atas penilaian Anda! Kami senang bisa membantu\./
    )
    expect(
      query<{ rating: number }>(
        stack,
        "SELECT rating FROM csat_surveys WHERE sender_id = ? AND conversation_key LIKE 'ambil_alih:%'",
        String(chat)
      )
    ).toEqual({ rating: 5 })
    const ratings = await rina.get('/kepuasan')
    expect(ratings.body).toContain('Percakapan dengan petugas')
    expect(ratings.body).toContain('5 dari 5 (Sangat puas)')

    await botAnswersHalo(stack.api, chat)
    const after = await rina.get(`/tiket/${number}/percakapan`)
    expect(after.body).toContain('Percakapan dikembalikan ke bot (rina)')
    expect(after.body).toContain('Bot sedang melayani percakapan ini.')

    // Staff resolve the ticket with a note for the user: the user hears it with the ticket
    // number, then rates the resolved ticket, and staff see the rating on the ticket page.
    await rina.get(`/tiket/${number}`)
    const noted = await rina.post(`/tiket/${number}/catatan`, {
      isi: 'Kunci akun SIMPEG Anda sudah kami buka.',
      untuk: 'pengguna'
    })
    expect(noted.status).toBe(303)
    await rina.get(`/tiket/${number}`)
    const resolved = await rina.post(`/tiket/${number}/status`, {
      status: 'selesai',
      catatan: 'Dibuka lewat panel admin SIMPEG.'
    })
    expect(resolved.status).toBe(303)
    const notice = await waitForText(
      stack.api,
      chat,
      new RegExp(`Tiket ${number} Anda sudah selesai ditangani`)
    )
    expect(notice).toContain('Kunci akun SIMPEG Anda sudah kami buka.')
    expect(notice).not.toContain('panel admin')
    await waitForText(stack.api, chat, new RegExp(`penyelesaian tiket ${number}`))
    const thanksBefore = textsTo(stack.api, chat).filter((t) =>
      /Terima kasih atas penilaian Anda!/.test(t)
    ).length
    pressSurveyButton(stack.api, chat, new RegExp(`penyelesaian tiket ${number}`), '4')
    await until(
      () =>
        textsTo(stack.api, chat).filter((t) => /Terima kasih atas penilaian Anda!/.test(t)).length >
        thanksBefore,
      'the thanks for the ticket rating'
    )
    const resolvedPage = await rina.get(`/tiket/${number}`)
    expect(resolvedPage.body).toContain('4 dari 5 (Puas)')
  })

  it('in Chromium: staff press the button, the user\'s message appears on the page without a reload, the reply form and "Kembalikan ke bot" work, then the ticket is resolved in the browser and the user\'s rating shows on the ticket page', async () => {
    const chat = 910006
    const number = await askForStaff(stack.api, chat)
    const browser = await launchBrowser()
    try {
      const page = await browser.newPage()
      const scriptErrors: string[] = []
      page.on('pageerror', (err) => scriptErrors.push(err.message))
      // Failed requests of the console's own pages and script (the browser's favicon probe aside).
      page.on('response', (res) => {
        if (res.status() >= 400 && !res.url().endsWith('/favicon.ico'))
          scriptErrors.push(`${res.status()} ${res.url()}`)
      })
      await page.goto(`${stack.consoleUrl}/login`)
      await page.fill('input[name="username"]', 'budi')
      await page.fill('input[name="password"]', PASSWORD)
      await page.click('button[type="submit"]')
      await page.goto(`${stack.consoleUrl}/tiket/${number}`)
      await page.click('button:has-text("Ambil alih percakapan")')
      await page.waitForURL(`**/tiket/${number}/percakapan`)
      await waitForText(stack.api, chat, /Halo, saya budi, petugas helpdesk/)
      // The live stream is open; the user writes, the line appears without a reload.
      await page.waitForTimeout(500)
      stack.api.pushUpdate(aTextUpdate(chat, 'printer di ruang rapat tidak bisa dipakai'))
      await page
        .locator('#transkrip .turn-user', {
          hasText: 'printer di ruang rapat tidak bisa dipakai'
        })
        .waitFor({ timeout: 20_000 })
      await page.fill('#balasan', 'Baik, teknisi kami segera datang.')
      await page.click('button:has-text("Kirim")')
      await waitForText(stack.api, chat, /^budi \(petugas\): Baik, teknisi kami segera datang\.$/)
      await page
        .locator('#transkrip .turn-staff', { hasText: 'Baik, teknisi kami segera datang.' })
        .waitFor({ timeout: 20_000 })
      // Appended live, the staff line reads as a reloaded one: "Petugas (budi)", the text once.
      const staffLine = page.locator('#transkrip .turn-staff', {
        hasText: 'Baik, teknisi kami segera datang.'
      })
      expect(await staffLine.locator('.speaker').textContent()).toBe('Petugas (budi)')
      expect(await staffLine.locator('.says').textContent()).toBe(
        'Baik, teknisi kami segera datang.'
      )
      await page.click('button:has-text("Kembalikan ke bot")')
      await page.locator('text=Bot sedang melayani percakapan ini.').waitFor({ timeout: 20_000 })
      await waitForText(stack.api, chat, /kembali dilayani bot helpdesk/)
      // The bot answers the next message again.
      await botAnswersHalo(stack.api, chat)
      // Staff resolve the ticket in the browser with a note for the user; the user gets it with
      // the ticket number, rates the resolved ticket, and the rating shows on the ticket page.
      await page.goto(`${stack.consoleUrl}/tiket/${number}`)
      await page.fill('#catatan-isi', 'Printer sudah diperbaiki teknisi kami.')
      await page.check('#untuk-pengguna')
      await page.click('button:has-text("Tambah catatan")')
      await page
        .locator('text=Catatan untuk pengguna disimpan dan dikirim ke Telegram pengguna.')
        .waitFor({ timeout: 20_000 })
      await page.selectOption('#status-baru', 'selesai')
      await page.fill('#status-catatan', 'Toner diganti.')
      await page.click('button:has-text("Simpan status")')
      await page.locator('text=Pengguna diberi tahu lewat Telegram.').waitFor({ timeout: 20_000 })
      const notice = await waitForText(
        stack.api,
        chat,
        new RegExp(`Tiket ${number} Anda sudah selesai ditangani`)
      )
      expect(notice).toContain('Printer sudah diperbaiki teknisi kami.')
      await waitForText(stack.api, chat, new RegExp(`penyelesaian tiket ${number}`))
      pressSurveyButton(stack.api, chat, new RegExp(`penyelesaian tiket ${number}`), '5')
      await waitForText(
        stack.api,
        chat,
        /Terima kasih atas penilaian Anda! Kami senang bisa membantu\./
      )
      await page.reload()
      await page.locator('#kepuasan + dl', { hasText: '5 dari 5 (Sangat puas)' }).waitFor({
        timeout: 20_000
      })
      mkdirSync(join(ROOT, 'e2e', 'out', 'takeover'), { recursive: true })
      await page.screenshot({
        path: join(ROOT, 'e2e', 'out', 'takeover', 'conversation.png'),
        fullPage: true
      })
      expect(scriptErrors).toEqual([])
    } finally {
      await browser.close()
    }
  })

  it('two staff pressing "Ambil alih" at the same moment: one wins, the other is told who has it, the user hears once', async () => {
    const chat = 910002
    const number = await askForStaff(stack.api, chat)
    const [rina, budi] = [await signedIn(stack, 'rina'), await signedIn(stack, 'budi')]
    await rina.get(`/tiket/${number}`)
    await budi.get(`/tiket/${number}`)
    const results = await Promise.all([
      rina.post(`/tiket/${number}/ambil-alih`, {}),
      budi.post(`/tiket/${number}/ambil-alih`, {})
    ])
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([303, 409])
    const loser = results.find((r) => r.status === 409)!
    expect(loser.body).toMatch(/sedang diambil alih oleh (rina|budi)/)
    const rows = query<{ n: number }>(
      stack,
      'SELECT count(*) AS n FROM takeovers WHERE sender_id = ? AND ended_at IS NULL',
      String(chat)
    )
    expect(rows.n).toBe(1)
    await waitForText(stack.api, chat, /petugas helpdesk\. Mulai sekarang/)
    await sleep(1000)
    expect(textsTo(stack.api, chat).filter((t) => /Mulai sekarang saya/.test(t))).toHaveLength(1)
    const winner = results[0]!.status === 303 ? rina : budi
    await winner.get(`/tiket/${number}/percakapan`)
    await winner.post(`/tiket/${number}/kembalikan`, {})
  })

  it('the user blocked the bot (Telegram 403): the staff reply is marked blocked on the conversation page', async () => {
    const chat = 910003
    const { number, staff: rina } = await takenOver(stack, chat, 'rina')
    stack.api.failNext('sendMessage', {
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user'
    })
    await rina.get(`/tiket/${number}/percakapan`)
    const sent = await rina.post(`/tiket/${number}/percakapan/balas`, {
      isi: 'Halo, masih di sana?'
    })
    expect(sent.status).toBe(502)
    expect(sent.body).toContain('pengguna memblokir bot')
    const page = await rina.get(`/tiket/${number}/percakapan`)
    expect(page.body).toContain('Balasan yang belum sampai')
    expect(page.body).toContain('tidak terkirim: pengguna memblokir bot')
    await rina.post(`/tiket/${number}/kembalikan`, {})
  })

  it('the gateway is down when staff send: the reply is kept as failed, and "Kirim ulang" delivers it once the gateway is back', async () => {
    const chat = 910004
    const { number, staff: rina } = await takenOver(stack, chat, 'rina')
    await stack.gateway.stop()
    await rina.get(`/tiket/${number}/percakapan`)
    const sent = await rina.post(`/tiket/${number}/percakapan/balas`, {
      isi: 'Mohon tunggu sebentar.'
    })
    expect(sent.status).toBe(502)
    expect(sent.body).toContain('gateway tidak dapat dihubungi')
    expect(sent.body).toContain('Kirim ulang')
    const retry = /action="(\/tiket\/[^"]+\/kirim-ulang\/\d+)"/.exec(sent.body)![1]!
    stack.gateway.start()
    await stack.gateway.waitUntil(
      () => httpOk(`http://127.0.0.1:${stack.gatewayPort}/healthz`),
      60_000
    )
    expect((await rina.post(retry, {})).status).toBe(303)
    await waitForText(stack.api, chat, /^rina \(petugas\): Mohon tunggu sebentar\.$/)
    const page = await rina.get(`/tiket/${number}/percakapan`)
    expect(page.body).not.toContain('Balasan yang belum sampai')
    await rina.post(`/tiket/${number}/kembalikan`, {})
  })

  it('the user sends /reset during a takeover: the takeover ends as restarted without a hand-back text or survey, the ticket says so, a late staff reply is refused, and the bot answers again', async () => {
    const chat = 910007
    const { number, staff: rina } = await takenOver(stack, chat, 'rina')
    // A satisfaction survey is a message with numbered rating buttons ("1 - …" to "5 - …").
    const surveys = (): number =>
      stack.api
        .sent('sendMessage')
        .filter(
          (c) =>
            Number(c.payload.chat_id) === chat &&
            inlineButtons(c).some((b) => /^\d - /.test(b.text))
        ).length
    const surveysBefore = surveys()

    stack.api.pushUpdate(aTextUpdate(chat, '/reset'))

    await waitForText(stack.api, chat, /Percakapan sudah dimulai ulang/)
    expect((await tracker(stack, chat)).paused).toBe(false)
    await until(
      () =>
        query<{ end_reason: string | null }>(
          stack,
          'SELECT end_reason FROM takeovers WHERE sender_id = ? ORDER BY id DESC LIMIT 1',
          String(chat)
        ).end_reason === 'percakapan_diulang',
      'the takeover to end after /reset'
    )
    const ticketPage = await rina.get(`/tiket/${number}`)
    expect(ticketPage.body).toContain('percakapan berakhir karena pengguna memulai ulang')
    const late = await rina.post(`/tiket/${number}/percakapan/balas`, { isi: 'Masih di sana?' })
    expect(late.status).toBe(409)
    expect(late.body).toContain('Anda tidak sedang mengambil alih percakapan ini')

    await botAnswersHalo(stack.api, chat)
    const texts = textsTo(stack.api, chat)
    expect(texts.some((t) => t.includes('Masih di sana?'))).toBe(false)
    expect(texts.some((t) => /Percakapan dengan petugas sudah selesai/.test(t))).toBe(false)
    expect(surveys()).toBe(surveysBefore)
  })

  it('the person in the terminal asks for staff, staff answer from the console in the same terminal, hand back, the survey shows numbered buttons, the bot answers again', async () => {
    const port = await freePort()
    // The gateway exactly as npm start runs it without TELEGRAM_BOT_TOKEN (piped, not a TTY).
    const terminal = spawn(process.execPath, [join(ROOT, 'gateway', 'dist', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: 'C.UTF-8',
        GATEWAY_HOST: '127.0.0.1',
        GATEWAY_PORT: String(port),
        GATEWAY_CALLBACK_TOKEN: CALLBACK_TOKEN,
        RASA_URL: stack.rasaUrl,
        RASA_AUTH_TOKEN: RASA_TOKEN,
        LOG_LEVEL: 'warn'
      },
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let screen = ''
    terminal.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8')
    })
    terminal.stderr.on('data', () => undefined)
    const consolePort = await freePort()
    const url = `http://127.0.0.1:${consolePort}`
    const second = new ChildService(
      'console-terminal',
      process.execPath,
      [join(ROOT, 'console', 'dist', 'main.js')],
      {
        cwd: ROOT,
        logFile: join(stack.logDir, 'console-terminal.log'),
        env: {
          ...stack.consoleEnv,
          CONSOLE_PORT: String(consolePort),
          GATEWAY_URL: `http://127.0.0.1:${port}`
        }
      }
    )
    const type = (line: string): void => {
      terminal.stdin.write(`${line}\n`)
    }
    const shown = async (pattern: RegExp, from = 0, timeoutMs = 60_000): Promise<void> =>
      await until(
        () => pattern.test(screen.slice(from)),
        `the terminal showing ${String(pattern)}`,
        timeoutMs
      )
    try {
      second.start()
      await second.waitUntil(() => httpOk(`${url}/healthz`), 60_000)
      type('saya mau bicara dengan petugas')
      await shown(/TIK-\d{8}-\d{4,}/)
      const number = /TIK-\d{8}-\d{4,}/.exec(screen)![0]
      const rina = new StaffClient(url)
      await rina.login('rina', PASSWORD)
      await rina.get(`/tiket/${number}`)
      expect((await rina.post(`/tiket/${number}/ambil-alih`, {})).status).toBe(303)
      await shown(/Halo, saya rina, petugas helpdesk/)
      const mark = screen.length
      type('akun saya masih terkunci')
      await until(
        async () =>
          (await rina.get(`/tiket/${number}/percakapan`)).body.includes('akun saya masih terkunci'),
        'the terminal message in the console'
      )
      await rina.get(`/tiket/${number}/percakapan`)
      expect(
        (await rina.post(`/tiket/${number}/percakapan/balas`, { isi: 'Sudah saya buka.' })).status
      ).toBe(303)
      await shown(/rina \(petugas\): Sudah saya buka\./, mark)
      // While paused the bot itself said nothing (no apology for Rasa's silence).
      expect(screen.slice(mark)).not.toContain('Mohon maaf')
      await rina.post(`/tiket/${number}/kembalikan`, {})
      await shown(/kembali dilayani bot helpdesk/, mark)
      await shown(/Seberapa puas Anda[\s\S]*\[5\] 5 - Sangat puas/, mark)
      const back = screen.length
      type('halo')
      await shown(/apa yang bisa kami bantu/i, back)
    } finally {
      terminal.stdin.end()
      terminal.kill('SIGTERM')
      await second.stop()
    }
  }, 240_000)

  it('an idle takeover hands back by itself after TAKEOVER_IDLE_MINUTES and tells the user (with office hours when outside them)', async () => {
    const chat = 910005
    await takenOver(stack, chat, 'rina')
    const told = await waitForText(
      stack.api,
      chat,
      /belum membalas selama 1 menit/,
      (IDLE_MINUTES * 60 + 30) * 1000
    )
    expect(told.includes('di luar jam layanan petugas')).toBe(!withinOfficeHours(new Date()))
    expect((await tracker(stack, chat)).paused).toBe(false)
    const ended = query<{ end_reason: string }>(
      stack,
      'SELECT end_reason FROM takeovers WHERE sender_id = ?',
      String(chat)
    )
    expect(ended.end_reason).toBe('menganggur')
  }, 150_000)
})

/** Monday–Friday 08.00–16.00 WIB (the knowledge base's SLA calendar). */
function withinOfficeHours(at: Date): boolean {
  const wib = new Date(at.getTime() + 7 * 3_600_000)
  const day = wib.getUTCDay()
  const minute = wib.getUTCHours() * 60 + wib.getUTCMinutes()
  return day >= 1 && day <= 5 && minute >= 8 * 60 && minute < 16 * 60
}

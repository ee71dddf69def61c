import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseMultipart } from './multipart'

/**
 * A loopback fake of the Telegram Bot API speaking its wire format: `POST /bot<TOKEN>/<method>`
 * with a JSON or multipart body, answered with `{"ok":true,"result":…}` or
 * `{"ok":false,"error_code":…,"description":…,"parameters":{…}}`. It enforces the limits the
 * gateway must respect (text 4096, caption 1024, callback_data 64 bytes, media group 2–10) and
 * serves queued updates to long polling. Reusable by any test (gateway, e2e).
 */

export interface RecordedCall {
  method: string
  payload: Record<string, unknown>
  /** How the body arrived. */
  encoding: 'json' | 'multipart' | 'empty'
  /** Milliseconds since the fake started. */
  at: number
}

export interface BotApiError {
  error_code: number
  description: string
  parameters?: { retry_after?: number; migrate_to_chat_id?: number }
}

export interface FakeBotApiOptions {
  port?: number
  token?: string
  botInfo?: Record<string, unknown>
}

export interface FakeBotApi {
  /** The apiRoot for telegraf / TELEGRAM_API_ROOT (ends with "/"). */
  url: string
  token: string
  botInfo: Record<string, unknown>
  /** Every call except getUpdates, in arrival order. */
  calls: RecordedCall[]
  /** Payloads of the last getUpdates requests (long polling), newest last. */
  polls: () => Array<Record<string, unknown>>
  /** Calls of one method (or all of `calls`). */
  sent: (method?: string) => RecordedCall[]
  /** Queues an update for getUpdates; assigns update_id when missing. Returns the update. */
  pushUpdate: (update: Record<string, unknown>) => Record<string, unknown>
  /** Resolves with the first call (past or future) matching `predicate`. */
  waitFor: (predicate: (call: RecordedCall) => boolean, timeoutMs?: number) => Promise<RecordedCall>
  /** Resolves when `count` calls match. */
  waitForCount: (
    predicate: (call: RecordedCall) => boolean,
    count: number,
    timeoutMs?: number
  ) => Promise<RecordedCall[]>
  /** The next `times` calls of `method` fail with this Bot API error (or bare HTTP status). */
  failNext: (method: string, error: BotApiError | { httpStatus: number }, times?: number) => void
  /** What setWebhook last stored (undefined after deleteWebhook). */
  webhook: () => Record<string, unknown> | undefined
  /** Delivers an update the way Telegram's webhook does (POST JSON, secret header). */
  deliverWebhook: (
    url: string,
    update: Record<string, unknown>,
    secret?: string
  ) => Promise<{ status: number; body: string }>
  /** Updates queued but not yet confirmed by a getUpdates offset. */
  pendingUpdates: () => number
  close: () => Promise<void>
}

export const DEFAULT_TOKEN = '123456:TEST-token_for-fake'
const DEFAULT_BOT = {
  id: 123456,
  is_bot: true,
  first_name: 'Helpdesk TIK',
  username: 'helpdesk_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false
}

type Reply = { status: number; body: unknown }
const ok = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } })
const bad = (description: string, code = 400): Reply => ({
  status: code,
  body: { ok: false, error_code: code, description }
})

function captionOrTextError(payload: Record<string, unknown>): Reply | undefined {
  if (typeof payload.caption === 'string' && payload.caption.length > 1024)
    return bad('Bad Request: message caption is too long')
  const markup = payload.reply_markup as { inline_keyboard?: unknown } | undefined
  if (markup !== undefined && Array.isArray(markup.inline_keyboard)) {
    for (const row of markup.inline_keyboard as unknown[]) {
      if (!Array.isArray(row))
        return bad(
          'Bad Request: field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
        )
      for (const button of row as Array<Record<string, unknown>>) {
        if (typeof button.text !== 'string' || button.text === '')
          return bad('Bad Request: text buttons are unallowed in the inline keyboard')
        const data = button.callback_data
        if (
          data !== undefined &&
          (typeof data !== 'string' || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64)
        ) {
          return bad('Bad Request: BUTTON_DATA_INVALID')
        }
        if (data === undefined && typeof button.url !== 'string')
          return bad('Bad Request: BUTTON_TYPE_INVALID')
      }
    }
  }
  return undefined
}

export async function startFakeBotApi(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const token = options.token ?? DEFAULT_TOKEN
  const botInfo = { ...DEFAULT_BOT, ...options.botInfo }
  const started = Date.now()
  const calls: RecordedCall[] = []
  const polls: Array<Record<string, unknown>> = []
  const updates: Array<Record<string, unknown>> = []
  const failures = new Map<string, Array<BotApiError | { httpStatus: number }>>()
  const callListeners = new Set<() => void>()
  const pollers = new Set<() => void>()
  let nextUpdateId = 500000
  let nextMessageId = 1
  let webhook: Record<string, unknown> | undefined
  let closed = false

  function message(
    payload: Record<string, unknown>,
    extra: Record<string, unknown>
  ): Record<string, unknown> {
    const chatId = Number(payload.chat_id)
    return {
      message_id: nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: chatId < 0 ? 'group' : 'private' },
      from: {
        id: botInfo.id,
        is_bot: true,
        first_name: botInfo.first_name,
        username: botInfo.username
      },
      ...extra
    }
  }

  function sendResult(method: string, payload: Record<string, unknown>): Reply {
    if (payload.chat_id === undefined || payload.chat_id === '')
      return bad('Bad Request: chat_id is empty')
    const markupError = captionOrTextError(payload)
    if (markupError !== undefined) return markupError
    const media = (field: string): Reply =>
      payload[field] === undefined
        ? bad(`Bad Request: there is no ${field} in the request`)
        : ok(
            message(payload, {
              [field]:
                typeof payload[field] === 'string'
                  ? { file_id: payload[field] }
                  : { file_id: 'uploaded' },
              ...(payload.caption !== undefined ? { caption: payload.caption } : {})
            })
          )
    switch (method) {
      case 'sendMessage': {
        const text = payload.text
        if (typeof text !== 'string' || text.trim() === '')
          return bad('Bad Request: message text is empty')
        if (text.length > 4096) return bad('Bad Request: message is too long')
        return ok(message(payload, { text }))
      }
      case 'sendPhoto':
        return media('photo')
      case 'sendDocument':
        return media('document')
      case 'sendAudio':
        return media('audio')
      case 'sendVideo':
        return media('video')
      case 'sendVoice':
        return media('voice')
      case 'sendAnimation':
        return media('animation')
      case 'sendSticker':
        return media('sticker')
      case 'sendVideoNote':
        return media('video_note')
      case 'sendLocation':
        return ok(
          message(payload, {
            location: { latitude: payload.latitude, longitude: payload.longitude }
          })
        )
      case 'sendVenue':
        return ok(message(payload, { venue: { title: payload.title, address: payload.address } }))
      case 'sendContact':
        return ok(
          message(payload, {
            contact: { phone_number: payload.phone_number, first_name: payload.first_name }
          })
        )
      case 'sendMediaGroup': {
        const items = payload.media
        if (!Array.isArray(items) || items.length < 2 || items.length > 10)
          return bad('Bad Request: wrong number of media files')
        return ok(items.map(() => message(payload, {})))
      }
      case 'sendChatAction':
        return ok(true)
      default:
        return bad('Not Found', 404)
    }
  }

  function takeUpdates(payload: Record<string, unknown>): Array<Record<string, unknown>> {
    const offset = Number(payload.offset ?? 0)
    // An offset confirms every earlier update: Telegram forgets them.
    while (updates.length > 0 && Number((updates[0] as Record<string, unknown>).update_id) < offset)
      updates.shift()
    const limit = Math.min(100, Math.max(1, Number(payload.limit ?? 100)))
    return updates.slice(0, limit)
  }

  async function answer(
    method: string,
    payload: Record<string, unknown>,
    res: ServerResponse
  ): Promise<Reply> {
    switch (method) {
      case 'getMe':
        return ok(botInfo)
      case 'getUpdates': {
        if (webhook !== undefined)
          return bad(
            "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
            409
          )
        let batch = takeUpdates(payload)
        const timeout = Number(payload.timeout ?? 0)
        if (batch.length === 0 && timeout > 0 && !closed) {
          // Long polling: hold the request until an update arrives, the timeout passes or the client leaves.
          await new Promise<void>((resolve) => {
            const done = (): void => {
              clearTimeout(timer)
              pollers.delete(done)
              resolve()
            }
            const timer = setTimeout(done, timeout * 1000)
            pollers.add(done)
            res.once('close', done)
          })
          batch = takeUpdates(payload)
        }
        return ok(batch)
      }
      case 'setWebhook':
        if (typeof payload.url !== 'string' || !payload.url.startsWith('https://'))
          return bad('Bad Request: bad webhook: An HTTPS URL must be provided for webhook')
        webhook = { ...payload }
        return ok(true)
      case 'deleteWebhook':
        webhook = undefined
        if (payload.drop_pending_updates === true) updates.length = 0
        return ok(true)
      case 'getWebhookInfo':
        return ok({
          url: webhook?.url ?? '',
          has_custom_certificate: false,
          pending_update_count: updates.length
        })
      case 'answerCallbackQuery':
        if (typeof payload.callback_query_id !== 'string')
          return bad(
            'Bad Request: query is too old and response timeout expired or query ID is invalid'
          )
        if (typeof payload.text === 'string' && payload.text.length > 200)
          return bad('Bad Request: MESSAGE_TOO_LONG')
        return ok(true)
      case 'editMessageReplyMarkup':
      case 'deleteMessage':
      case 'setMyCommands':
        return ok(true)
      default:
        return sendResult(method, payload)
    }
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    return Buffer.concat(chunks)
  }

  function send(res: ServerResponse, reply: Reply | { httpStatus: number }): void {
    if (res.writableEnded || res.destroyed) return
    if ('httpStatus' in reply) {
      res.writeHead(reply.httpStatus, { 'content-type': 'text/plain' }).end('Bad Gateway')
      return
    }
    res
      .writeHead(reply.status, { 'content-type': 'application/json' })
      .end(JSON.stringify(reply.body))
  }

  const server: Server = createServer((req, res) => {
    void (async () => {
      const match = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z]+)$/.exec(req.url?.split('?')[0] ?? '')
      const body = await readBody(req)
      if (req.method !== 'POST' && req.method !== 'GET') return send(res, bad('Not Found', 404))
      if (match === null) return send(res, bad('Not Found', 404))
      if (match[1] !== token) return send(res, bad('Unauthorized', 401))
      const method = match[2] as string
      const type = req.headers['content-type'] ?? ''
      let payload: Record<string, unknown> = {}
      let encoding: RecordedCall['encoding'] = 'empty'
      try {
        if (type.startsWith('multipart/form-data')) {
          payload = parseMultipart(body, type)
          encoding = 'multipart'
        } else if (body.length > 0) {
          payload = JSON.parse(body.toString('utf8')) as Record<string, unknown>
          encoding = 'json'
        }
      } catch {
        return send(res, bad("Bad Request: can't parse request body"))
      }
      if (method === 'getUpdates') {
        polls.push(payload)
        if (polls.length > 50) polls.shift()
      } else {
        calls.push({ method, payload, encoding, at: Date.now() - started })
        for (const listener of [...callListeners]) listener()
      }
      const queued = failures.get(method)
      const failure = queued?.shift()
      if (failure !== undefined) {
        return send(
          res,
          'httpStatus' in failure
            ? failure
            : { status: failure.error_code, body: { ok: false, ...failure } }
        )
      }
      send(res, await answer(method, payload, res))
    })().catch(() =>
      send(res, {
        status: 500,
        body: { ok: false, error_code: 500, description: 'Internal Server Error' }
      })
    )
  })

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  function waitForCount(
    predicate: (call: RecordedCall) => boolean,
    count: number,
    timeoutMs = 5000
  ): Promise<RecordedCall[]> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = calls.filter(predicate)
        if (found.length < count) return false
        callListeners.delete(check)
        clearTimeout(timer)
        resolve(found.slice(0, count))
        return true
      }
      const timer = setTimeout(() => {
        callListeners.delete(check)
        reject(
          new Error(
            `fake Bot API: expected ${count} matching call(s) within ${timeoutMs} ms; calls so far: ${calls.map((c) => c.method).join(', ') || 'none'}`
          )
        )
      }, timeoutMs)
      if (!check()) callListeners.add(check)
    })
  }

  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    botInfo,
    calls,
    polls: () => [...polls],
    sent: (method) =>
      method === undefined ? [...calls] : calls.filter((c) => c.method === method),
    pushUpdate(update) {
      const full = { ...update }
      if (typeof full.update_id !== 'number') full.update_id = nextUpdateId++
      else nextUpdateId = Math.max(nextUpdateId, full.update_id + 1)
      updates.push(full)
      for (const poller of [...pollers]) poller()
      return full
    },
    waitFor: async (predicate, timeoutMs) =>
      (await waitForCount(predicate, 1, timeoutMs))[0] as RecordedCall,
    waitForCount,
    failNext(method, error, times = 1) {
      const list = failures.get(method) ?? []
      for (let i = 0; i < times; i++) list.push(error)
      failures.set(method, list)
    },
    webhook: () => webhook,
    async deliverWebhook(url, update, secret) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (secret !== undefined) headers['x-telegram-bot-api-secret-token'] = secret
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(update) })
      return { status: res.status, body: await res.text() }
    },
    pendingUpdates: () => updates.length,
    async close() {
      closed = true
      for (const poller of [...pollers]) poller()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    }
  }
}

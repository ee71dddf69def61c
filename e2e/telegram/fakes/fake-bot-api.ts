import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { closeServer, listenLoopback, readBody, sendJson } from './http-util'

/**
 * A loopback Telegram Bot API for polling bots (what telegraf 4.16 calls: getMe, deleteWebhook,
 * getUpdates, sendMessage, answerCallbackQuery, sendChatAction, edit*). It enforces the limits a
 * real Bot API enforces (text length, callback_data bytes, button shape) and records every call.
 */

export interface InlineButton {
  text: string
  callback_data?: string
  url?: string
}

export interface BotMessage {
  message_id: number
  chat_id: number
  text: string
  /** The keyboard as it is now (the bot may edit or remove it after a press). */
  buttons: InlineButton[][]
  /** The keyboard as it was sent. */
  sentButtons: InlineButton[][]
  at: number
}

export interface ApiCall {
  method: string
  params: Record<string, unknown>
  at: number
  error?: string
}

type Update = Record<string, unknown> & { update_id: number }

const BOT_USER = { id: 4242, is_bot: true, first_name: 'Helpdesk TIK', username: 'helpdesk_tik_test_bot' }

export class FakeBotApi {
  readonly calls: ApiCall[] = []
  readonly messages: BotMessage[] = []
  /** Rule violations (a real Bot API would have refused the call). */
  readonly violations: ApiCall[] = []
  private readonly server: Server
  private readonly pending: Update[] = []
  private waiters: (() => void)[] = []
  private nextUpdateId = 100001
  private nextMessageId = 1
  private readonly callbackIds = new Set<string>()
  private url = ''

  constructor(private readonly token: string) {
    this.server = createServer((req, res) => void this.handle(req, res))
  }

  async start(): Promise<string> {
    this.url = await listenLoopback(this.server)
    return this.url
  }

  async stop(): Promise<void> {
    this.releasePollers()
    await closeServer(this.server)
  }

  /** Number of getUpdates calls so far (polling has started when > 0). */
  get pollCount(): number {
    return this.calls.filter((call) => call.method === 'getUpdates').length
  }

  /** Queues an update (message or callback_query) for the bot's next getUpdates. */
  pushUpdate(update: Omit<Update, 'update_id'>): number {
    const update_id = this.nextUpdateId++
    if (typeof update.callback_query === 'object' && update.callback_query !== null) {
      this.callbackIds.add(String((update.callback_query as { id: unknown }).id))
    }
    this.pending.push({ ...update, update_id })
    this.releasePollers()
    return update_id
  }

  messagesFor(chatId: number): BotMessage[] {
    return this.messages.filter((message) => message.chat_id === chatId)
  }

  private releasePollers(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec((req.url ?? '').split('?')[0] ?? '')
    if (req.method !== 'POST' || match === null) {
      sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' })
      return
    }
    if (match[1] !== this.token) {
      sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' })
      return
    }
    const method = match[2]!
    const raw = await readBody(req)
    let params: Record<string, unknown> = {}
    if ((req.headers['content-type'] ?? '').includes('application/json') && raw !== '') {
      params = JSON.parse(raw) as Record<string, unknown>
    } else if (raw !== '') {
      this.refuse(res, { method, params: {}, at: Date.now() }, 'this fake only speaks JSON bodies (no uploads)')
      return
    }
    const call: ApiCall = { method, params, at: Date.now() }
    this.calls.push(call)
    await this.dispatch(call, res)
  }

  private refuse(res: ServerResponse, call: ApiCall, description: string): void {
    call.error = description
    this.violations.push(call)
    sendJson(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${description}` })
  }

  private async dispatch(call: ApiCall, res: ServerResponse): Promise<void> {
    const ok = (result: unknown): void => sendJson(res, 200, { ok: true, result })
    const p = call.params
    switch (call.method) {
      case 'getMe':
        return ok(BOT_USER)
      case 'deleteWebhook':
      case 'setMyCommands':
      case 'sendChatAction':
        return ok(true)
      case 'getUpdates':
        return ok(await this.nextUpdates(p))
      case 'answerCallbackQuery': {
        const text = typeof p.text === 'string' ? p.text : ''
        if (!this.callbackIds.has(String(p.callback_query_id))) return this.refuse(res, call, 'query is too old and response timeout expired or query ID is invalid')
        if (text.length > 200) return this.refuse(res, call, 'answerCallbackQuery text longer than 200 characters')
        return ok(true)
      }
      case 'sendMessage':
        return this.sendMessage(call, res)
      case 'editMessageReplyMarkup':
      case 'editMessageText':
        return this.editMessage(call, res)
      case 'deleteMessage':
        return ok(true)
      default:
        return this.refuse(res, call, `method ${call.method} is not supported by the e2e fake`)
    }
  }

  private async nextUpdates(p: Record<string, unknown>): Promise<Update[]> {
    const offset = typeof p.offset === 'number' ? p.offset : 0
    const drop = (): void => {
      while (this.pending.length > 0 && this.pending[0]!.update_id < offset) this.pending.shift()
    }
    drop()
    if (this.pending.length === 0 && p.limit !== 1) {
      const seconds = Math.min(typeof p.timeout === 'number' ? p.timeout : 0, 50)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, seconds * 1000)
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
      drop()
    }
    const limit = typeof p.limit === 'number' ? p.limit : 100
    return this.pending.slice(0, limit)
  }

  private checkKeyboard(markup: unknown): { buttons: InlineButton[][]; problem?: string } {
    if (markup === undefined) return { buttons: [] }
    const rows = (markup as { inline_keyboard?: unknown }).inline_keyboard
    if (rows === undefined) return { buttons: [] } // reply keyboard or remove_keyboard: not inline
    if (!Array.isArray(rows)) return { buttons: [], problem: 'inline_keyboard must be an array of rows' }
    const buttons: InlineButton[][] = []
    for (const row of rows) {
      if (!Array.isArray(row)) return { buttons, problem: 'inline_keyboard rows must be arrays' }
      const out: InlineButton[] = []
      for (const button of row as InlineButton[]) {
        if (typeof button.text !== 'string' || button.text === '') return { buttons, problem: 'button text is empty' }
        const kinds = [button.callback_data, button.url].filter((value) => value !== undefined)
        if (kinds.length !== 1) return { buttons, problem: `button "${button.text}" needs exactly one of callback_data or url` }
        if (button.callback_data !== undefined) {
          const bytes = Buffer.byteLength(button.callback_data, 'utf8')
          if (bytes < 1 || bytes > 64) return { buttons, problem: `BUTTON_DATA_INVALID: callback_data of "${button.text}" is ${bytes} bytes` }
        }
        if (button.url !== undefined && !/^(https?|tg):\/\//.test(button.url)) {
          return { buttons, problem: `BUTTON_URL_INVALID: "${button.url}"` }
        }
        out.push({ text: button.text, callback_data: button.callback_data, url: button.url })
      }
      buttons.push(out)
    }
    return { buttons }
  }

  private sendMessage(call: ApiCall, res: ServerResponse): void {
    const p = call.params
    const text = typeof p.text === 'string' ? p.text : ''
    if (typeof p.chat_id !== 'number' && typeof p.chat_id !== 'string') return this.refuse(res, call, 'chat_id is missing')
    if (text.trim() === '') return this.refuse(res, call, 'message text is empty')
    if (text.length > 4096) return this.refuse(res, call, `message is too long (${text.length} > 4096)`)
    const keyboard = this.checkKeyboard(p.reply_markup)
    if (keyboard.problem !== undefined) return this.refuse(res, call, keyboard.problem)
    const message: BotMessage = {
      message_id: this.nextMessageId++,
      chat_id: Number(p.chat_id),
      text,
      buttons: keyboard.buttons,
      sentButtons: keyboard.buttons,
      at: Date.now()
    }
    this.messages.push(message)
    const chat = { id: message.chat_id, type: 'private', first_name: 'Pengguna' }
    const result: Record<string, unknown> = { message_id: message.message_id, date: Math.floor(message.at / 1000), chat, from: BOT_USER, text }
    if (p.reply_markup !== undefined) result.reply_markup = p.reply_markup
    sendJson(res, 200, { ok: true, result })
  }

  private editMessage(call: ApiCall, res: ServerResponse): void {
    const p = call.params
    const message = this.messages.find((m) => m.message_id === Number(p.message_id) && m.chat_id === Number(p.chat_id))
    if (message === undefined) return this.refuse(res, call, 'message to edit not found')
    const keyboard = this.checkKeyboard(p.reply_markup ?? { inline_keyboard: [] })
    if (keyboard.problem !== undefined) return this.refuse(res, call, keyboard.problem)
    message.buttons = keyboard.buttons
    if (call.method === 'editMessageText' && typeof p.text === 'string') message.text = p.text
    sendJson(res, 200, { ok: true, result: true })
  }
}

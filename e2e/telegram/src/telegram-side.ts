import { startFakeBotApi, type FakeBotApi, type RecordedCall } from '../../../gateway/test/fakes'

/**
 * The Telegram side of the suite: the gateway's reusable loopback Bot API fake
 * (gateway/test/fakes) plus what a conversation test needs on top of it — the messages each chat
 * received (with their keyboards, as sent and as later edited), and the calls a real Bot API
 * would have refused.
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

export interface RefusedCall {
  method: string
  chatId: number | undefined
  reason: string
}

const SEND_METHODS = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendAudio',
  'sendVideo',
  'sendVoice',
  'sendAnimation',
  'sendSticker',
  'sendLocation',
  'sendVenue',
  'sendContact'
])

export class TelegramSide {
  readonly messages: BotMessage[] = []
  readonly refused: RefusedCall[] = []
  private fake: FakeBotApi | undefined
  private seenCalls = 0
  private nextMessageId = 1
  /** RecordedCall.at counts from the fake's start. */
  private startedAt = 0

  constructor(private readonly token: string) {}

  /** Starts the fake; resolves TELEGRAM_API_ROOT. */
  async start(): Promise<string> {
    this.startedAt = Date.now()
    this.fake = await startFakeBotApi({
      token: this.token,
      botInfo: { username: 'helpdesk_tik_e2e_bot' }
    })
    return this.fake.url
  }

  async stop(): Promise<void> {
    await this.fake?.close()
  }

  private get api(): FakeBotApi {
    if (this.fake === undefined) throw new Error('the fake Bot API is not started')
    return this.fake
  }

  /** telegraf calls deleteWebhook right before its first getUpdates. */
  get polling(): boolean {
    return this.pollStarts > 0
  }

  /** How many times a gateway has started polling (once per start). */
  get pollStarts(): number {
    return this.api.sent('deleteWebhook').length
  }

  pushUpdate(update: Record<string, unknown>): void {
    this.api.pushUpdate(update)
  }

  calls(method: string): RecordedCall[] {
    return this.api.sent(method)
  }

  /** When "typing…" was shown in this chat (absolute ms). */
  typingTimes(chatId: number): number[] {
    return this.api
      .sent('sendChatAction')
      .filter((call) => Number(call.payload.chat_id) === chatId && call.payload.action === 'typing')
      .map((call) => this.startedAt + call.at)
  }

  messagesFor(chatId: number): BotMessage[] {
    this.ingest()
    return this.messages.filter((message) => message.chat_id === chatId)
  }

  /** Turns newly recorded calls into chat messages, keyboard edits and refusals. */
  private ingest(): void {
    const calls = this.api.calls
    for (; this.seenCalls < calls.length; this.seenCalls++) {
      const call = calls[this.seenCalls]!
      const p = call.payload
      const chatId = p.chat_id === undefined ? undefined : Number(p.chat_id)
      const keyboard = parseKeyboard(p.reply_markup)
      if (SEND_METHODS.has(call.method)) {
        const problem = keyboard.problem ?? textProblem(call)
        if (problem !== undefined) {
          this.refused.push({ method: call.method, chatId, reason: problem })
          continue
        }
        const text =
          typeof p.text === 'string'
            ? p.text
            : typeof p.caption === 'string'
              ? `[${call.method}] ${p.caption}`
              : `[${call.method}]`
        this.messages.push({
          message_id: this.nextMessageId++,
          chat_id: chatId ?? 0,
          text,
          buttons: keyboard.buttons,
          sentButtons: keyboard.buttons,
          at: this.startedAt + call.at
        })
      } else if (call.method === 'editMessageReplyMarkup' || call.method === 'editMessageText') {
        const message = this.messages.find(
          (m) => m.message_id === Number(p.message_id) && m.chat_id === chatId
        )
        if (message === undefined) continue
        message.buttons = keyboard.buttons
        if (call.method === 'editMessageText' && typeof p.text === 'string') message.text = p.text
      } else if (
        call.method === 'answerCallbackQuery' &&
        typeof p.text === 'string' &&
        p.text.length > 200
      ) {
        this.refused.push({
          method: call.method,
          chatId,
          reason: 'answerCallbackQuery text longer than 200 characters'
        })
      }
    }
  }
}

function textProblem(call: RecordedCall): string | undefined {
  if (call.method !== 'sendMessage') {
    const caption = call.payload.caption
    return typeof caption === 'string' && caption.length > 1024
      ? `caption is too long (${caption.length} > 1024)`
      : undefined
  }
  const text = call.payload.text
  if (typeof text !== 'string' || text.trim() === '') return 'message text is empty'
  if (text.length > 4096) return `message is too long (${text.length} > 4096)`
  return undefined
}

function parseKeyboard(markup: unknown): { buttons: InlineButton[][]; problem?: string } {
  const rows =
    typeof markup === 'object' && markup !== null
      ? (markup as { inline_keyboard?: unknown }).inline_keyboard
      : undefined
  if (rows === undefined) return { buttons: [] } // no keyboard, a reply keyboard, or remove_keyboard
  if (!Array.isArray(rows))
    return { buttons: [], problem: 'inline_keyboard must be an array of rows' }
  const buttons: InlineButton[][] = []
  for (const row of rows as unknown[]) {
    if (!Array.isArray(row)) return { buttons, problem: 'inline_keyboard rows must be arrays' }
    const out: InlineButton[] = []
    for (const button of row as InlineButton[]) {
      if (typeof button.text !== 'string' || button.text === '')
        return { buttons, problem: 'button text is empty' }
      if ((button.callback_data === undefined) === (button.url === undefined)) {
        return {
          buttons,
          problem: `button "${button.text}" needs exactly one of callback_data or url`
        }
      }
      if (button.callback_data !== undefined) {
        const bytes = Buffer.byteLength(button.callback_data, 'utf8')
        if (bytes < 1 || bytes > 64)
          return {
            buttons,
            problem: `BUTTON_DATA_INVALID: callback_data of "${button.text}" is ${bytes} bytes`
          }
      }
      out.push({ text: button.text, callback_data: button.callback_data, url: button.url })
    }
    buttons.push(out)
  }
  return { buttons }
}

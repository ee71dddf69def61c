import type { BotMessage, InlineButton, TelegramSide } from './telegram-side'
import type { RasaProbe } from './rasa-probe'
import type { Transcript } from './transcript'
import type { UserProfile } from './script-types'

/** What the bot did in answer to one user action. */
export interface Turn {
  chatId: number
  messages: BotMessage[]
  startedAt: number
  /** The callback query id when the action was a button press. */
  callbackId?: string
  timedOut: boolean
  /** Rasa logged the user's message (false when Rasa was down or the gateway answered alone). */
  rasaSaw: boolean
}

export interface TurnTiming {
  /** Quiet time after the last message once Rasa reports the turn done. */
  settleMs: number
  /** Quiet time when Rasa cannot be asked (it is down): the gateway answers on its own. */
  quietWithoutRasaMs: number
  turnTimeoutMs: number
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

let callbackCounter = 0

/** One Telegram user in a private chat with the bot, driven through the fake Bot API. */
export class TelegramChat {
  private nextMessageId = 1

  constructor(
    readonly name: string,
    readonly chatId: number,
    private readonly profile: UserProfile,
    private readonly api: TelegramSide,
    private readonly rasa: RasaProbe,
    private readonly transcript: Transcript,
    private readonly timing: TurnTiming
  ) {}

  private get from(): Record<string, unknown> {
    return {
      id: this.chatId,
      is_bot: false,
      first_name: this.profile.first_name ?? 'Pengguna',
      language_code: this.profile.language_code ?? 'id'
    }
  }

  private get chat(): Record<string, unknown> {
    return { id: this.chatId, type: 'private', first_name: this.profile.first_name ?? 'Pengguna' }
  }

  /** The user types a text (a leading /command gets a bot_command entity, as Telegram sends it). */
  async send(text: string): Promise<Turn> {
    this.transcript.add(this.name, 'user', text)
    const message: Record<string, unknown> = {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: this.chat,
      from: this.from,
      text
    }
    const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text)
    if (command !== null)
      message.entities = [{ type: 'bot_command', offset: 0, length: command[0].length }]
    return this.play({ message })
  }

  /** The user presses the inline button with this label on the bot's latest keyboard. */
  async press(label: string): Promise<Turn> {
    const source = [...this.api.messagesFor(this.chatId)]
      .reverse()
      .find((m) => m.buttons.length > 0)
    if (source === undefined)
      throw new Error(`cannot press "${label}": the bot has not shown any inline buttons`)
    const button = findButton(source.buttons, label)
    if (button.url !== undefined)
      throw new Error(
        `cannot press "${label}": it is a link button to ${button.url} (check it with expect.link)`
      )
    const id = `cbq-${this.chatId}-${++callbackCounter}`
    this.transcript.add(
      this.name,
      'press',
      `${button.text}   (callback_data ${button.callback_data ?? ''})`
    )
    const callback_query = {
      id,
      from: this.from,
      chat_instance: `ci-${this.chatId}`,
      data: button.callback_data,
      message: {
        message_id: source.message_id,
        date: Math.floor(source.at / 1000),
        chat: this.chat,
        from: {
          id: 4242,
          is_bot: true,
          first_name: 'Helpdesk TIK',
          username: 'helpdesk_tik_test_bot'
        },
        text: source.text,
        reply_markup: { inline_keyboard: source.buttons }
      }
    }
    const turn = await this.play({ callback_query })
    return { ...turn, callbackId: id }
  }

  private async play(update: Record<string, unknown>): Promise<Turn> {
    const sender = String(this.chatId)
    const seen = this.api.messagesFor(this.chatId).length
    const startedAt = Date.now()
    this.api.pushUpdate(update)
    const fresh = (): BotMessage[] => this.api.messagesFor(this.chatId).slice(seen)
    let timedOut = true
    let rasaSaw = false
    while (Date.now() - startedAt < this.timing.turnTimeoutMs) {
      await sleep(150)
      const messages = fresh()
      const lastAt = messages.length > 0 ? messages[messages.length - 1]!.at : startedAt
      const quietFor = Date.now() - lastAt
      // Every update gets at least one message (from Rasa, or the gateway's own). Rasa is asked
      // only after the first one: Rasa saves the tracker before it answers, and reading the
      // tracker of a brand-new conversation while Rasa still handles its first message could
      // make Rasa store a second, empty session for it.
      if (messages.length === 0) continue
      const rasa = await this.rasa.turnState(sender, startedAt)
      rasaSaw ||= rasa?.userSeen === true
      const done =
        rasa === undefined || !rasa.userSeen
          ? // Rasa is down (or never saw the message): the gateway answers on its own.
            quietFor >= this.timing.quietWithoutRasaMs
          : rasa.listening &&
            messages.length >= rasa.botMessages &&
            quietFor >= this.timing.settleMs
      if (done) {
        timedOut = false
        break
      }
    }
    const messages = fresh()
    for (const message of messages)
      this.transcript.add(this.name, 'bot', message.text, message.sentButtons, message.at)
    if (timedOut)
      this.transcript.add(
        this.name,
        'problem',
        `turn not finished after ${this.timing.turnTimeoutMs / 1000} s`
      )
    return { chatId: this.chatId, messages, startedAt, timedOut, rasaSaw }
  }
}

/** Exact label (case-insensitive), else the one label that contains the text. */
export function findButton(rows: InlineButton[][], label: string): InlineButton {
  const all = rows.flat()
  const wanted = normalise(label)
  const exact = all.filter((b) => normalise(b.text) === wanted)
  if (exact.length === 1) return exact[0]!
  const partial = all.filter((b) => normalise(b.text).includes(wanted))
  if (exact.length === 0 && partial.length === 1) return partial[0]!
  const offered = all.map((b) => `"${b.text}"`).join(', ')
  const why =
    exact.length + partial.length === 0 ? 'no such button' : 'more than one button matches'
  throw new Error(`button "${label}": ${why}; the latest keyboard offers ${offered}`)
}

export function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim()
}

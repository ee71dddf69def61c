import type { EditedMessages, TypedIntents } from '../config'
import { MESSAGES } from '../messages'
import { isObject } from '../rasa/types'
import type { ButtonMemory } from './button-memory'
import { parseCommand } from './commands'
import { readMessage, readUser, type TgMessage, type TgUser } from './telegram-update'

/** What Rasa receives as metadata.telegram (dialogue-design.md "Telegram metadata", plus extras). */
export interface TelegramMetadata {
  chat_id: number
  chat_type: string
  user_id: number | null
  username?: string
  language_code: string | null
  message_id: number
  update_id: number
  /** Deep-link payload of /start ("" when none); present only for /start. */
  start?: string
  edited?: true
  location?: { latitude: number; longitude: number }
  /** The message came from pressing one of our buttons. */
  button?: true
}

export type Routed =
  | {
      kind: 'turn'
      chatId: number
      message: string
      metadata: TelegramMetadata
      callbackQueryId?: string
    }
  | { kind: 'reset'; chatId: number; metadata: TelegramMetadata }
  | { kind: 'notice'; chatId: number; text: string }
  | { kind: 'answer'; callbackQueryId: string; text?: string }
  | { kind: 'ignore'; reason: string }

export interface RouteOptions {
  botUsername?: string
  typedIntents: TypedIntents
  editedMessages: EditedMessages
  buttons: ButtonMemory
}

/** Content we cannot pass to Rasa but a person did send: they deserve an answer. */
const UNSUPPORTED = [
  'sticker',
  'voice',
  'audio',
  'document',
  'photo',
  'video',
  'video_note',
  'animation',
  'contact',
  'poll',
  'dice',
  'game',
  'story'
]

function metadataFor(updateId: number, msg: TgMessage, from: TgUser | undefined): TelegramMetadata {
  const meta: TelegramMetadata = {
    chat_id: msg.chat.id,
    chat_type: msg.chat.type,
    user_id: from?.id ?? null,
    language_code: from?.language_code ?? null,
    message_id: msg.message_id,
    update_id: updateId
  }
  if (from?.username !== undefined) meta.username = from.username
  return meta
}

/** Rasa's channel removed every "/bot" (so "/bottle" became "tle"); we strip only a leading mention, in groups. */
function stripGroupMention(
  text: string,
  chatType: string,
  botUsername: string | undefined
): string {
  if (chatType !== 'group' && chatType !== 'supergroup') return text
  let out = text.replace(/^\/bot(?=\s|$)/i, '')
  if (botUsername !== undefined) {
    out = out.replace(new RegExp(`^@${botUsername}(?=\\s|$|[,:])[,:]?`, 'i'), '')
  }
  return out.trim()
}

function routeText(
  updateId: number,
  msg: TgMessage,
  text: string,
  edited: boolean,
  options: RouteOptions
): Routed {
  const chatId = msg.chat.id
  const meta = metadataFor(updateId, msg, msg.from)
  const cleaned = stripGroupMention(text, msg.chat.type, options.botUsername)
  if (cleaned === '') return { kind: 'ignore', reason: 'empty text' }
  const command = parseCommand(cleaned, options.botUsername)
  if (command?.name === 'other-bot') return { kind: 'ignore', reason: 'command for another bot' }
  if (command !== undefined && edited) return { kind: 'ignore', reason: 'edited command' }
  if (edited) meta.edited = true
  if (command?.name === 'start') {
    // The Rasa project maps greetings to action_sapa, which shows the privacy notice when
    // metadata.telegram.start is present (dialogue-design.md).
    return {
      kind: 'turn',
      chatId,
      message: '/greet',
      metadata: { ...meta, start: command.payload }
    }
  }
  if (command?.name === 'help') return { kind: 'turn', chatId, message: '/help', metadata: meta }
  if (command?.name === 'reset') return { kind: 'reset', chatId, metadata: meta }
  const replyPayload = options.buttons.replyPayload(chatId, cleaned)
  if (replyPayload !== undefined)
    return { kind: 'turn', chatId, message: replyPayload, metadata: { ...meta, button: true } }
  if (cleaned.startsWith('/') && options.typedIntents === 'buttons-only') {
    // A typed "/intent{...}" would bypass NLU (and could fill slots); let NLU read it as words instead.
    const words = cleaned.replace(/^\/+/, '').trim()
    if (words === '') return { kind: 'ignore', reason: 'only slashes' }
    return { kind: 'turn', chatId, message: words, metadata: meta }
  }
  return { kind: 'turn', chatId, message: cleaned, metadata: meta }
}

function routeMessage(
  updateId: number,
  value: unknown,
  edited: boolean,
  options: RouteOptions
): Routed {
  const msg = readMessage(value)
  if (msg === undefined) return { kind: 'ignore', reason: 'malformed message' }
  if (msg.chat.type === 'channel') return { kind: 'ignore', reason: 'channel post' }
  if (edited && options.editedMessages === 'ignore')
    return { kind: 'ignore', reason: 'edited message (configured off)' }
  if (msg.text !== undefined) return routeText(updateId, msg, msg.text, edited, options)
  if (msg.location !== undefined) {
    // Live-location updates arrive as edits every few seconds: not a new user turn.
    if (edited) return { kind: 'ignore', reason: 'live location update' }
    const { latitude, longitude } = msg.location
    const meta = { ...metadataFor(updateId, msg, msg.from), location: { latitude, longitude } }
    // Same text as Rasa's Telegram channel, for parity with existing NLU data.
    return {
      kind: 'turn',
      chatId: msg.chat.id,
      message: `{"lng":${longitude}, "lat":${latitude}}`,
      metadata: meta
    }
  }
  if (edited) return { kind: 'ignore', reason: 'edited non-text message' }
  if (UNSUPPORTED.some((key) => key in msg.raw))
    return { kind: 'notice', chatId: msg.chat.id, text: MESSAGES.unsupported }
  return { kind: 'ignore', reason: 'service message' }
}

function routeCallback(
  updateId: number,
  query: Record<string, unknown>,
  options: RouteOptions
): Routed {
  if (typeof query.id !== 'string') return { kind: 'ignore', reason: 'malformed callback query' }
  const callbackQueryId = query.id
  const msg = readMessage(query.message)
  if (msg === undefined || typeof query.data !== 'string')
    return { kind: 'answer', callbackQueryId }
  const payload = options.buttons.resolve(msg.chat.id, query.data)
  if (payload === undefined)
    return { kind: 'answer', callbackQueryId, text: MESSAGES.buttonExpired }
  const meta: TelegramMetadata = {
    ...metadataFor(updateId, msg, readUser(query.from)),
    button: true
  }
  return { kind: 'turn', chatId: msg.chat.id, message: payload, metadata: meta, callbackQueryId }
}

/** One Telegram update → what the gateway should do with it. Pure apart from reading button memory. */
export function routeUpdate(update: unknown, options: RouteOptions): Routed {
  if (!isObject(update) || typeof update.update_id !== 'number')
    return { kind: 'ignore', reason: 'malformed update' }
  const id = update.update_id
  if ('message' in update) return routeMessage(id, update.message, false, options)
  if ('edited_message' in update) return routeMessage(id, update.edited_message, true, options)
  if (isObject(update.callback_query)) return routeCallback(id, update.callback_query, options)
  return { kind: 'ignore', reason: 'update type without a message' }
}

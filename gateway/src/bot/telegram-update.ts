/**
 * The slice of a Bot API Update the gateway reads, checked by hand: updates come from the
 * network (webhook) and a malformed one must be ignored, not crash a handler.
 */
import { isObject } from '../rasa/types'

export interface TgChat {
  id: number
  type: string
}
export interface TgUser {
  id: number
  username?: string
  language_code?: string
}
export interface TgMessage {
  message_id: number
  chat: TgChat
  from?: TgUser
  text?: string
  location?: { latitude: number; longitude: number }
  raw: Record<string, unknown>
}

export function readChat(value: unknown): TgChat | undefined {
  if (!isObject(value) || typeof value.id !== 'number' || typeof value.type !== 'string')
    return undefined
  return { id: value.id, type: value.type }
}

export function readUser(value: unknown): TgUser | undefined {
  if (!isObject(value) || typeof value.id !== 'number') return undefined
  const user: TgUser = { id: value.id }
  if (typeof value.username === 'string') user.username = value.username
  if (typeof value.language_code === 'string') user.language_code = value.language_code
  return user
}

export function readMessage(value: unknown): TgMessage | undefined {
  if (!isObject(value) || typeof value.message_id !== 'number') return undefined
  const chat = readChat(value.chat)
  if (chat === undefined) return undefined
  const msg: TgMessage = { message_id: value.message_id, chat, raw: value }
  const from = readUser(value.from)
  if (from !== undefined) msg.from = from
  if (typeof value.text === 'string') msg.text = value.text
  const loc = value.location
  if (isObject(loc) && typeof loc.latitude === 'number' && typeof loc.longitude === 'number') {
    msg.location = { latitude: loc.latitude, longitude: loc.longitude }
  }
  return msg
}

/**
 * What the renderer produces: transport-neutral calls named after Bot API methods. The Telegram
 * adapter adds chat_id and turns `keyboard` into reply_markup; the terminal chat prints them.
 */

export type KeyboardButton = { title: string; payload: string } | { title: string; url: string }

export interface Keyboard {
  /** inline: buttons under the message; reply: a one-time keyboard replacing the user's keyboard. */
  type: 'inline' | 'reply'
  rows: KeyboardButton[][]
}

/** The Bot API methods the gateway may call on Rasa's behalf (the custom JSON whitelist). */
export type SendMethod =
  | 'sendMessage'
  | 'sendPhoto'
  | 'sendDocument'
  | 'sendAudio'
  | 'sendVideo'
  | 'sendVoice'
  | 'sendAnimation'
  | 'sendSticker'
  | 'sendVideoNote'
  | 'sendLocation'
  | 'sendVenue'
  | 'sendContact'
  | 'sendMediaGroup'
  | 'sendChatAction'

export interface OutgoingCall {
  method: SendMethod
  /** Bot API parameters without chat_id (and without reply_markup when `keyboard` is set). */
  params: Record<string, unknown>
  keyboard?: Keyboard
  /** Sent instead when Telegram rejects the call (e.g. it cannot fetch an image URL). */
  fallbackText?: string
}

export function isUrlButton(button: KeyboardButton): button is { title: string; url: string } {
  return 'url' in button
}

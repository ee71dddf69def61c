import { isUrlButton, type OutgoingCall } from '../render/outgoing'
import type { ButtonMemory } from './button-memory'

/** A rendered call → Bot API parameters for one chat: chat_id, and the keyboard as reply_markup. */
export function toBotApiParams(
  call: OutgoingCall,
  chatId: number,
  buttons: ButtonMemory
): Record<string, unknown> {
  const params: Record<string, unknown> = { ...call.params, chat_id: chatId }
  const keyboard = call.keyboard
  if (keyboard === undefined) return params
  if (keyboard.type === 'reply') {
    const pressable = keyboard.rows
      .flat()
      .filter((b): b is { title: string; payload: string } => !isUrlButton(b))
    buttons.rememberReplyKeyboard(chatId, pressable)
    params.reply_markup = {
      keyboard: keyboard.rows.map((row) => row.map((b) => ({ text: b.title }))),
      one_time_keyboard: true,
      resize_keyboard: true
    }
    return params
  }
  params.reply_markup = {
    inline_keyboard: keyboard.rows.map((row) =>
      row.map((b) =>
        isUrlButton(b)
          ? { text: b.title, url: b.url }
          : { text: b.title, callback_data: buttons.callbackData(chatId, b.payload) }
      )
    )
  }
  return params
}

import { MESSAGES } from '../messages'
import { isObject, type BotMessage } from '../rasa/types'
import { buildKeyboard } from './buttons'
import { renderCustom, type DropReporter } from './custom-json'
import type { OutgoingCall, SendMethod } from './outgoing'
import { splitText } from './text-split'

/** Telegram needs text above an inline keyboard; Rasa may send buttons alone. */
const BUTTONS_ONLY_PROMPT = 'Silakan pilih:'
const HTTP_URL = /^https?:\/\/\S+$/i

const ATTACHMENT_METHODS: Record<string, { method: SendMethod; field: string }> = {
  image: { method: 'sendPhoto', field: 'photo' },
  video: { method: 'sendVideo', field: 'video' },
  audio: { method: 'sendAudio', field: 'audio' },
  file: { method: 'sendDocument', field: 'document' },
  document: { method: 'sendDocument', field: 'document' }
}

function renderText(item: BotMessage): OutgoingCall[] {
  const keyboard = item.buttons !== undefined ? buildKeyboard(item.buttons) : undefined
  const text = item.text ?? ''
  const parts = splitText(text)
  if (parts.length === 0 && keyboard !== undefined) parts.push(BUTTONS_ONLY_PROMPT)
  return parts.map((part, i) => {
    const call: OutgoingCall = { method: 'sendMessage', params: { text: part } }
    if (i === parts.length - 1 && keyboard !== undefined) call.keyboard = keyboard
    return call
  })
}

function labelled(value: string): string {
  return `${MESSAGES.attachmentLabel}: ${value}`
}

/**
 * Rasa's channel sends attachments as the text "Attachment: <x>"; we send a URL as a document
 * (or by its declared type, webchat style {type, payload: {src|url}}) and keep the text as the
 * fallback when Telegram cannot fetch it.
 */
function renderAttachment(attachment: unknown): OutgoingCall[] {
  if (typeof attachment === 'string') {
    if (HTTP_URL.test(attachment.trim())) {
      return [
        {
          method: 'sendDocument',
          params: { document: attachment.trim() },
          fallbackText: labelled(attachment.trim())
        }
      ]
    }
    return splitText(labelled(attachment)).map((text) => ({
      method: 'sendMessage',
      params: { text }
    }))
  }
  if (isObject(attachment) && typeof attachment.type === 'string' && isObject(attachment.payload)) {
    const target = ATTACHMENT_METHODS[attachment.type]
    const src = attachment.payload.src ?? attachment.payload.url
    if (target !== undefined && typeof src === 'string' && HTTP_URL.test(src)) {
      return [
        { method: target.method, params: { [target.field]: src }, fallbackText: labelled(src) }
      ]
    }
  }
  return splitText(labelled(JSON.stringify(attachment))).map((text) => ({
    method: 'sendMessage',
    params: { text }
  }))
}

/**
 * Rasa REST reply → calls, in Rasa's order within an item (text/buttons, custom, image,
 * attachment) and in reply order across items. Pure; `drop` hears about anything skipped.
 */
export function renderReply(
  messages: BotMessage[],
  drop: DropReporter = () => undefined
): OutgoingCall[] {
  const calls: OutgoingCall[] = []
  for (const item of messages) {
    if (item.text !== undefined || item.buttons !== undefined) calls.push(...renderText(item))
    if (item.custom !== undefined) calls.push(...renderCustom(item.custom, drop))
    if (item.image !== undefined) {
      calls.push({ method: 'sendPhoto', params: { photo: item.image }, fallbackText: item.image })
    }
    if (item.attachment !== undefined) calls.push(...renderAttachment(item.attachment))
  }
  return calls
}

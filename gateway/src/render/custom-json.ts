import { isObject } from '../rasa/types'
import { buildKeyboard, type ButtonLayout } from './buttons'
import type { OutgoingCall, SendMethod } from './outgoing'
import { MAX_CAPTION, splitText } from './text-split'

const COMMON = ['disable_notification', 'protect_content', 'reply_markup']
const CAPTIONED = [...COMMON, 'caption', 'parse_mode', 'caption_entities']

interface Entry {
  keys: string[]
  method: SendMethod
  options: string[]
}

/**
 * Rasa's Telegram channel table (rasa/core/channels/telegram.py, TelegramOutput.send_custom_json) in the same order, minus sendGame and
 * the broken sendInvoice. Unlike Rasa, only the first matching entry fires, extra keys pass
 * only when whitelisted for that method, and `chat_id` can never redirect a message.
 */
const TABLE: Entry[] = [
  {
    keys: ['text'],
    method: 'sendMessage',
    options: [
      ...COMMON,
      'parse_mode',
      'entities',
      'link_preview_options',
      'disable_web_page_preview'
    ]
  },
  { keys: ['photo'], method: 'sendPhoto', options: [...CAPTIONED, 'has_spoiler'] },
  {
    keys: ['audio'],
    method: 'sendAudio',
    options: [...CAPTIONED, 'duration', 'performer', 'title']
  },
  {
    keys: ['document'],
    method: 'sendDocument',
    options: [...CAPTIONED, 'disable_content_type_detection']
  },
  { keys: ['sticker'], method: 'sendSticker', options: [...COMMON, 'emoji'] },
  {
    keys: ['video'],
    method: 'sendVideo',
    options: [...CAPTIONED, 'duration', 'width', 'height', 'supports_streaming', 'has_spoiler']
  },
  { keys: ['video_note'], method: 'sendVideoNote', options: [...COMMON, 'duration', 'length'] },
  {
    keys: ['animation'],
    method: 'sendAnimation',
    options: [...CAPTIONED, 'duration', 'width', 'height', 'has_spoiler']
  },
  { keys: ['voice'], method: 'sendVoice', options: [...CAPTIONED, 'duration'] },
  {
    keys: ['media'],
    method: 'sendMediaGroup',
    options: ['disable_notification', 'protect_content']
  },
  {
    keys: ['latitude', 'longitude', 'title', 'address'],
    method: 'sendVenue',
    options: [...COMMON, 'foursquare_id', 'foursquare_type', 'google_place_id', 'google_place_type']
  },
  {
    keys: ['latitude', 'longitude'],
    method: 'sendLocation',
    options: [...COMMON, 'horizontal_accuracy', 'live_period', 'heading', 'proximity_alert_radius']
  },
  {
    keys: ['phone_number', 'first_name'],
    method: 'sendContact',
    options: [...COMMON, 'last_name', 'vcard']
  },
  { keys: ['action'], method: 'sendChatAction', options: [] }
]

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note'
])
const PARSE_MODES = new Set(['MarkdownV2', 'HTML', 'Markdown'])
const MEDIA_TYPES = new Set(['photo', 'video', 'audio', 'document'])
const MEDIA_ITEM_KEYS = ['type', 'media', 'caption', 'parse_mode', 'has_spoiler']
/** Keys the gateway itself interprets (not Bot API options). */
const GATEWAY_KEYS = new Set(['buttons', 'button_type'])

export type DropReporter = (reason: string) => void

function validMain(method: SendMethod, data: Record<string, unknown>): boolean {
  switch (method) {
    case 'sendMessage':
      return typeof data.text === 'string'
    case 'sendVenue':
      return (
        typeof data.latitude === 'number' &&
        typeof data.longitude === 'number' &&
        typeof data.title === 'string' &&
        typeof data.address === 'string'
      )
    case 'sendLocation':
      return typeof data.latitude === 'number' && typeof data.longitude === 'number'
    case 'sendContact':
      return typeof data.phone_number === 'string' && typeof data.first_name === 'string'
    case 'sendChatAction':
      return typeof data.action === 'string' && CHAT_ACTIONS.has(data.action)
    case 'sendMediaGroup':
      return (
        Array.isArray(data.media) &&
        data.media.length >= 2 &&
        data.media.length <= 10 &&
        data.media.every(
          (m) =>
            isObject(m) &&
            typeof m.type === 'string' &&
            MEDIA_TYPES.has(m.type) &&
            typeof m.media === 'string'
        )
      )
    default:
      return TABLE.some((e) => e.method === method && typeof data[e.keys[0] as string] === 'string')
  }
}

/** custom JSON → Bot API calls, or [] (reported through `drop`) when nothing valid matches. */
export function renderCustom(custom: Record<string, unknown>, drop: DropReporter): OutgoingCall[] {
  const entry = TABLE.find((e) => e.keys.every((k) => k in custom))
  if (entry === undefined) {
    drop(`custom payload with no supported key (${Object.keys(custom).join(', ') || 'empty'})`)
    return []
  }
  if (!validMain(entry.method, custom)) {
    drop(`custom payload for ${entry.method} has invalid values`)
    return []
  }
  const params: Record<string, unknown> = {}
  const ignored: string[] = []
  for (const [key, value] of Object.entries(custom)) {
    if (entry.keys.includes(key)) params[key] = value
    else if (entry.options.includes(key)) params[key] = value
    else if (!GATEWAY_KEYS.has(key)) ignored.push(key)
  }
  if (ignored.length > 0) drop(`custom keys not allowed for ${entry.method}: ${ignored.join(', ')}`)
  if (
    params.parse_mode !== undefined &&
    !(typeof params.parse_mode === 'string' && PARSE_MODES.has(params.parse_mode))
  ) {
    drop('custom parse_mode is not MarkdownV2, HTML or Markdown')
    delete params.parse_mode
  }
  if (params.reply_markup !== undefined && !isObject(params.reply_markup))
    delete params.reply_markup
  if (entry.method === 'sendMediaGroup') {
    params.media = (params.media as Record<string, unknown>[]).map((m) =>
      Object.fromEntries(Object.entries(m).filter(([k]) => MEDIA_ITEM_KEYS.includes(k)))
    )
  }

  const layout =
    typeof custom.button_type === 'string' &&
    ['inline', 'vertical', 'reply'].includes(custom.button_type)
      ? (custom.button_type as ButtonLayout)
      : undefined
  const keyboard = Array.isArray(custom.buttons) ? buildKeyboard(custom.buttons, layout) : undefined
  if (keyboard !== undefined) delete params.reply_markup

  if (entry.method === 'sendMessage') {
    const parts = splitText(params.text as string)
    return parts.map((text, i) => {
      const call: OutgoingCall = { method: 'sendMessage', params: { ...params, text } }
      // Markup Telegram cannot parse is rejected whole; the plain text is better than nothing.
      if (params.parse_mode !== undefined) call.fallbackText = text
      if (i === parts.length - 1 && keyboard !== undefined) call.keyboard = keyboard
      return call
    })
  }
  const calls: OutgoingCall[] = []
  const caption = params.caption
  let captionOverflow: string[] = []
  if (typeof caption === 'string' && caption.length > MAX_CAPTION) {
    // Too long for a caption: the media goes alone and the caption follows as text.
    delete params.caption
    captionOverflow = splitText(caption)
  }
  const call: OutgoingCall = { method: entry.method, params }
  if (
    keyboard !== undefined &&
    entry.method !== 'sendMediaGroup' &&
    entry.method !== 'sendChatAction'
  )
    call.keyboard = keyboard
  calls.push(call)
  for (const text of captionOverflow) {
    calls.push({
      method: 'sendMessage',
      params: params.parse_mode === undefined ? { text } : { text, parse_mode: params.parse_mode }
    })
  }
  return calls
}

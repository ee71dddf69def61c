/** Wire types of Rasa's REST channel (`POST /webhooks/rest/webhook`), in Rasa's spelling. */

export interface RasaButton {
  title?: string
  payload?: string
  url?: string
  [extra: string]: unknown
}

export interface BotMessage {
  recipient_id?: string
  text?: string
  buttons?: RasaButton[]
  image?: string
  attachment?: unknown
  custom?: Record<string, unknown>
}

export interface RestRequest {
  sender: string
  message: string
  metadata?: Record<string, unknown>
  input_channel?: string
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Keeps only what the renderer understands, with the right types; anything else in an item is
 * dropped. Returns undefined when the body is not a JSON array at all.
 */
export function parseBotMessages(body: unknown): BotMessage[] | undefined {
  if (!Array.isArray(body)) return undefined
  const out: BotMessage[] = []
  for (const item of body) {
    if (!isObject(item)) continue
    const msg: BotMessage = {}
    if (typeof item.recipient_id === 'string') msg.recipient_id = item.recipient_id
    if (typeof item.text === 'string') msg.text = item.text
    if (Array.isArray(item.buttons)) msg.buttons = item.buttons.filter(isObject) as RasaButton[]
    if (typeof item.image === 'string') msg.image = item.image
    if (item.attachment !== undefined && item.attachment !== null) msg.attachment = item.attachment
    if (isObject(item.custom)) msg.custom = item.custom
    out.push(msg)
  }
  return out
}

export { isObject }

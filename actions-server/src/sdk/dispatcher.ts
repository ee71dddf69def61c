/**
 * CollectingDispatcher: collects the messages an action sends (rasa_sdk.executor.CollectingDispatcher).
 * Each `utterMessage` call appends one object with rasa-sdk's 8 fixed keys, then any extra keys
 * (template variables, channel hints) on top — extra keys may override fixed ones, as in rasa-sdk.
 */
import type { BotMessage, Button } from './types'

/** Named fields of `utterMessage`; every other key is passed through (e.g. template variables). */
export interface UtterMessageInput {
  text?: string | null
  image?: string | null
  /** Custom payload (rasa-sdk's `json_message`); written to `custom`. */
  jsonMessage?: Record<string, unknown> | null
  /** rasa-sdk's spelling of `jsonMessage`, accepted so examples from the Rasa docs translate directly. */
  json_message?: Record<string, unknown> | null
  /** Domain response name to render on the Rasa side; the other keys become its template variables. */
  response?: string | null
  /** @deprecated rasa-sdk's old name for `response`. */
  template?: string | null
  attachment?: unknown
  buttons?: Button[] | null
  elements?: unknown[] | null
  [extra: string]: unknown
}

export class CollectingDispatcher {
  /** Messages in the order they were uttered; this is the `responses` array. */
  readonly messages: BotMessage[] = []

  /** Sends a message (text, response template, buttons, image, custom JSON, attachment, elements). */
  utterMessage(input: UtterMessageInput = {}): void {
    const {
      text,
      image,
      jsonMessage,
      json_message: jsonMessageSnake,
      response,
      template,
      attachment,
      buttons,
      elements,
      ...extra
    } = input
    const responseName = response ?? template ?? null
    const message: BotMessage = {
      text: text ?? null,
      buttons: buttons ?? [],
      elements: elements ?? [],
      custom: jsonMessage ?? jsonMessageSnake ?? {},
      template: responseName,
      response: responseName,
      image: image ?? null,
      attachment: attachment ?? null
    }
    for (const [key, value] of Object.entries(extra)) {
      // undefined would vanish from the JSON anyway; skipping keeps toEqual assertions honest.
      if (value !== undefined) message[key] = value
    }
    this.messages.push(message)
  }
}

import type { RasaButton } from '../rasa/types'
import type { Keyboard, KeyboardButton } from './outgoing'

const HTTP_URL = /^https?:\/\/\S+$/i

/** Rasa button → keyboard button: `url`, or a payload that is itself an http(s) URL, makes a link. */
export function toKeyboardButton(button: RasaButton): KeyboardButton | undefined {
  const title = typeof button.title === 'string' ? button.title.trim() : ''
  const url = typeof button.url === 'string' ? button.url.trim() : undefined
  const payload = typeof button.payload === 'string' ? button.payload.trim() : undefined
  if (url !== undefined && HTTP_URL.test(url)) return { title: title || url, url }
  if (payload !== undefined && HTTP_URL.test(payload))
    return { title: title || payload, url: payload }
  if (title === '' && (payload === undefined || payload === '')) return undefined
  // Rasa sends the title when a button has no payload; do the same.
  return { title: title || (payload as string), payload: payload || title }
}

export type ButtonLayout = 'inline' | 'vertical' | 'reply'

const ONE_ROW_MAX_BUTTONS = 3
const ONE_ROW_MAX_CHARS = 30

/**
 * REST drops Rasa's `button_type` (the REST channel sends only title and payload), so plain replies use a heuristic:
 * a few short buttons share one row (Rasa's inline default); otherwise one per row (vertical),
 * which keeps long Indonesian titles readable on a phone. Custom JSON may set button_type.
 * A nested array in `buttons` is taken as explicit rows.
 */
export function buildKeyboard(buttons: unknown[], layout?: ButtonLayout): Keyboard | undefined {
  const explicitRows = buttons.some(Array.isArray)
  const rows: KeyboardButton[][] = []
  if (explicitRows) {
    for (const row of buttons) {
      const list = (Array.isArray(row) ? row : [row]).map((b) => toButton(b)).filter(isDefined)
      if (list.length > 0) rows.push(list)
    }
  } else {
    const list = buttons.map((b) => toButton(b)).filter(isDefined)
    if (list.length === 0) return undefined
    const chars = list.reduce((n, b) => n + b.title.length, 0)
    const oneRow =
      layout === 'inline' ||
      (layout === undefined && list.length <= ONE_ROW_MAX_BUTTONS && chars <= ONE_ROW_MAX_CHARS)
    if (oneRow) rows.push(list)
    else for (const b of list) rows.push([b])
  }
  if (rows.length === 0) return undefined
  if (layout === 'reply') {
    // A reply keyboard can only send text: link buttons cannot live there.
    const textRows = rows.map((r) => r.filter((b) => !('url' in b))).filter((r) => r.length > 0)
    return textRows.length > 0 ? { type: 'reply', rows: textRows } : undefined
  }
  return { type: 'inline', rows }
}

function toButton(value: unknown): KeyboardButton | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  return toKeyboardButton(value as RasaButton)
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined
}

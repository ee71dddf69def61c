import type { Button } from '../sdk'

/** `https://wa.me/<digits>?text=<urlencoded>`: opens a WhatsApp chat with an editable draft. */
export function waLink(digits: string, text: string): string {
  return `https://wa.me/${digits.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`
}

/** A URL button (rasa-sdk shape `{title, url}`; the gateway renders it as a Telegram URL button). */
export function urlButton(title: string, url: string): Button {
  return { title, url }
}

import type { KnowledgeBase } from '@helpdesk/core'
import type { Button, CollectingDispatcher } from '../sdk'
import { urlButton, waLink } from './wa-link'

/** One chat message of the bot: its text and, when it offers them, buttons. */
export interface Reply {
  text: string
  buttons?: Button[]
}

/** Sends a reply as one bot message. */
export function say(dispatcher: CollectingDispatcher, reply: Reply): void {
  dispatcher.utterMessage({
    text: reply.text,
    ...(reply.buttons === undefined ? {} : { buttons: reply.buttons })
  })
}

/** What every reply may mention about the helpdesk: its name, office hours and WhatsApp number. */
export interface HelpdeskContact {
  /** The knowledge base (helpdesk name, office hours, staff-edited texts, systems). */
  knowledge: KnowledgeBase
  /** Digits of the helpdesk's WhatsApp number (HELPDESK_WHATSAPP or the knowledge base). */
  helpdeskWhatsapp: string
}

/** The wa.me button to the helpdesk with the ticket number pre-filled (no personal data in the URL). */
export function helpdeskButton(contact: HelpdeskContact, ticketNumber: string): Button {
  const text = `Halo ${contact.knowledge.helpdesk.nama}, saya ingin melanjutkan permintaan dengan nomor tiket ${ticketNumber}.`
  return urlButton('Chat petugas di WhatsApp', waLink(contact.helpdeskWhatsapp, text))
}

/** "Office hours" sentence from the knowledge base, when staff filled it in. */
export function officeHours(contact: HelpdeskContact): string {
  const hours = contact.knowledge.helpdesk.jam_layanan
  return hours === undefined ? '' : ` Jam layanan petugas: ${hours}.`
}

/** The first name the WhatsApp texts greet, or "Bapak/Ibu" when the record has none. */
export function greetingName(fullName: string): string {
  const firstName = fullName.trim().split(/\s+/)[0] ?? ''
  return firstName === '' ? 'Bapak/Ibu' : firstName
}

/** A WhatsApp message the bot wants delivered to the number on file. */
export interface OutgoingWhatsApp {
  /** Same key → same message: a repeated request never produces a second send. */
  idempotencyKey: string
  /** International digits, e.g. 6285600000001. */
  to: string
  /** The full text (text mode). */
  text: string
  /** Body parameters of the approved template (template mode), in order. */
  templateParameters: string[]
  /** True when the text holds a secret (temporary password, reset link): the stored copy is
   * emptied once the message is sent, failed or expired. */
  containsSecret: boolean
  ticketNumber?: string
  /**
   * Pseudonym of the NIP/NIK the message is about (`identitySubject(digits)`, never the number
   * itself): stored with the row so an erasure by that NIP/NIK finds it, ticket or not.
   */
  subject?: string
  /** The chat whose request caused the message: stored so an erasure by sender finds it. */
  senderId?: string
}

export interface MessageFormat {
  mode: 'text' | 'template'
  templateName: string
  templateLanguage: string
}

/** The Cloud API request body for this message, in text or template form. */
export function buildCloudApiBody(
  message: OutgoingWhatsApp,
  format: MessageFormat
): Record<string, unknown> {
  const base = { messaging_product: 'whatsapp', recipient_type: 'individual', to: message.to }
  if (format.mode === 'text') {
    return { ...base, type: 'text', text: { preview_url: false, body: message.text } }
  }
  return {
    ...base,
    type: 'template',
    template: {
      name: format.templateName,
      language: { code: format.templateLanguage },
      components: [
        {
          type: 'body',
          parameters: message.templateParameters.map((text) => ({ type: 'text', text }))
        }
      ]
    }
  }
}

const REMOVED = '[isi dihapus]'

/** The payload with its text body and template parameters emptied (what stays in the database). */
export function stripContent(payload: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(payload)) as {
    text?: { body?: string }
    template?: { components?: Array<{ parameters?: Array<{ text?: string }> }> }
  }
  if (copy.text !== undefined) copy.text.body = REMOVED
  for (const component of copy.template?.components ?? []) {
    for (const parameter of component.parameters ?? []) parameter.text = REMOVED
  }
  return copy as Record<string, unknown>
}

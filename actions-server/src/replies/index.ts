/**
 * Everything the action server itself says, in Indonesian: chat replies, WhatsApp texts and
 * ticket summaries. Flows return typed outcomes; these functions turn them into text (the
 * gateway's `messages.ts` does the same for the gateway). Rasa's `domain.yml` responses and the
 * knowledge base's staff-edited texts are the other two homes of wording.
 */
export * from './reply'
export * from './wa-link'
export * from './service-names'
export * from './identity-replies'
export * from './reset-replies'
export * from './tte-replies'
export * from './conversation-replies'
export * from './whatsapp-texts'
export * from './identity-summary'
export * from './ticket-status-replies'
export * from './satisfaction-replies'

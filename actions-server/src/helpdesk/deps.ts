import type { Logger } from 'pino'
import type { Clock, EmployeeDirectory, KnowledgeBase, ResetProvider, Store, WhatsAppSender } from '@helpdesk/core'

/** What the helpdesk actions use; built once from the config by actions/deps.ts. */
export interface HelpdeskDeps {
  knowledge: KnowledgeBase
  directory: EmployeeDirectory
  store: Store
  whatsapp: WhatsAppSender
  reset: ResetProvider
  clock: Clock
  logger: Logger
  /** Digits of the helpdesk's WhatsApp number (HELPDESK_WHATSAPP or the knowledge base). */
  helpdeskWhatsapp: string
  limits: {
    /** Directory lookups per sender per hour. */
    lookupsPerHour: number
    /** Failed identity attempts per form before the human offer. */
    maxAttempts: number
  }
}

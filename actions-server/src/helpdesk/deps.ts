import type { Logger } from 'pino'
import type {
  Clock,
  EmployeeDirectory,
  KnowledgeBase,
  ResetProvider,
  Store,
  WhatsAppSender
} from '@helpdesk/core'

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
  /** Overall time one action call may take (ACTION_DEADLINE_MS). */
  actionDeadlineMs: number
  limits: {
    /** Directory lookups per sender per hour. */
    lookupsPerHour: number
    /** Failed identity attempts per form before the human offer. */
    maxAttempts: number
    /** Lookups of one NIP/NIK per 24 h, from every chat together. */
    lookupsPerSubjectPerDay: number
    /** Lookups per minute from every chat together. */
    lookupsGlobalPerMinute: number
    /** Reset requests for one NIP per 24 h, all systems together. */
    resetRequestsPerDay: number
    /** A reset for the same NIP and system within this window is not repeated. */
    resetRepeatWindowMs: number
  }
}

/**
 * The composition root of the action server: the one module that builds the object graph from
 * the config — knowledge base, employee directory (file or HR API), store (PostgreSQL when
 * DATABASE_URL is set, else the SQLite DATABASE_FILE), WhatsApp sender,
 * reset provider, clock — and hands it to the action registry. Everything below it receives only
 * the parts it uses. Data files are validated here: an invalid one stops the start with a
 * one-line DataFileError.
 */
import type { Logger } from 'pino'
import {
  type Clock,
  createDirectoryApi,
  createFileDirectory,
  createResetApiProvider,
  createWhatsAppCloudApi,
  createWhatsAppSender,
  type EmployeeDirectory,
  type KnowledgeBase,
  loadKnowledge,
  manualResetProvider,
  openStore,
  type ResetProvider,
  type RetryPolicy,
  type Store,
  systemClock,
  type WhatsAppSender
} from '@helpdesk/core'
import { buildActions } from './actions'
import type { Config } from './config'
import { storeLocation } from './store-location'
import type { Action } from './sdk'

/** The identity and reset limits of the config, in the units the helpdesk flows use. */
export interface IdentityLimits {
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

/**
 * The object graph the actions are built from. An action or helper declares the fields it uses
 * (`Pick<HelpdeskDeps, 'store' | 'logger'>`), never the whole bag.
 */
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
  limits: IdentityLimits
}

/** The built graph: the deps, the registered actions and how to release the deps. */
export interface ActionServerGraph {
  deps: HelpdeskDeps
  /** Every action, in registration order (actions/index.ts). */
  actions: Action[]
  /** Releases resources (WhatsApp timer, database handle); called once during graceful shutdown. */
  close(): Promise<void>
}

/** Outbound retries inside one chat turn: short, so the user gets an answer within seconds. */
const IN_REQUEST_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 200, maxDelayMs: 1500 }

export function identityLimits(config: Config): IdentityLimits {
  return {
    lookupsPerHour: config.IDENTITY_LOOKUPS_PER_HOUR,
    maxAttempts: config.IDENTITY_MAX_ATTEMPTS,
    lookupsPerSubjectPerDay: config.IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY,
    lookupsGlobalPerMinute: config.IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE,
    resetRequestsPerDay: config.RESET_REQUESTS_PER_DAY,
    resetRepeatWindowMs: config.RESET_REPEAT_WINDOW_MINUTES * 60 * 1000
  }
}

function createDirectory(config: Config, clock: Clock): EmployeeDirectory {
  return config.DIRECTORY_API_URL === undefined
    ? createFileDirectory(config.DIRECTORY_FILE, clock.now())
    : createDirectoryApi({
        baseUrl: config.DIRECTORY_API_URL,
        ...(config.DIRECTORY_API_TOKEN === undefined ? {} : { token: config.DIRECTORY_API_TOKEN }),
        timeoutMs: config.HTTP_TIMEOUT_MS,
        retry: IN_REQUEST_RETRY
      })
}

function createWhatsApp(
  config: Config,
  outbox: Store['outbox'],
  logger: Logger,
  clock: Clock
): WhatsAppSender {
  return createWhatsAppSender({
    mode: config.WHATSAPP_MODE,
    outbox,
    ...(config.WHATSAPP_MODE === 'cloud' &&
    config.WHATSAPP_PHONE_NUMBER_ID !== undefined &&
    config.WHATSAPP_TOKEN !== undefined
      ? {
          api: createWhatsAppCloudApi({
            baseUrl: config.WHATSAPP_API_URL,
            phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID,
            token: config.WHATSAPP_TOKEN,
            timeoutMs: config.HTTP_TIMEOUT_MS
          })
        }
      : {}),
    format: {
      mode: config.WHATSAPP_MESSAGE_MODE,
      templateName: config.WHATSAPP_TEMPLATE_NAME,
      templateLanguage: config.WHATSAPP_TEMPLATE_LANGUAGE
    },
    logger,
    clock,
    immediateRetry: IN_REQUEST_RETRY
  })
}

function createResetProvider(config: Config, logger: Logger): ResetProvider {
  return config.RESET_PROVIDER === 'http' && config.RESET_API_URL !== undefined
    ? createResetApiProvider({
        baseUrl: config.RESET_API_URL,
        ...(config.RESET_API_TOKEN === undefined ? {} : { token: config.RESET_API_TOKEN }),
        timeoutMs: config.HTTP_TIMEOUT_MS,
        retry: IN_REQUEST_RETRY,
        logger
      })
    : manualResetProvider
}

/**
 * Builds the whole graph, so `npm start -w actions-server` works with zero configuration:
 * providers from the config, then the actions from the providers.
 */
export async function composeActionServer(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock
): Promise<ActionServerGraph> {
  const knowledge = loadKnowledge(config.KNOWLEDGE_FILE)
  const directory = createDirectory(config, clock)
  const store = await openStore(storeLocation(config), clock)
  try {
    const whatsapp = createWhatsApp(config, store.outbox, logger, clock)
    const reset = createResetProvider(config, logger)
    await whatsapp.start()
    logger.info(
      {
        directory: directory.kind,
        systems: knowledge.sistem.length,
        whatsapp: config.WHATSAPP_MODE,
        reset: reset.kind
      },
      'helpdesk dependencies ready'
    )
    const deps: HelpdeskDeps = {
      logger,
      clock,
      knowledge,
      directory,
      store,
      whatsapp,
      reset,
      helpdeskWhatsapp: config.HELPDESK_WHATSAPP ?? knowledge.helpdesk.whatsapp,
      actionDeadlineMs: config.ACTION_DEADLINE_MS,
      limits: identityLimits(config)
    }
    return {
      deps,
      actions: buildActions(deps),
      async close() {
        await whatsapp.stop()
        await store.close()
      }
    }
  } catch (err) {
    await store.close()
    throw err
  }
}

/**
 * createActionDeps(config, logger): builds everything the helpdesk actions need from the config —
 * knowledge base, employee directory (file or HR API), SQLite store, WhatsApp sender, reset
 * provider, clock — so `npm start -w actions-server` works with zero configuration. Data files are
 * validated here: an invalid one stops the start with a one-line DataFileError.
 */
import type { Logger } from 'pino'
import {
  type Clock,
  createDirectoryApi,
  createFileDirectory,
  createResetApiProvider,
  createWhatsAppCloudApi,
  createWhatsAppSender,
  loadKnowledge,
  manualResetProvider,
  openStore,
  type RetryPolicy,
  systemClock
} from '@helpdesk/core'
import type { Config } from '../config'
import type { HelpdeskDeps } from '../helpdesk/deps'

export interface ActionDeps extends HelpdeskDeps {
  config: Config
  /** Releases resources (WhatsApp timer, database handle); called once during graceful shutdown. */
  close(): Promise<void>
}

/** Outbound retries inside one chat turn: short, so the user gets an answer within seconds. */
const IN_REQUEST_RETRY: RetryPolicy = { retries: 2, baseDelayMs: 200, maxDelayMs: 1500 }

/** The identity limits of the config, in the units the helpdesk flows use. */
export function identityLimits(config: Config): HelpdeskDeps['limits'] {
  return {
    lookupsPerHour: config.IDENTITY_LOOKUPS_PER_HOUR,
    maxAttempts: config.IDENTITY_MAX_ATTEMPTS,
    lookupsPerSubjectPerDay: config.IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY,
    lookupsGlobalPerMinute: config.IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE,
    resetRequestsPerDay: config.RESET_REQUESTS_PER_DAY,
    resetRepeatWindowMs: config.RESET_REPEAT_WINDOW_MINUTES * 60 * 1000
  }
}

export async function createActionDeps(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock
): Promise<ActionDeps> {
  const knowledge = loadKnowledge(config.KNOWLEDGE_FILE)
  const directory =
    config.DIRECTORY_API_URL === undefined
      ? createFileDirectory(config.DIRECTORY_FILE, clock.now())
      : createDirectoryApi({
          baseUrl: config.DIRECTORY_API_URL,
          ...(config.DIRECTORY_API_TOKEN === undefined
            ? {}
            : { token: config.DIRECTORY_API_TOKEN }),
          timeoutMs: config.HTTP_TIMEOUT_MS,
          retry: IN_REQUEST_RETRY
        })
  const store = openStore(config.DATABASE_FILE, clock)
  try {
    const whatsapp = createWhatsAppSender({
      mode: config.WHATSAPP_MODE,
      outbox: store.outbox,
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
    const reset =
      config.RESET_PROVIDER === 'http' && config.RESET_API_URL !== undefined
        ? createResetApiProvider({
            baseUrl: config.RESET_API_URL,
            ...(config.RESET_API_TOKEN === undefined ? {} : { token: config.RESET_API_TOKEN }),
            timeoutMs: config.HTTP_TIMEOUT_MS,
            retry: IN_REQUEST_RETRY,
            logger
          })
        : manualResetProvider
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
    return {
      config,
      logger,
      clock,
      knowledge,
      directory,
      store,
      whatsapp,
      reset,
      helpdeskWhatsapp: config.HELPDESK_WHATSAPP ?? knowledge.helpdesk.whatsapp,
      actionDeadlineMs: config.ACTION_DEADLINE_MS,
      limits: identityLimits(config),
      async close() {
        await whatsapp.stop()
        store.close()
      }
    }
  } catch (err) {
    store.close()
    throw err
  }
}

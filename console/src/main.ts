/**
 * Process entry point of the staff console: config → store → listen → graceful stop.
 * A bad configuration stops the start with one line on stderr and exit code 1.
 */
import { createLogger } from '@helpdesk/core'
import { buildConsole } from './app'
import { ConfigError, loadConsoleConfig, type ConsoleConfig } from './config'
import { systemClock } from './data/db'
import { openConsoleStore } from './store'
import { syncTrackerStore } from './analytics/tracker-sync'
import { openRasaTrackerSource } from './data/rasa-tracker-store'
import { createGatewayNotifier } from './gateway-notifier'
import { createRasaApi } from './rasa/rasa-api'
import {
  DEFAULT_DIRECTORY_FILE,
  DEFAULT_KNOWLEDGE_FILE,
  loadSla,
  openDirectory
} from './data-files'

async function main(): Promise<void> {
  let config: ConsoleConfig
  try {
    config = loadConsoleConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`console: ${err.message}\n`)
      process.exitCode = 1
      return
    }
    throw err
  }
  const logger = createLogger({ level: config.logLevel }).child({ service: 'console' })
  const { sql } = await openConsoleStore({
    databaseFile: config.databaseFile,
    ...(config.databaseUrl === undefined ? {} : { databaseUrl: config.databaseUrl })
  })
  const tracker = openRasaTrackerSource(config.trackerStore)
  const app = await buildConsole({
    config,
    sql,
    tracker,
    clock: systemClock,
    sla: loadSla(config.knowledgeFile ?? DEFAULT_KNOWLEDGE_FILE),
    directory: openDirectory({
      file: config.directoryFile ?? DEFAULT_DIRECTORY_FILE,
      ...(config.directoryApiUrl === undefined ? {} : { apiUrl: config.directoryApiUrl }),
      ...(config.directoryApiToken === undefined ? {} : { apiToken: config.directoryApiToken })
    }),
    logger,
    notifier: createGatewayNotifier({ url: config.gatewayUrl, token: config.gatewayCallbackToken }),
    rasa: createRasaApi({ url: config.rasaUrl, token: config.rasaAuthToken })
  })
  await app.listen({ host: config.host, port: config.port })
  let stopping = false
  // Keeps the dashboard's copy of Rasa's events current, so a view has little left to copy.
  const syncEveryMinute = setInterval(() => {
    if (stopping) return
    syncTrackerStore(sql, tracker).catch((err: unknown) => {
      logger.warn({ err }, 'copying Rasa tracker-store events failed')
    })
  }, 60_000)
  syncEveryMinute.unref()
  const stop = (signal: string): void => {
    if (stopping) return
    stopping = true
    clearInterval(syncEveryMinute)
    logger.info({ signal }, 'console stopping')
    app
      .close()
      .then(async () => {
        await tracker.close()
        await sql.close()
      })
      .then(
        () => undefined,
        (err: unknown) => {
          logger.error({ err }, 'console stop failed')
        }
      )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

void main()

/**
 * Process entry point, the only module that reads the environment:
 * loadConfig → createLogger → startActionServer (domain deps, actions, app, listen) → close-with-grace.
 * A bad configuration or data file stops the start with one line on stderr and exit code 1.
 */
import closeWithGrace from 'close-with-grace'
import { checkListenSecurity, ConfigError, loadConfig, type Config } from './config'
import { createLogger } from '@helpdesk/core'
import { startActionServer } from './server'

async function main(): Promise<void> {
  let config: Config
  let insecure: boolean
  try {
    config = loadConfig(process.env)
    insecure = checkListenSecurity(config)
  } catch (err) {
    if (err instanceof ConfigError) return exitWithLine(err.message)
    throw err
  }
  const logger = createLogger({ level: config.LOG_LEVEL })
  if (insecure) {
    const line = `INSECURE: ACTIONS_ALLOW_INSECURE=1 and no ACTIONS_TOKEN: anyone who can reach ${config.ACTIONS_HOST}:${config.ACTIONS_PORT} can call actions with a forged tracker. Development only.`
    process.stderr.write(`${line}\n`)
    logger.warn({ code: 'ACT_WARN_INSECURE' }, line)
  }

  let server: Awaited<ReturnType<typeof startActionServer>>
  try {
    server = await startActionServer(config, logger)
  } catch (err) {
    // Our own startup errors (data files, duplicate actions) carry an ACT_ERR_ code and a one-line message.
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('ACT_ERR_'))
      return exitWithLine((err as Error).message)
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      const why =
        code === 'EADDRINUSE'
          ? 'is already in use by another program'
          : code === 'EACCES'
            ? 'needs privileges this user does not have'
            : 'is not an address of this machine'
      const variable = code === 'EADDRNOTAVAIL' ? 'ACTIONS_HOST' : 'ACTIONS_PORT'
      return exitWithLine(
        `Invalid configuration: ${variable}: ${config.ACTIONS_HOST}:${config.ACTIONS_PORT} ${why}`
      )
    }
    logger.fatal({ err }, 'action server failed to start')
    process.exitCode = 1
    return
  }

  closeWithGrace(
    {
      delay: config.ACTIONS_SHUTDOWN_GRACE_MS,
      logger: { error: (message: unknown) => logger.error(String(message)) }
    },
    async ({ signal, err }) => {
      if (err !== undefined) logger.error({ err }, 'shutting down after an uncaught error')
      else logger.info({ signal }, 'shutting down: finishing in-flight requests')
      await server.stop()
      logger.info('action server stopped')
    }
  )
}

function exitWithLine(line: string): void {
  process.stderr.write(`${line}\n`)
  process.exitCode = 1
}

void main()

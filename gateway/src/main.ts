import { randomBytes } from 'node:crypto'
import { ConfigError, loadConfig, rasaCallBudgetMs, type Config } from './config'
import { createBridge } from './conversation/bridge'
import { pauseCheck, StartupError, startTelegramGateway, type RunningGateway } from './gateway'
import { startTerminalCallback } from './terminal/terminal-callback'
import { createLogger } from './logger'
import { createMetrics } from './metrics'
import { createRasaClient } from './rasa/rasa-client'
import { runTerminalChat } from './terminal/terminal-chat'
import { openTurnTimingRecorder, timingStoreLocation } from './timings/turn-timing-recorder'

/** The only reader of process.env. */
function readConfig(): Config {
  try {
    return loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`gateway: configuration error: ${err.message}\n`)
      process.exit(1)
    }
    throw err
  }
}

async function runTerminal(config: Config): Promise<void> {
  const logger = createLogger(config.LOG_LEVEL)
  const rasa = createRasaClient({ baseUrl: config.RASA_URL, timeoutMs: rasaCallBudgetMs(config) })
  const timingStore = timingStoreLocation(config)
  const timings =
    timingStore === undefined
      ? undefined
      : await openTurnTimingRecorder(timingStore, 'terminal', logger)
  const metrics = createMetrics()
  const bridge = createBridge({
    rasa,
    logger,
    metrics,
    typingIntervalMs: config.GATEWAY_TYPING_INTERVAL_MS,
    inputChannel: 'terminal_chat',
    ...(timings === undefined ? {} : { onTurnTimed: timings.onTurnTimed }),
    ...pauseCheck(config)
  })
  const sender = `terminal-${randomBytes(4).toString('hex')}`
  const callback = await startTerminalCallback(config, { rasa, bridge, metrics, logger, sender })
  await runTerminalChat({
    input: process.stdin,
    output: process.stdout,
    bridge,
    sender,
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    onProactiveOutput: callback.attach
  })
  await timings?.close()
  await callback.close()
}

async function main(): Promise<void> {
  const config = readConfig()
  if (config.telegram === undefined) {
    await runTerminal(config)
    process.exit(0)
  }
  const logger = createLogger(config.LOG_LEVEL)
  let gateway: RunningGateway | undefined
  try {
    gateway = await startTelegramGateway(config, config.telegram, {
      logger,
      onFatal: () => {
        process.exitCode = 1
        void shutdown('fatal')
      }
    })
  } catch (err) {
    if (err instanceof StartupError) {
      process.stderr.write(`gateway: cannot start: ${err.message}\n`)
      process.exit(1)
    }
    if (err instanceof Error && (err as { code?: unknown }).code === 'EADDRINUSE') {
      process.stderr.write(
        `gateway: cannot start: GATEWAY_PORT ${config.GATEWAY_PORT} is already in use\n`
      )
      process.exit(1)
    }
    throw err
  }
  let stopping = false
  async function shutdown(reason: string): Promise<void> {
    if (stopping) return
    stopping = true
    logger.info({ reason }, 'shutting down')
    await gateway?.close()
    process.exit()
  }
  process.once('SIGINT', () => {
    void shutdown('SIGINT')
  })
  process.once('SIGTERM', () => {
    void shutdown('SIGTERM')
  })
}

main().catch((err: unknown) => {
  process.stderr.write(
    `gateway: unexpected failure: ${err instanceof Error ? err.message : String(err)}\n`
  )
  process.exit(1)
})

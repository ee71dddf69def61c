// Our action server as production builds it (loadConfig → createLogger → buildApp with default
// metrics → listen, same Fastify app, body parsing, ajv validation, logging and metrics as
// actions-server/dist/main.js), but registering one benchmark action: the TypeScript twin of
// bench/fixtures/bench_actions.py, so ours and rasa-sdk do exactly the same action work and the
// comparison measures the servers, not the product actions (which keep changing).
import { createRequire } from 'node:module'
import { GREETING, MENU } from './lib/payloads.mjs'

const require = createRequire(import.meta.url)
const { loadConfig } = require('../actions-server/dist/config.js')
const { createLogger } = require('@helpdesk/core')
const { buildApp } = require('../actions-server/dist/app.js')
const { slotSet } = require('../actions-server/dist/sdk/index.js')

const NOTICE = 'Pemberitahuan data pribadi.'

const actionSapa = {
  name: 'action_sapa',
  run(dispatcher, tracker) {
    const telegram = tracker.latestMessage.metadata?.telegram ?? {}
    if ('start' in telegram || (tracker.latestMessageText ?? '').trim() === '/start')
      dispatcher.utterMessage({ text: NOTICE })
    dispatcher.utterMessage({ text: GREETING, buttons: MENU })
    return [slotSet('jumlah_fallback', 0.0)]
  }
}

const config = loadConfig(process.env)
const logger = createLogger({ level: config.LOG_LEVEL })
const app = buildApp(config, { actions: [actionSapa], logger, collectDefaultMetrics: true })
await app.listen({ host: config.ACTIONS_HOST, port: config.ACTIONS_PORT })
const stop = async () => {
  await app.close()
  process.exit(0)
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)

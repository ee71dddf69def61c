// Starts the real gateway (gateway/dist/main.js) with one benchmark-only override: the global
// outbound rate, which the product config caps at Telegram's 30 msg/s. BENCH_GLOBAL_RATE
// (messages per second) replaces it so the gateway's own capacity can be measured; everything
// else is the product's config and code. main.js reads loadConfig through the CommonJS exports
// object at call time, so replacing the export before requiring main.js is enough.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const config = require('../gateway/dist/config.js')

const rate = Number(process.env.BENCH_GLOBAL_RATE)
if (Number.isFinite(rate) && rate > 0) {
  const original = config.loadConfig
  config.loadConfig = (env) => ({ ...original(env), GATEWAY_GLOBAL_RATE: rate })
}
require('../gateway/dist/main.js')

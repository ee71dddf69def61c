/**
 * Gateway configuration: a pure `loadConfig(env)`; only main.ts passes it `process.env`.
 * A missing or invalid variable throws a ConfigError whose message is one line naming the
 * variable and the rule it broke (never the value: tokens and secrets must not be echoed).
 */

export type TelegramMode = 'polling' | 'webhook'
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
export type TypedIntents = 'buttons-only' | 'allow'
export type EditedMessages = 'forward' | 'ignore'

export interface TelegramConfig {
  TELEGRAM_BOT_TOKEN: string
  TELEGRAM_API_ROOT: string
  TELEGRAM_MODE: TelegramMode
  /** Only in webhook mode. */
  TELEGRAM_WEBHOOK_URL?: string
  TELEGRAM_WEBHOOK_SECRET?: string
}

export interface Config {
  /** undefined → terminal chat instead of Telegram. */
  telegram?: TelegramConfig
  GATEWAY_HOST: string
  GATEWAY_PORT: number
  RASA_URL: string
  RASA_TIMEOUT_MS: number
  LOG_LEVEL: LogLevel
  GATEWAY_CHAT_INTERVAL_MS: number
  GATEWAY_CHAT_BURST: number
  GATEWAY_GROUP_INTERVAL_MS: number
  GATEWAY_GLOBAL_RATE: number
  GATEWAY_TYPING_INTERVAL_MS: number
  GATEWAY_BUTTON_TTL_MS: number
  GATEWAY_TYPED_INTENTS: TypedIntents
  GATEWAY_EDITED_MESSAGES: EditedMessages
  GATEWAY_RESET_GREETS: boolean
  GATEWAY_CALLBACK_TOKEN?: string
}

export class ConfigError extends Error {
  readonly code = 'GW_ERR_CONFIG'
  constructor (readonly variable: string, rule: string) {
    super(`${variable} ${rule}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

/** A variable counts as unset when it is absent or blank (docker-compose passes `VAR=` as ""). */
function read (env: Env, name: string): string | undefined {
  const value = env[name]
  if (value === undefined) return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

function oneOf<T extends string> (env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = read(env, name)
  if (value === undefined) return fallback
  if ((allowed as readonly string[]).includes(value)) return value as T
  throw new ConfigError(name, `must be one of: ${allowed.join(', ')}`)
}

function integer (env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = read(env, name)
  if (value === undefined) return fallback
  if (!/^\d+$/.test(value)) throw new ConfigError(name, `must be a whole number between ${min} and ${max}`)
  const n = Number(value)
  if (n < min || n > max) throw new ConfigError(name, `must be a whole number between ${min} and ${max}`)
  return n
}

function httpUrl (env: Env, name: string, fallback: string | undefined, httpsOnly = false): string | undefined {
  const value = read(env, name)
  if (value === undefined) return fallback
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigError(name, `must be an absolute ${httpsOnly ? 'https' : 'http(s)'} URL`)
  }
  const okProtocol = httpsOnly ? url.protocol === 'https:' : url.protocol === 'http:' || url.protocol === 'https:'
  if (!okProtocol) throw new ConfigError(name, `must be an absolute ${httpsOnly ? 'https' : 'http(s)'} URL`)
  return value
}

function bool (env: Env, name: string, fallback: boolean): boolean {
  const value = read(env, name)
  if (value === undefined) return fallback
  if (value === 'true' || value === '1') return true
  if (value === 'false' || value === '0') return false
  throw new ConfigError(name, 'must be true or false')
}

/**
 * telegraf builds request URLs relative to apiRoot, so a root with a path must end in "/"
 * (otherwise the path is silently dropped); normalise it once here.
 */
function normaliseApiRoot (root: string): string {
  const url = new URL(root)
  if (url.pathname !== '/' && !url.pathname.endsWith('/')) url.pathname += '/'
  return url.toString()
}

function loadTelegram (env: Env): TelegramConfig | undefined {
  const token = read(env, 'TELEGRAM_BOT_TOKEN')
  const mode = oneOf(env, 'TELEGRAM_MODE', ['polling', 'webhook'] as const, 'polling')
  if (token === undefined) return undefined
  if (!/^\d+:[A-Za-z0-9_-]+$/.test(token)) {
    throw new ConfigError('TELEGRAM_BOT_TOKEN', 'must look like <digits>:<letters, digits, _ or -> as issued by BotFather')
  }
  const apiRoot = normaliseApiRoot(httpUrl(env, 'TELEGRAM_API_ROOT', 'https://api.telegram.org') as string)
  const telegram: TelegramConfig = { TELEGRAM_BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot, TELEGRAM_MODE: mode }
  if (mode === 'webhook') {
    const url = httpUrl(env, 'TELEGRAM_WEBHOOK_URL', undefined, true)
    if (url === undefined) throw new ConfigError('TELEGRAM_WEBHOOK_URL', 'is required when TELEGRAM_MODE=webhook')
    if (new URL(url).search !== '') throw new ConfigError('TELEGRAM_WEBHOOK_URL', 'must not contain a query string')
    const secret = read(env, 'TELEGRAM_WEBHOOK_SECRET')
    if (secret === undefined) throw new ConfigError('TELEGRAM_WEBHOOK_SECRET', 'is required when TELEGRAM_MODE=webhook')
    if (!/^[A-Za-z0-9_-]{1,256}$/.test(secret)) {
      throw new ConfigError('TELEGRAM_WEBHOOK_SECRET', 'must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
    }
    telegram.TELEGRAM_WEBHOOK_URL = url
    telegram.TELEGRAM_WEBHOOK_SECRET = secret
  }
  return telegram
}

export function loadConfig (env: Env): Config {
  const telegram = loadTelegram(env)
  const callbackToken = read(env, 'GATEWAY_CALLBACK_TOKEN')
  if (callbackToken !== undefined && callbackToken.length < 16) {
    throw new ConfigError('GATEWAY_CALLBACK_TOKEN', 'must be at least 16 characters when set')
  }
  const config: Config = {
    GATEWAY_HOST: read(env, 'GATEWAY_HOST') ?? '0.0.0.0',
    GATEWAY_PORT: integer(env, 'GATEWAY_PORT', 8080, 0, 65535),
    RASA_URL: (httpUrl(env, 'RASA_URL', 'http://localhost:5005') as string).replace(/\/+$/, ''),
    RASA_TIMEOUT_MS: integer(env, 'RASA_TIMEOUT_MS', 15000, 100, 600000),
    // The terminal chat shares the screen with the logs, so it only shows warnings by default.
    // Case-insensitive: `LOG_LEVEL=DEBUG` (as written for other tools) means pino's `debug`.
    LOG_LEVEL: oneOf({ LOG_LEVEL: read(env, 'LOG_LEVEL')?.toLowerCase() }, 'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, telegram === undefined ? 'warn' : 'info'),
    GATEWAY_CHAT_INTERVAL_MS: integer(env, 'GATEWAY_CHAT_INTERVAL_MS', 1000, 0, 60000),
    GATEWAY_CHAT_BURST: integer(env, 'GATEWAY_CHAT_BURST', 3, 1, 10),
    GATEWAY_GROUP_INTERVAL_MS: integer(env, 'GATEWAY_GROUP_INTERVAL_MS', 3000, 0, 60000),
    GATEWAY_GLOBAL_RATE: integer(env, 'GATEWAY_GLOBAL_RATE', 25, 1, 30),
    GATEWAY_TYPING_INTERVAL_MS: integer(env, 'GATEWAY_TYPING_INTERVAL_MS', 4000, 10, 60000),
    GATEWAY_BUTTON_TTL_MS: integer(env, 'GATEWAY_BUTTON_TTL_MS', 7 * 24 * 3600 * 1000, 1000, 90 * 24 * 3600 * 1000),
    GATEWAY_TYPED_INTENTS: oneOf(env, 'GATEWAY_TYPED_INTENTS', ['buttons-only', 'allow'] as const, 'buttons-only'),
    GATEWAY_EDITED_MESSAGES: oneOf(env, 'GATEWAY_EDITED_MESSAGES', ['forward', 'ignore'] as const, 'forward'),
    GATEWAY_RESET_GREETS: bool(env, 'GATEWAY_RESET_GREETS', false)
  }
  if (telegram !== undefined) config.telegram = telegram
  if (callbackToken !== undefined) config.GATEWAY_CALLBACK_TOKEN = callbackToken
  return config
}

/**
 * How long one Rasa call may take: RASA_TIMEOUT_MS minus a reserve (10 %, at most 1 s) for
 * telling the user, so the apology itself arrives within RASA_TIMEOUT_MS.
 */
export function rasaCallBudgetMs (config: Pick<Config, 'RASA_TIMEOUT_MS'>): number {
  return Math.max(50, config.RASA_TIMEOUT_MS - Math.min(1000, Math.floor(config.RASA_TIMEOUT_MS / 10)))
}

/**
 * The longest the gateway waits on shutdown for its chat queues: a job in flight may need the
 * whole RASA_TIMEOUT_MS plus delivery (10 s), but never more than the cap, so the process
 * always exits before docker-compose.yml's stop_grace_period (35 s) ends in SIGKILL.
 */
export const SHUTDOWN_DRAIN_CAP_MS = 30_000

export function shutdownDrainMs (config: Pick<Config, 'RASA_TIMEOUT_MS'>): number {
  return Math.min(config.RASA_TIMEOUT_MS + 10_000, SHUTDOWN_DRAIN_CAP_MS)
}

/**
 * Gateway configuration: a pure `loadConfig(env)`; only main.ts passes it `process.env`.
 * A missing or invalid variable throws a ConfigError whose message is one line naming the
 * variable and the rule it broke (never the value: tokens and secrets must not be echoed).
 */

import {
  bool,
  checkHttpUrl,
  httpUrl,
  integer,
  loadSettings,
  oneOf,
  optionalChecked,
  postgresUrl,
  SettingRuleError,
  text,
  type Env,
  type SettingsOf
} from '@helpdesk/core'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
export type TypedIntents = 'buttons-only' | 'allow'
export type EditedMessages = 'forward' | 'ignore'

export class ConfigError extends Error {
  readonly code = 'GW_ERR_CONFIG'
  constructor(
    readonly variable: string,
    rule: string
  ) {
    super(`${variable} ${rule}`)
    this.name = 'ConfigError'
  }
}

const toConfigError = (name: string, rule: string): ConfigError => new ConfigError(name, rule)

function botToken(raw: string): string {
  if (!/^\d+:[A-Za-z0-9_-]+$/.test(raw))
    throw new SettingRuleError(
      'must look like <digits>:<letters, digits, _ or -> as issued by BotFather'
    )
  return raw
}

/**
 * telegraf builds request URLs relative to apiRoot, so a root with a path must end in "/"
 * (otherwise the path is silently dropped); normalise it once here.
 */
function normaliseApiRoot(root: string): string {
  const url = new URL(root)
  if (url.pathname !== '/' && !url.pathname.endsWith('/')) url.pathname += '/'
  return url.toString()
}

function webhookUrl(raw: string): string {
  checkHttpUrl(raw, { httpsOnly: true })
  if (new URL(raw).search !== '') throw new SettingRuleError('must not contain a query string')
  return raw
}

function webhookSecret(raw: string): string {
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(raw))
    throw new SettingRuleError('must be 1-256 characters of A-Z, a-z, 0-9, _ and -')
  return raw
}

function logLevel(raw: string): LogLevel {
  // Case-insensitive: `LOG_LEVEL=DEBUG` (as written for other tools) means pino's `debug`.
  return oneOf(LOG_LEVELS, 'info', { lowercase: true }).parse(raw)
}

function atLeast16(raw: string): string {
  if (raw.length < 16) throw new SettingRuleError('must be at least 16 characters when set')
  return raw
}

/** Read always. */
export const GATEWAY_TABLE = [
  {
    name: 'TELEGRAM_MODE',
    parser: oneOf(['polling', 'webhook'] as const, 'polling'),
    meaning: '`polling` or `webhook`'
  },
  {
    name: 'TELEGRAM_BOT_TOKEN',
    parser: optionalChecked(botToken),
    meaning: 'from BotFather (`<digits>:<letters, digits, _, ->`); unset → terminal chat'
  },
  {
    name: 'GATEWAY_CALLBACK_TOKEN',
    parser: optionalChecked(atLeast16),
    meaning: "≥ 16 characters; enables `POST /rasa/callback?token=…` for Rasa's `callback` channel"
  },
  {
    name: 'GATEWAY_HOST',
    parser: text('0.0.0.0'),
    meaning:
      'HTTP listener address (the terminal chat listens too when GATEWAY_CALLBACK_TOKEN is set)'
  },
  {
    name: 'GATEWAY_PORT',
    parser: integer(8080, 0, 65535),
    meaning:
      'HTTP listener port (health, readiness, metrics, webhook, callback); in the terminal chat only with GATEWAY_CALLBACK_TOKEN'
  },
  {
    name: 'RASA_URL',
    parser: httpUrl('http://localhost:5005', { transform: (url) => url.replace(/\/+$/, '') }),
    meaning: 'Rasa server (REST channel)'
  },
  {
    name: 'RASA_AUTH_TOKEN',
    parser: optionalChecked((raw: string) => raw),
    meaning:
      "Rasa's HTTP API token: with it, a reply-less answer to a paused conversation (staff took it over) stays silent instead of an apology"
  },
  {
    name: 'RASA_TIMEOUT_MS',
    parser: integer(15000, 100, 600000),
    meaning: 'time one user message may take in Rasa before the user is told'
  },
  // The terminal chat shares the screen with the logs, so it only shows warnings by default.
  {
    name: 'LOG_LEVEL',
    parser: optionalChecked(logLevel, 'info'),
    meaning: 'pino level, any case; `warn` by default in the terminal chat'
  },
  {
    name: 'GATEWAY_CHAT_INTERVAL_MS',
    parser: integer(1000, 0, 60000),
    meaning: 'minimum gap between two messages to one private chat'
  },
  {
    name: 'GATEWAY_CHAT_BURST',
    parser: integer(3, 1, 10),
    meaning: 'messages one private chat may get back to back before that gap applies'
  },
  {
    name: 'GATEWAY_GROUP_INTERVAL_MS',
    parser: integer(3000, 0, 60000),
    meaning: 'the same gap for groups'
  },
  {
    name: 'GATEWAY_GLOBAL_RATE',
    parser: integer(25, 1, 30),
    meaning: 'messages per second across all chats'
  },
  {
    name: 'GATEWAY_TYPING_INTERVAL_MS',
    parser: integer(4000, 10, 60000),
    meaning: 'how often "typing…" is repeated while Rasa works'
  },
  {
    name: 'GATEWAY_BUTTON_TTL_MS',
    parser: integer(7 * 24 * 3600 * 1000, 1000, 90 * 24 * 3600 * 1000),
    meaning: 'how long an inline button keeps working after it was sent'
  },
  {
    name: 'GATEWAY_TYPED_INTENTS',
    parser: oneOf(['buttons-only', 'allow'] as const, 'buttons-only'),
    meaning: 'typed `/intent{…}`: read by NLU as words, or passed verbatim'
  },
  {
    name: 'GATEWAY_EDITED_MESSAGES',
    parser: oneOf(['forward', 'ignore'] as const, 'forward'),
    meaning: '`forward` (with `edited: true`) or `ignore`'
  },
  {
    name: 'GATEWAY_RESET_GREETS',
    parser: bool(false),
    meaning: '`true`: after `/reset`, also greet'
  },
  {
    name: 'DATABASE_FILE',
    parser: optionalChecked((raw: string) => raw),
    meaning:
      "the action server's SQLite store; when set, each user turn's response time goes to its `turn_timings` table (the console's dashboard); `npm start` sets it"
  },
  {
    name: 'DATABASE_URL',
    parser: postgresUrl(),
    meaning:
      "the action server's PostgreSQL store (`postgres://…`); when set, turn timings go there instead of DATABASE_FILE"
  }
] as const

/** Read only when TELEGRAM_BOT_TOKEN is set. */
export const TELEGRAM_TABLE = [
  {
    name: 'TELEGRAM_API_ROOT',
    parser: httpUrl('https://api.telegram.org', { transform: normaliseApiRoot }),
    meaning: 'http(s) URL of the Bot API server'
  }
] as const

/** Read only in webhook mode; both are required there. */
export const WEBHOOK_TABLE = [
  {
    name: 'TELEGRAM_WEBHOOK_URL',
    parser: optionalChecked(webhookUrl),
    meaning: 'webhook mode: required, `https://`, no query string'
  },
  {
    name: 'TELEGRAM_WEBHOOK_SECRET',
    parser: optionalChecked(webhookSecret),
    meaning: 'webhook mode: required, 1–256 of `A-Z a-z 0-9 _ -`'
  }
] as const

/** Every variable the gateway reads, for the README table and .env.example checks. */
export const CONFIG_TABLE = [...GATEWAY_TABLE, ...TELEGRAM_TABLE, ...WEBHOOK_TABLE]

interface TelegramCommon {
  TELEGRAM_BOT_TOKEN: string
  TELEGRAM_API_ROOT: string
}

/** Telegram settings, by mode: the webhook fields exist (and are required) only in webhook mode. */
export type TelegramConfig =
  | (TelegramCommon & { TELEGRAM_MODE: 'polling' })
  | (TelegramCommon & {
      TELEGRAM_MODE: 'webhook'
      TELEGRAM_WEBHOOK_URL: string
      TELEGRAM_WEBHOOK_SECRET: string
    })

type GatewaySettings = SettingsOf<typeof GATEWAY_TABLE>

export type Config = Omit<
  GatewaySettings,
  'TELEGRAM_BOT_TOKEN' | 'TELEGRAM_MODE' | 'GATEWAY_CALLBACK_TOKEN' | 'LOG_LEVEL'
> & {
  /** undefined → terminal chat instead of Telegram. */
  telegram?: TelegramConfig
  LOG_LEVEL: LogLevel
  GATEWAY_CALLBACK_TOKEN?: string
}

function loadTelegram(
  token: string,
  mode: TelegramConfig['TELEGRAM_MODE'],
  env: Env
): TelegramConfig {
  const common = { TELEGRAM_BOT_TOKEN: token, ...loadSettings(TELEGRAM_TABLE, env, toConfigError) }
  if (mode === 'polling') return { ...common, TELEGRAM_MODE: mode }
  const webhook = loadSettings(WEBHOOK_TABLE, env, toConfigError)
  if (webhook.TELEGRAM_WEBHOOK_URL === undefined)
    throw new ConfigError('TELEGRAM_WEBHOOK_URL', 'is required when TELEGRAM_MODE=webhook')
  if (webhook.TELEGRAM_WEBHOOK_SECRET === undefined)
    throw new ConfigError('TELEGRAM_WEBHOOK_SECRET', 'is required when TELEGRAM_MODE=webhook')
  return {
    ...common,
    TELEGRAM_MODE: mode,
    TELEGRAM_WEBHOOK_URL: webhook.TELEGRAM_WEBHOOK_URL,
    TELEGRAM_WEBHOOK_SECRET: webhook.TELEGRAM_WEBHOOK_SECRET
  }
}

export function loadConfig(env: Env): Config {
  const {
    TELEGRAM_BOT_TOKEN: token,
    TELEGRAM_MODE: mode,
    GATEWAY_CALLBACK_TOKEN: callbackToken,
    LOG_LEVEL: level,
    ...settings
  } = loadSettings(GATEWAY_TABLE, env, toConfigError)
  const telegram = token === undefined ? undefined : loadTelegram(token, mode, env)
  const config: Config = {
    ...settings,
    LOG_LEVEL: level ?? (telegram === undefined ? 'warn' : 'info')
  }
  if (telegram !== undefined) config.telegram = telegram
  if (callbackToken !== undefined) config.GATEWAY_CALLBACK_TOKEN = callbackToken
  return config
}

/**
 * How long one Rasa call may take: RASA_TIMEOUT_MS minus a reserve (10 %, at most 1 s) for
 * telling the user, so the apology itself arrives within RASA_TIMEOUT_MS.
 */
export function rasaCallBudgetMs(config: Pick<Config, 'RASA_TIMEOUT_MS'>): number {
  return Math.max(
    50,
    config.RASA_TIMEOUT_MS - Math.min(1000, Math.floor(config.RASA_TIMEOUT_MS / 10))
  )
}

/**
 * The longest the gateway waits on shutdown for its chat queues: a job in flight may need the
 * whole RASA_TIMEOUT_MS plus delivery (10 s), but never more than the cap, so the process
 * always exits before docker-compose.yml's stop_grace_period (35 s) ends in SIGKILL.
 */
export const SHUTDOWN_DRAIN_CAP_MS = 30_000

export function shutdownDrainMs(config: Pick<Config, 'RASA_TIMEOUT_MS'>): number {
  return Math.min(config.RASA_TIMEOUT_MS + 10_000, SHUTDOWN_DRAIN_CAP_MS)
}

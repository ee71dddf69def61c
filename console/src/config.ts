import { isIP } from 'node:net'

export interface ConsoleConfig {
  host: string
  port: number
  sessionSecret: string
  /** Whether the session cookie carries `Secure`. */
  cookieSecure: boolean
  databaseFile: string
  /** PostgreSQL store (DATABASE_URL); when set it is used instead of `databaseFile`. */
  databaseUrl: string | undefined
  directoryFile: string | undefined
  /** The agency's HR API instead of the directory file (the same variables as the action server). */
  directoryApiUrl: string | undefined
  directoryApiToken: string | undefined
  /** Where notes for the user go: the gateway's callback endpoint (Telegram mode), when a token is set. */
  gatewayUrl: string
  gatewayCallbackToken: string | undefined
  /** Rasa's HTTP API (tracker, pause/resume, agent messages) for live takeover. */
  rasaUrl: string
  rasaAuthToken: string | undefined
  /** Minutes without a message from either side after which a takeover hands back by itself. */
  takeoverIdleMinutes: number
  /** How often an active takeover's tracker is read for new user messages (live view). */
  takeoverPollMs: number
  knowledgeFile: string | undefined
  /**
   * Rasa's SQL tracker store, read-only (the dashboard's conversation figures and the conversations
   * to review): RASA_TRACKER_DB_URL (PostgreSQL) when set, else the RASA_TRACKER_DB SQLite file.
   */
  trackerStore: { url: string | undefined; file: string }
  /** Minutes without a request after which a session ends. */
  idleTimeoutMinutes: number
  /** Hours after sign-in after which a session ends whatever the activity. */
  sessionMaxHours: number
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent'
  /** The bot's Rasa domain: the intents a reviewer can choose. */
  rasaDomainFile: string
  /** Where misunderstood messages go, in Rasa NLU YAML, for a developer to merge (never trained as is). */
  nluReviewFile: string
  /** Fastify `trustProxy`: false, true, or the proxy's addresses (for the client address behind HTTPS). */
  trustProxy: boolean | string
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1'])

/** True for names and addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  if (LOOPBACK_NAMES.has(host)) return true
  return isIP(host) === 4 && host.startsWith('127.')
}

function integer(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number
): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, got "${value}"`)
  return n
}

/** Reads and validates the console's environment (the names fixed in the root README's configuration table); fails fast. */
export function loadConsoleConfig(env: Env): ConsoleConfig {
  const read = (name: string): string | undefined => {
    const value = env[name]
    return value === undefined || value.trim() === '' ? undefined : value.trim()
  }
  const host = read('CONSOLE_HOST') ?? '127.0.0.1'
  const secret = read('CONSOLE_SESSION_SECRET')
  if (secret === undefined)
    throw new ConfigError(
      'CONSOLE_SESSION_SECRET is required (at least 32 characters); npm start generates one into var/'
    )
  if (secret.length < 32)
    throw new ConfigError('CONSOLE_SESSION_SECRET must be at least 32 characters')
  const secure = read('CONSOLE_COOKIE_SECURE') ?? 'auto'
  if (!['auto', 'true', 'false'].includes(secure))
    throw new ConfigError(`CONSOLE_COOKIE_SECURE must be auto, true or false, got "${secure}"`)
  return {
    host,
    port: integer('CONSOLE_PORT', read('CONSOLE_PORT'), 8090, 0, 65535),
    sessionSecret: secret,
    cookieSecure: secure === 'auto' ? !isLoopback(host) : secure === 'true',
    databaseFile: read('DATABASE_FILE') ?? './var/helpdesk.sqlite',
    databaseUrl: postgresUrl('DATABASE_URL', read('DATABASE_URL')),
    directoryFile: read('DIRECTORY_FILE'),
    directoryApiUrl: httpUrl(read('DIRECTORY_API_URL')),
    directoryApiToken: read('DIRECTORY_API_TOKEN'),
    gatewayUrl: (read('GATEWAY_URL') ?? 'http://127.0.0.1:8080').replace(/\/+$/, ''),
    gatewayCallbackToken: read('GATEWAY_CALLBACK_TOKEN'),
    rasaUrl: (httpUrl(read('RASA_URL'), 'RASA_URL') ?? 'http://127.0.0.1:5005').replace(/\/+$/, ''),
    rasaAuthToken: read('RASA_AUTH_TOKEN'),
    takeoverIdleMinutes: integer(
      'TAKEOVER_IDLE_MINUTES',
      read('TAKEOVER_IDLE_MINUTES'),
      15,
      1,
      24 * 60
    ),
    takeoverPollMs: integer('TAKEOVER_POLL_MS', read('TAKEOVER_POLL_MS'), 1000, 100, 60_000),
    knowledgeFile: read('KNOWLEDGE_FILE'),
    trackerStore: {
      url: postgresUrl('RASA_TRACKER_DB_URL', read('RASA_TRACKER_DB_URL')),
      file: read('RASA_TRACKER_DB') ?? './var/rasa-tracker.sqlite'
    },
    idleTimeoutMinutes: integer(
      'CONSOLE_IDLE_TIMEOUT_MINUTES',
      read('CONSOLE_IDLE_TIMEOUT_MINUTES'),
      30,
      1,
      24 * 60
    ),
    sessionMaxHours: integer(
      'CONSOLE_SESSION_MAX_HOURS',
      read('CONSOLE_SESSION_MAX_HOURS'),
      12,
      1,
      24 * 7
    ),
    logLevel: logLevel(read('LOG_LEVEL')),
    trustProxy: trustProxy(read('CONSOLE_TRUST_PROXY')),
    rasaDomainFile: read('CONSOLE_RASA_DOMAIN_FILE') ?? './rasa-project/domain.yml',
    nluReviewFile: read('CONSOLE_NLU_REVIEW_FILE') ?? './rasa-project/review/nlu-review.yml'
  }
}

function trustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === 'false') return false
  if (value === 'true') return true
  return value
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

function logLevel(value: string | undefined): ConsoleConfig['logLevel'] {
  if (value === undefined) return 'info'
  const level = LOG_LEVELS.find((l) => l === value.toLowerCase())
  if (level === undefined)
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${value}"`)
  return level
}

function postgresUrl(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  // The URL carries a password: never echo it.
  if (!/^postgres(ql)?:\/\/\S+$/i.test(value))
    throw new ConfigError(`${name} must be a postgres:// or postgresql:// URL`)
  return value
}

function httpUrl(value: string | undefined, name = 'DIRECTORY_API_URL'): string | undefined {
  if (value === undefined) return undefined
  if (!/^https?:\/\/[^\s]+$/.test(value))
    throw new ConfigError(`${name} must be an http(s) URL, got "${value}"`)
  return value
}

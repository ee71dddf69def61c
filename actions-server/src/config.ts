/**
 * The action server's configuration: every environment variable, parsed once at start by a pure
 * `loadConfig(env)`. Only main.ts passes `process.env`; tests pass plain objects.
 * An empty value counts as unset (docker-compose `${VAR:-}` style). A bad value throws ConfigError
 * with one line naming the variable and the rule — never the value (it may be a secret).
 */
import { isIP } from 'node:net'
import { DEFAULT_DATABASE_FILE, EXAMPLE_DIRECTORY_FILE, EXAMPLE_KNOWLEDGE_FILE } from './paths'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Config {
  ACTIONS_HOST: string
  ACTIONS_PORT: number
  ACTIONS_TOKEN: string | undefined
  ACTIONS_ALLOW_INSECURE: boolean
  ACTIONS_BODY_LIMIT_MB: number
  ACTIONS_SHUTDOWN_GRACE_MS: number
  DIRECTORY_FILE: string
  KNOWLEDGE_FILE: string
  DATABASE_FILE: string
  WHATSAPP_MODE: 'outbox' | 'cloud'
  WHATSAPP_API_URL: string
  WHATSAPP_PHONE_NUMBER_ID: string | undefined
  WHATSAPP_TOKEN: string | undefined
  HELPDESK_WHATSAPP: string | undefined
  RESET_PROVIDER: 'manual' | 'http'
  RESET_API_URL: string | undefined
  RESET_API_TOKEN: string | undefined
  LOG_LEVEL: LogLevel
  DIRECTORY_API_URL: string | undefined
  DIRECTORY_API_TOKEN: string | undefined
  HTTP_TIMEOUT_MS: number
  WHATSAPP_MESSAGE_MODE: 'text' | 'template'
  WHATSAPP_TEMPLATE_NAME: string
  WHATSAPP_TEMPLATE_LANGUAGE: string
  IDENTITY_LOOKUPS_PER_HOUR: number
  IDENTITY_MAX_ATTEMPTS: number
  IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY: number
  IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE: number
  RESET_REQUESTS_PER_DAY: number
  RESET_REPEAT_WINDOW_MINUTES: number
  ACTION_DEADLINE_MS: number
  RETENTION_DAYS: number
}

export type Env = Readonly<Record<string, string | undefined>>

/** Thrown by loadConfig; `message` is the one line main.ts prints. */
export class ConfigError extends Error {
  readonly code = 'ACT_ERR_CONFIG'
  readonly variable: string

  constructor (variable: string, rule: string) {
    super(`Invalid configuration: ${variable} ${rule}`)
    this.name = 'ConfigError'
    this.variable = variable
  }
}

/** One row per variable: the README's configuration table is checked against this list. */
export const CONFIG_VARIABLES: ReadonlyArray<{ name: keyof Config, default: string, meaning: string }> = [
  { name: 'ACTIONS_HOST', default: '0.0.0.0', meaning: 'listen address' },
  { name: 'ACTIONS_PORT', default: '5055', meaning: 'listen port (0–65535)' },
  { name: 'ACTIONS_TOKEN', default: 'unset (generated per run by `npm start`)', meaning: '/webhook, /actions and /metrics require it as `?token=` or `Authorization: Bearer`; at least 16 characters; required unless ACTIONS_HOST is a loopback address' },
  { name: 'ACTIONS_ALLOW_INSECURE', default: 'unset', meaning: '`1`: development only, listen on a non-loopback ACTIONS_HOST without ACTIONS_TOKEN (logged as a warning at every start)' },
  { name: 'ACTIONS_BODY_LIMIT_MB', default: '32', meaning: 'largest accepted request body (after deflate decompression), MB' },
  { name: 'ACTIONS_SHUTDOWN_GRACE_MS', default: '10000', meaning: 'on SIGTERM/SIGINT, time in-flight requests get before the process exits' },
  { name: 'DIRECTORY_FILE', default: 'data/directory.example.yml', meaning: 'employee directory (YAML or JSON)' },
  { name: 'KNOWLEDGE_FILE', default: 'data/knowledge.example.yml', meaning: 'helpdesk knowledge base (YAML)' },
  { name: 'DATABASE_FILE', default: '`var/helpdesk.sqlite` in the repository root', meaning: 'SQLite store: tickets, TTE requests, WhatsApp outbox, audit log; created owner-only (0600, folder 0700)' },
  { name: 'WHATSAPP_MODE', default: 'outbox', meaning: '`outbox` (store and log, masked) or `cloud` (WhatsApp Business Cloud API)' },
  { name: 'WHATSAPP_API_URL', default: 'https://graph.facebook.com/v21.0', meaning: 'Cloud API base URL' },
  { name: 'WHATSAPP_PHONE_NUMBER_ID', default: 'unset', meaning: 'Cloud API sender id; required when WHATSAPP_MODE=cloud' },
  { name: 'WHATSAPP_TOKEN', default: 'unset', meaning: 'Cloud API token; required when WHATSAPP_MODE=cloud' },
  { name: 'HELPDESK_WHATSAPP', default: 'from the knowledge base', meaning: 'helpdesk number for wa.me handoff links (8–15 digits, no +)' },
  { name: 'RESET_PROVIDER', default: 'manual', meaning: '`manual` (ticket for staff) or `http` (agency account-reset API; needs `WHATSAPP_MODE=cloud`, else the start fails)' },
  { name: 'RESET_API_URL', default: 'unset', meaning: 'account-reset API base URL; required when RESET_PROVIDER=http' },
  { name: 'RESET_API_TOKEN', default: 'unset', meaning: 'account-reset API bearer token' },
  { name: 'LOG_LEVEL', default: 'info', meaning: `pino level, any case: ${LOG_LEVELS.join(', ')}` },
  { name: 'DIRECTORY_API_URL', default: 'unset', meaning: 'agency HR API base URL; when set, the directory is looked up there instead of DIRECTORY_FILE' },
  { name: 'DIRECTORY_API_TOKEN', default: 'unset', meaning: 'HR API bearer token' },
  { name: 'HTTP_TIMEOUT_MS', default: '5000', meaning: 'timeout of each outbound call (HR API, reset API, WhatsApp Cloud API), ms' },
  { name: 'WHATSAPP_MESSAGE_MODE', default: 'text', meaning: '`text` (inside the 24-hour window) or `template` (an approved template)' },
  { name: 'WHATSAPP_TEMPLATE_NAME', default: 'helpdesk_reset_password', meaning: 'approved template with 3 body parameters: system, content, ticket number' },
  { name: 'WHATSAPP_TEMPLATE_LANGUAGE', default: 'id', meaning: 'language code of that template' },
  { name: 'IDENTITY_LOOKUPS_PER_HOUR', default: '5', meaning: 'directory lookups (NIP/NIK) one sender may trigger per hour' },
  { name: 'IDENTITY_MAX_ATTEMPTS', default: '3', meaning: 'failed NIP/NIK attempts in one form before the bot offers a human' },
  { name: 'IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY', default: '10', meaning: 'lookups of one NIP/NIK per 24 hours, from all chats together' },
  { name: 'IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE', default: '60', meaning: 'lookups per minute from all chats together (slows down enumeration)' },
  { name: 'RESET_REQUESTS_PER_DAY', default: '3', meaning: 'password-reset requests for one NIP per 24 hours, all systems and chats together' },
  { name: 'RESET_REPEAT_WINDOW_MINUTES', default: '30', meaning: 'a reset for the same NIP and system within this window is not repeated (the earlier request stands)' },
  { name: 'ACTION_DEADLINE_MS', default: '8000', meaning: 'overall time one action call may take, outbound retries included; keep it below the gateway\'s RASA_TIMEOUT_MS (15000)' },
  { name: 'RETENTION_DAYS', default: '90', meaning: 'personal data in tickets, TTE requests, outbox and audit older than this is erased (at start, every 6 hours, and by `npm run data -- purge`)' }
]

export function loadConfig (env: Env): Config {
  const read = (name: string): string | undefined => {
    const value = env[name]
    return value === undefined || value.trim() === '' ? undefined : value.trim()
  }

  const config: Config = {
    ACTIONS_HOST: read('ACTIONS_HOST') ?? '0.0.0.0',
    ACTIONS_PORT: integer('ACTIONS_PORT', read('ACTIONS_PORT'), 5055, 0, 65535),
    ACTIONS_TOKEN: token(read('ACTIONS_TOKEN')),
    ACTIONS_ALLOW_INSECURE: read('ACTIONS_ALLOW_INSECURE') === '1',
    ACTIONS_BODY_LIMIT_MB: integer('ACTIONS_BODY_LIMIT_MB', read('ACTIONS_BODY_LIMIT_MB'), 32, 1, 1024),
    ACTIONS_SHUTDOWN_GRACE_MS: integer('ACTIONS_SHUTDOWN_GRACE_MS', read('ACTIONS_SHUTDOWN_GRACE_MS'), 10000, 0, 600000),
    DIRECTORY_FILE: read('DIRECTORY_FILE') ?? EXAMPLE_DIRECTORY_FILE,
    KNOWLEDGE_FILE: read('KNOWLEDGE_FILE') ?? EXAMPLE_KNOWLEDGE_FILE,
    // The default does not depend on the working directory: `npm start` and
    // `npm start -w actions-server` use the same file.
    DATABASE_FILE: read('DATABASE_FILE') ?? DEFAULT_DATABASE_FILE,
    WHATSAPP_MODE: oneOf('WHATSAPP_MODE', read('WHATSAPP_MODE'), ['outbox', 'cloud'] as const, 'outbox'),
    WHATSAPP_API_URL: httpUrl('WHATSAPP_API_URL', read('WHATSAPP_API_URL')) ?? 'https://graph.facebook.com/v21.0',
    WHATSAPP_PHONE_NUMBER_ID: read('WHATSAPP_PHONE_NUMBER_ID'),
    WHATSAPP_TOKEN: read('WHATSAPP_TOKEN'),
    HELPDESK_WHATSAPP: phoneDigits('HELPDESK_WHATSAPP', read('HELPDESK_WHATSAPP')),
    RESET_PROVIDER: oneOf('RESET_PROVIDER', read('RESET_PROVIDER'), ['manual', 'http'] as const, 'manual'),
    RESET_API_URL: httpUrl('RESET_API_URL', read('RESET_API_URL')),
    RESET_API_TOKEN: read('RESET_API_TOKEN'),
    LOG_LEVEL: oneOf('LOG_LEVEL', read('LOG_LEVEL')?.toLowerCase(), LOG_LEVELS, 'info'),
    DIRECTORY_API_URL: httpUrl('DIRECTORY_API_URL', read('DIRECTORY_API_URL')),
    DIRECTORY_API_TOKEN: read('DIRECTORY_API_TOKEN'),
    HTTP_TIMEOUT_MS: integer('HTTP_TIMEOUT_MS', read('HTTP_TIMEOUT_MS'), 5000, 100, 120000),
    WHATSAPP_MESSAGE_MODE: oneOf('WHATSAPP_MESSAGE_MODE', read('WHATSAPP_MESSAGE_MODE'), ['text', 'template'] as const, 'text'),
    WHATSAPP_TEMPLATE_NAME: templateName(read('WHATSAPP_TEMPLATE_NAME')),
    WHATSAPP_TEMPLATE_LANGUAGE: read('WHATSAPP_TEMPLATE_LANGUAGE') ?? 'id',
    IDENTITY_LOOKUPS_PER_HOUR: integer('IDENTITY_LOOKUPS_PER_HOUR', read('IDENTITY_LOOKUPS_PER_HOUR'), 5, 1, 1000),
    IDENTITY_MAX_ATTEMPTS: integer('IDENTITY_MAX_ATTEMPTS', read('IDENTITY_MAX_ATTEMPTS'), 3, 1, 10),
    IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY: integer('IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY', read('IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY'), 10, 1, 1000),
    IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE: integer('IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE', read('IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE'), 60, 1, 100000),
    RESET_REQUESTS_PER_DAY: integer('RESET_REQUESTS_PER_DAY', read('RESET_REQUESTS_PER_DAY'), 3, 1, 100),
    RESET_REPEAT_WINDOW_MINUTES: integer('RESET_REPEAT_WINDOW_MINUTES', read('RESET_REPEAT_WINDOW_MINUTES'), 30, 1, 1440),
    ACTION_DEADLINE_MS: integer('ACTION_DEADLINE_MS', read('ACTION_DEADLINE_MS'), 8000, 500, 120000),
    RETENTION_DAYS: integer('RETENTION_DAYS', read('RETENTION_DAYS'), 90, 1, 3650)
  }

  if (config.WHATSAPP_MODE === 'cloud') {
    if (config.WHATSAPP_PHONE_NUMBER_ID === undefined) throw new ConfigError('WHATSAPP_PHONE_NUMBER_ID', 'is required when WHATSAPP_MODE is cloud')
    if (config.WHATSAPP_TOKEN === undefined) throw new ConfigError('WHATSAPP_TOKEN', 'is required when WHATSAPP_MODE is cloud')
  }
  if (config.RESET_PROVIDER === 'http' && config.RESET_API_URL === undefined) {
    throw new ConfigError('RESET_API_URL', 'is required when RESET_PROVIDER is http')
  }
  // The reset API hands out temporary passwords and links; in outbox mode nothing is sent, so the
  // secret would wait in the outbox for ever while the user waits for a message that never comes.
  if (config.RESET_PROVIDER === 'http' && config.WHATSAPP_MODE === 'outbox') {
    throw new ConfigError('RESET_PROVIDER', 'http needs WHATSAPP_MODE=cloud (in outbox mode the temporary password would never be sent); use RESET_PROVIDER=manual or set WHATSAPP_MODE=cloud')
  }
  return config
}

/**
 * Secure by default: anyone who can reach an action server without a token can call actions
 * with a forged tracker (any NIP, any status). main.ts checks this before listening (loadConfig
 * stays usable by tests that never listen). Throws the one-line ConfigError; returns true when
 * the development opt-out ACTIONS_ALLOW_INSECURE=1 is what lets it listen (to be logged loudly).
 */
export function checkListenSecurity (config: Pick<Config, 'ACTIONS_HOST' | 'ACTIONS_TOKEN' | 'ACTIONS_ALLOW_INSECURE'>): boolean {
  if (config.ACTIONS_TOKEN !== undefined || isLoopbackHost(config.ACTIONS_HOST)) return false
  if (config.ACTIONS_ALLOW_INSECURE) return true
  throw new ConfigError('ACTIONS_TOKEN', 'is required when ACTIONS_HOST is not a loopback address (set a token of 16+ characters, listen on 127.0.0.1, or ACTIONS_ALLOW_INSECURE=1 for development only)')
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost (host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true
  return isIP(host) === 4 && host.startsWith('127.')
}

function integer (name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number between ${min} and ${max}`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(name, `must be a whole number between ${min} and ${max}`)
  return value
}

function oneOf<T extends string> (name: string, raw: string | undefined, allowed: readonly T[], fallback: T): T {
  if (raw === undefined) return fallback
  if (!(allowed as readonly string[]).includes(raw)) throw new ConfigError(name, `must be one of: ${allowed.join(', ')}`)
  return raw as T
}

function httpUrl (name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ConfigError(name, 'must be an http(s) URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(name, 'must be an http(s) URL')
  return raw.replace(/\/+$/, '')
}

function token (raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  if (raw.length < 16) throw new ConfigError('ACTIONS_TOKEN', 'must be at least 16 characters when set')
  return raw
}

function phoneDigits (name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  if (!/^\d{8,15}$/.test(raw)) throw new ConfigError(name, 'must be 8–15 digits in international form without + (e.g. 6281234567890)')
  return raw
}

function templateName (raw: string | undefined): string {
  if (raw === undefined) return 'helpdesk_reset_password'
  if (!/^[a-z0-9_]{1,512}$/.test(raw)) throw new ConfigError('WHATSAPP_TEMPLATE_NAME', 'must be lowercase letters, digits and underscores (a Meta template name)')
  return raw
}

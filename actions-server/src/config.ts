/**
 * The action server's configuration: every environment variable is one row of CONFIG_TABLE
 * (name, parser with its default, meaning), parsed once at start by a pure `loadConfig(env)`.
 * Only main.ts passes `process.env`; tests pass plain objects. The README's configuration table
 * and .env.example are checked against the table. An empty value counts as unset
 * (docker-compose `${VAR:-}` style). A bad value throws ConfigError with one line naming the
 * variable and the rule — never the value (it may be a secret).
 */
import {
  checkedText,
  httpUrl,
  integer,
  loadSettings,
  oneOf,
  optionalChecked,
  optionalText,
  postgresUrl,
  SettingRuleError,
  text,
  type Env,
  type SettingsOf
} from '@helpdesk/core'
import { isIP } from 'node:net'
import { DEFAULT_DATABASE_FILE, EXAMPLE_DIRECTORY_FILE, EXAMPLE_KNOWLEDGE_FILE } from './paths'

export type { Env }

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** Thrown by loadConfig; `message` is the one line main.ts prints. */
export class ConfigError extends Error {
  readonly code = 'ACT_ERR_CONFIG'
  readonly variable: string

  constructor(variable: string, rule: string) {
    super(`Invalid configuration: ${variable} ${rule}`)
    this.name = 'ConfigError'
    this.variable = variable
  }
}

const withoutTrailingSlash = (url: string): string => url.replace(/\/+$/, '')
const URL_RULE = 'must be an http(s) URL'

function atLeast16(raw: string): string {
  if (raw.length < 16) throw new SettingRuleError('must be at least 16 characters when set')
  return raw
}

/** ACTIONS_ALLOW_INSECURE: an explicit yes or no, nothing that could be a typo of either. */
function insecureOptOut(raw: string): boolean {
  if (raw === '1' || raw === 'true') return true
  if (raw === '0' || raw === 'false') return false
  throw new SettingRuleError('must be 1 (or true) to allow it, or 0 (or false)')
}

function phoneDigits(raw: string): string {
  if (!/^\d{8,15}$/.test(raw))
    throw new SettingRuleError(
      'must be 8–15 digits in international form without + (e.g. 6281234567890)'
    )
  return raw
}

function templateName(raw: string): string {
  if (!/^[a-z0-9_]{1,512}$/.test(raw))
    throw new SettingRuleError(
      'must be lowercase letters, digits and underscores (a Meta template name)'
    )
  return raw
}

/** One row per variable, in the order of the README table. */
export const CONFIG_TABLE = [
  { name: 'ACTIONS_HOST', parser: text('0.0.0.0'), meaning: 'listen address' },
  { name: 'ACTIONS_PORT', parser: integer(5055, 0, 65535), meaning: 'listen port (0–65535)' },
  {
    name: 'ACTIONS_TOKEN',
    parser: optionalChecked(atLeast16, 'unset (generated per run by npm start)'),
    meaning:
      '/webhook, /actions and /metrics require it as `?token=` or `Authorization: Bearer`; at least 16 characters; required unless ACTIONS_HOST is a loopback address'
  },
  {
    name: 'ACTIONS_ALLOW_INSECURE',
    parser: optionalChecked(insecureOptOut),
    meaning:
      '`1`/`true`: development only, listen on a non-loopback ACTIONS_HOST without ACTIONS_TOKEN (logged as a warning at every start)'
  },
  {
    name: 'ACTIONS_BODY_LIMIT_MB',
    parser: integer(32, 1, 1024),
    meaning: 'largest accepted request body (after deflate decompression), MB'
  },
  {
    name: 'ACTIONS_SHUTDOWN_GRACE_MS',
    parser: integer(10000, 0, 600000),
    meaning: 'on SIGTERM/SIGINT, time in-flight requests get before the process exits'
  },
  {
    name: 'DIRECTORY_FILE',
    parser: text(EXAMPLE_DIRECTORY_FILE, 'data/directory.example.yml'),
    meaning: 'employee directory (YAML or JSON)'
  },
  {
    name: 'KNOWLEDGE_FILE',
    parser: text(EXAMPLE_KNOWLEDGE_FILE, 'data/knowledge.example.yml'),
    meaning: 'helpdesk knowledge base (YAML)'
  },
  // The default does not depend on the working directory: `npm start` and
  // `npm start -w actions-server` use the same file.
  {
    name: 'DATABASE_FILE',
    parser: text(DEFAULT_DATABASE_FILE, 'var/helpdesk.sqlite in the repository root'),
    meaning:
      'SQLite store: tickets, TTE requests, WhatsApp outbox, audit log; created owner-only (0600, folder 0700); unused when DATABASE_URL is set'
  },
  {
    name: 'DATABASE_URL',
    parser: postgresUrl(),
    meaning:
      'PostgreSQL store instead of DATABASE_FILE (`postgres://user:password@host:5432/db`), shared by several action servers; same migrations, applied at start'
  },
  {
    name: 'WHATSAPP_MODE',
    parser: oneOf(['outbox', 'cloud'] as const, 'outbox'),
    meaning: '`outbox` (store and log, masked) or `cloud` (WhatsApp Business Cloud API)'
  },
  {
    name: 'WHATSAPP_API_URL',
    parser: httpUrl('https://graph.facebook.com/v21.0', {
      rule: URL_RULE,
      transform: withoutTrailingSlash
    }),
    meaning: 'Cloud API base URL'
  },
  {
    name: 'WHATSAPP_PHONE_NUMBER_ID',
    parser: optionalText(),
    meaning: 'Cloud API sender id; required when WHATSAPP_MODE=cloud'
  },
  {
    name: 'WHATSAPP_TOKEN',
    parser: optionalText(),
    meaning: 'Cloud API token; required when WHATSAPP_MODE=cloud'
  },
  {
    name: 'HELPDESK_WHATSAPP',
    parser: optionalChecked(phoneDigits, 'from the knowledge base'),
    meaning: 'helpdesk number for wa.me handoff links (8–15 digits, no +)'
  },
  {
    name: 'RESET_PROVIDER',
    parser: oneOf(['manual', 'http'] as const, 'manual'),
    meaning:
      '`manual` (ticket for staff) or `http` (agency account-reset API; needs `WHATSAPP_MODE=cloud`, else the start fails)'
  },
  {
    name: 'RESET_API_URL',
    parser: httpUrl(undefined, { rule: URL_RULE, transform: withoutTrailingSlash }),
    meaning: 'account-reset API base URL; required when RESET_PROVIDER=http'
  },
  { name: 'RESET_API_TOKEN', parser: optionalText(), meaning: 'account-reset API bearer token' },
  {
    name: 'LOG_LEVEL',
    parser: oneOf(LOG_LEVELS, 'info', { lowercase: true }),
    meaning: `pino level, any case: ${LOG_LEVELS.join(', ')}`
  },
  {
    name: 'DIRECTORY_API_URL',
    parser: httpUrl(undefined, { rule: URL_RULE, transform: withoutTrailingSlash }),
    meaning:
      'agency HR API base URL; when set, the directory is looked up there instead of DIRECTORY_FILE'
  },
  { name: 'DIRECTORY_API_TOKEN', parser: optionalText(), meaning: 'HR API bearer token' },
  {
    name: 'HTTP_TIMEOUT_MS',
    parser: integer(5000, 100, 120000),
    meaning: 'timeout of each outbound call (HR API, reset API, WhatsApp Cloud API), ms'
  },
  {
    name: 'WHATSAPP_MESSAGE_MODE',
    parser: oneOf(['text', 'template'] as const, 'text'),
    meaning: '`text` (inside the 24-hour window) or `template` (an approved template)'
  },
  {
    name: 'WHATSAPP_TEMPLATE_NAME',
    parser: checkedText('helpdesk_reset_password', templateName),
    meaning: 'approved template with 3 body parameters: system, content, ticket number'
  },
  {
    name: 'WHATSAPP_TEMPLATE_LANGUAGE',
    parser: text('id'),
    meaning: 'language code of that template'
  },
  {
    name: 'IDENTITY_LOOKUPS_PER_HOUR',
    parser: integer(5, 1, 1000),
    meaning: 'directory lookups (NIP/NIK) one sender may trigger per hour'
  },
  {
    name: 'IDENTITY_MAX_ATTEMPTS',
    parser: integer(3, 1, 10),
    meaning: 'failed NIP/NIK attempts in one form before the bot offers a human'
  },
  {
    name: 'IDENTITY_LOOKUPS_PER_SUBJECT_PER_DAY',
    parser: integer(10, 1, 1000),
    meaning: 'lookups of one NIP/NIK per 24 hours, from all chats together'
  },
  {
    name: 'IDENTITY_LOOKUPS_GLOBAL_PER_MINUTE',
    parser: integer(60, 1, 100000),
    meaning: 'lookups per minute from all chats together (slows down enumeration)'
  },
  {
    name: 'RESET_REQUESTS_PER_DAY',
    parser: integer(3, 1, 100),
    meaning: 'password-reset requests for one NIP per 24 hours, all systems and chats together'
  },
  {
    name: 'RESET_REPEAT_WINDOW_MINUTES',
    parser: integer(30, 1, 1440),
    meaning:
      'a reset for the same NIP and system within this window is not repeated (the earlier request stands)'
  },
  {
    name: 'ACTION_DEADLINE_MS',
    parser: integer(8000, 500, 120000),
    meaning:
      "overall time one action call may take, outbound retries included; keep it below the gateway's RASA_TIMEOUT_MS (15000)"
  },
  {
    name: 'RETENTION_DAYS',
    parser: integer(90, 1, 3650),
    meaning:
      'personal data in tickets, TTE requests, outbox and audit older than this is erased (at start, every 6 hours, and by `npm run data -- purge`)'
  }
] as const

export type Config = SettingsOf<typeof CONFIG_TABLE>

/** The README's configuration table, row for row (checked by test/readme.test.ts). */
export const CONFIG_VARIABLES: ReadonlyArray<{
  name: keyof Config
  default: string
  meaning: string
}> = CONFIG_TABLE.map((row) => ({
  name: row.name,
  default: row.parser.shownDefault,
  meaning: row.meaning
}))

export function loadConfig(env: Env): Config {
  const config = loadSettings(CONFIG_TABLE, env, (name, rule) => new ConfigError(name, rule))
  if (config.WHATSAPP_MODE === 'cloud') {
    if (config.WHATSAPP_PHONE_NUMBER_ID === undefined)
      throw new ConfigError('WHATSAPP_PHONE_NUMBER_ID', 'is required when WHATSAPP_MODE is cloud')
    if (config.WHATSAPP_TOKEN === undefined)
      throw new ConfigError('WHATSAPP_TOKEN', 'is required when WHATSAPP_MODE is cloud')
  }
  if (config.RESET_PROVIDER === 'http' && config.RESET_API_URL === undefined) {
    throw new ConfigError('RESET_API_URL', 'is required when RESET_PROVIDER is http')
  }
  // The reset API hands out temporary passwords and links; in outbox mode nothing is sent, so the
  // secret would wait in the outbox for ever while the user waits for a message that never comes.
  if (config.RESET_PROVIDER === 'http' && config.WHATSAPP_MODE === 'outbox') {
    throw new ConfigError(
      'RESET_PROVIDER',
      'http needs WHATSAPP_MODE=cloud (in outbox mode the temporary password would never be sent); use RESET_PROVIDER=manual or set WHATSAPP_MODE=cloud'
    )
  }
  return config
}

/**
 * Secure by default: anyone who can reach an action server without a token can call actions
 * with a forged tracker (any NIP, any status). main.ts checks this before listening (loadConfig
 * stays usable by tests that never listen). Throws the one-line ConfigError; returns true when
 * the development opt-out ACTIONS_ALLOW_INSECURE=1 is what lets it listen (to be logged loudly).
 */
export function checkListenSecurity(
  config: Pick<Config, 'ACTIONS_HOST' | 'ACTIONS_TOKEN' | 'ACTIONS_ALLOW_INSECURE'>
): boolean {
  if (config.ACTIONS_TOKEN !== undefined || isLoopbackHost(config.ACTIONS_HOST)) return false
  if (config.ACTIONS_ALLOW_INSECURE === true) return true
  throw new ConfigError(
    'ACTIONS_TOKEN',
    'is required when ACTIONS_HOST is not a loopback address (set a token of 16+ characters, listen on 127.0.0.1, or ACTIONS_ALLOW_INSECURE=1 for development only)'
  )
}

/** 127.0.0.0/8, ::1 and localhost: only this machine can connect. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1' || host === '[::1]') return true
  return isIP(host) === 4 && host.startsWith('127.')
}

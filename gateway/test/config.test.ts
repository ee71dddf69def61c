import {
  ConfigError,
  loadConfig,
  rasaCallBudgetMs,
  SHUTDOWN_DRAIN_CAP_MS,
  shutdownDrainMs
} from '../src/config'

const TOKEN = '123456:ABC-def_ghi'

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError)
    return (err as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('loadConfig', () => {
  test('When nothing is set, then the documented defaults apply and the terminal chat is chosen', () => {
    expect(loadConfig({})).toEqual({
      GATEWAY_HOST: '0.0.0.0',
      GATEWAY_PORT: 8080,
      RASA_URL: 'http://localhost:5005',
      RASA_TIMEOUT_MS: 15000,
      LOG_LEVEL: 'warn',
      GATEWAY_CHAT_INTERVAL_MS: 1000,
      GATEWAY_CHAT_BURST: 3,
      GATEWAY_GROUP_INTERVAL_MS: 3000,
      GATEWAY_GLOBAL_RATE: 25,
      GATEWAY_TYPING_INTERVAL_MS: 4000,
      GATEWAY_BUTTON_TTL_MS: 604800000,
      GATEWAY_TYPED_INTENTS: 'buttons-only',
      GATEWAY_EDITED_MESSAGES: 'forward',
      GATEWAY_RESET_GREETS: false
    })
  })

  test('When a token is set, then Telegram polling against api.telegram.org is configured and logs default to info', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      GATEWAY_PORT: '9090',
      RASA_TIMEOUT_MS: '2000',
      RASA_URL: 'http://rasa:5005/'
    })
    expect(config.telegram).toEqual({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'https://api.telegram.org/',
      TELEGRAM_MODE: 'polling'
    })
    expect(config.GATEWAY_PORT).toBe(9090)
    expect(config.RASA_TIMEOUT_MS).toBe(2000)
    expect(config.RASA_URL).toBe('http://rasa:5005')
    expect(config.LOG_LEVEL).toBe('info')
  })

  test('When LOG_LEVEL is written in upper case (as for other tools), then it is accepted in pino spelling', () => {
    expect(loadConfig({ LOG_LEVEL: 'DEBUG' }).LOG_LEVEL).toBe('debug')
    expect(loadConfig({ LOG_LEVEL: ' Warn ' }).LOG_LEVEL).toBe('warn')
  })

  test('When TELEGRAM_API_ROOT has a path without a trailing slash, then one is added (telegraf would drop the path)', () => {
    expect(
      loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/tg' })
        .telegram?.TELEGRAM_API_ROOT
    ).toBe('http://127.0.0.1:8081/tg/')
  })

  test('When webhook mode is complete, then URL and secret are kept', () => {
    const config = loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.go.id/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123'
    })
    expect(config.telegram).toEqual({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: 'https://api.telegram.org/',
      TELEGRAM_MODE: 'webhook',
      TELEGRAM_WEBHOOK_URL: 'https://bot.example.go.id/telegram/webhook',
      TELEGRAM_WEBHOOK_SECRET: 'abc_DEF-123'
    })
  })

  test.each([
    [
      { TELEGRAM_BOT_TOKEN: 'not-a-token' },
      'TELEGRAM_BOT_TOKEN must look like <digits>:<letters, digits, _ or -> as issued by BotFather'
    ],
    [{ TELEGRAM_MODE: 'push' }, 'TELEGRAM_MODE must be one of: polling, webhook'],
    [
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_MODE: 'webhook' },
      'TELEGRAM_WEBHOOK_URL is required when TELEGRAM_MODE=webhook'
    ],
    [
      {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'http://bot.example.go.id/hook'
      },
      'TELEGRAM_WEBHOOK_URL must be an absolute https URL'
    ],
    [
      {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.go.id/hook?x=1',
        TELEGRAM_WEBHOOK_SECRET: 'abc'
      },
      'TELEGRAM_WEBHOOK_URL must not contain a query string'
    ],
    [
      {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.go.id/hook'
      },
      'TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_MODE=webhook'
    ],
    [
      {
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_URL: 'https://bot.example.go.id/hook',
        TELEGRAM_WEBHOOK_SECRET: 'has space'
      },
      'TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -'
    ],
    [
      { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'ftp://x' },
      'TELEGRAM_API_ROOT must be an absolute http(s) URL'
    ],
    [{ GATEWAY_PORT: '80a' }, 'GATEWAY_PORT must be a whole number between 0 and 65535'],
    [{ GATEWAY_PORT: '70000' }, 'GATEWAY_PORT must be a whole number between 0 and 65535'],
    [{ RASA_URL: 'localhost:5005' }, 'RASA_URL must be an absolute http(s) URL'],
    [{ RASA_TIMEOUT_MS: '50' }, 'RASA_TIMEOUT_MS must be a whole number between 100 and 600000'],
    [
      { LOG_LEVEL: 'verbose' },
      'LOG_LEVEL must be one of: fatal, error, warn, info, debug, trace, silent'
    ],
    [{ GATEWAY_GLOBAL_RATE: '31' }, 'GATEWAY_GLOBAL_RATE must be a whole number between 1 and 30'],
    [{ GATEWAY_TYPED_INTENTS: 'yes' }, 'GATEWAY_TYPED_INTENTS must be one of: buttons-only, allow'],
    [
      { GATEWAY_EDITED_MESSAGES: 'drop' },
      'GATEWAY_EDITED_MESSAGES must be one of: forward, ignore'
    ],
    [{ GATEWAY_RESET_GREETS: 'maybe' }, 'GATEWAY_RESET_GREETS must be true or false'],
    [
      { GATEWAY_CALLBACK_TOKEN: 'short' },
      'GATEWAY_CALLBACK_TOKEN must be at least 16 characters when set'
    ]
  ])('When %j, then the start fails with one line naming the variable', (env, message) => {
    expect(errorOf(env)).toBe(message)
  })

  test('When a secret is invalid, then its value never appears in the message', () => {
    expect(errorOf({ TELEGRAM_BOT_TOKEN: 'leaky secret value' })).not.toContain('leaky')
  })

  test('When a variable is blank (VAR= in compose), then it counts as unset', () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: '', GATEWAY_PORT: ' ' }).telegram).toBeUndefined()
  })
})

describe('rasaCallBudgetMs', () => {
  test('When the budget is 15 s, then Rasa gets 14 s and 1 s is kept for the apology; small budgets keep 10 %', () => {
    expect([15000, 3000, 300].map((ms) => rasaCallBudgetMs({ RASA_TIMEOUT_MS: ms }))).toEqual([
      14000, 2700, 270
    ])
  })

  test('When shutting down, then the drain waits RASA_TIMEOUT_MS + 10 s but never past the 30 s cap (compose gives 35 s)', () => {
    expect(shutdownDrainMs({ RASA_TIMEOUT_MS: 15000 })).toBe(25000)
    expect(shutdownDrainMs({ RASA_TIMEOUT_MS: 600000 })).toBe(SHUTDOWN_DRAIN_CAP_MS)
  })
})

/** loadConfig(env): defaults, coercion, conditional requirements, one-line errors naming the variable. */
import { resolve } from 'node:path'
import { checkListenSecurity, CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config'
import { EXAMPLE_DIRECTORY_FILE, EXAMPLE_KNOWLEDGE_FILE } from '../src/paths'

describe('loadConfig', () => {
  test('When the environment is empty, then every variable has its documented default', () => {
    // toMatchObject: the domain-actions variables (HTTP_TIMEOUT_MS, …) are pinned by their own tests.
    expect(loadConfig({})).toMatchObject({
      ACTIONS_HOST: '0.0.0.0',
      ACTIONS_PORT: 5055,
      ACTIONS_TOKEN: undefined,
      ACTIONS_BODY_LIMIT_MB: 32,
      ACTIONS_SHUTDOWN_GRACE_MS: 10000,
      DIRECTORY_FILE: EXAMPLE_DIRECTORY_FILE,
      KNOWLEDGE_FILE: EXAMPLE_KNOWLEDGE_FILE,
      DATABASE_FILE: resolve(__dirname, '..', '..', 'var', 'helpdesk.sqlite'),
      WHATSAPP_MODE: 'outbox',
      WHATSAPP_API_URL: 'https://graph.facebook.com/v21.0',
      WHATSAPP_PHONE_NUMBER_ID: undefined,
      WHATSAPP_TOKEN: undefined,
      HELPDESK_WHATSAPP: undefined,
      RESET_PROVIDER: 'manual',
      RESET_API_URL: undefined,
      RESET_API_TOKEN: undefined,
      LOG_LEVEL: 'info'
    })
  })

  test('When every variable is set, then values are parsed and typed', () => {
    const config = loadConfig({
      ACTIONS_HOST: '127.0.0.1',
      ACTIONS_PORT: '6055',
      ACTIONS_TOKEN: 'a-very-long-shared-token',
      ACTIONS_BODY_LIMIT_MB: '64',
      ACTIONS_SHUTDOWN_GRACE_MS: '2000',
      DIRECTORY_FILE: '/data/pegawai.json',
      KNOWLEDGE_FILE: '/data/kb.yml',
      DATABASE_FILE: '/var/db.sqlite',
      WHATSAPP_MODE: 'cloud',
      WHATSAPP_API_URL: 'http://127.0.0.1:9999/v21.0/',
      WHATSAPP_PHONE_NUMBER_ID: '1234567890',
      WHATSAPP_TOKEN: 'EAAG-secret',
      HELPDESK_WHATSAPP: '6281100000000',
      RESET_PROVIDER: 'http',
      RESET_API_URL: 'https://reset.example.go.id/api',
      RESET_API_TOKEN: 'rst',
      LOG_LEVEL: 'DEBUG'
    })

    expect(config).toMatchObject({
      ACTIONS_HOST: '127.0.0.1',
      ACTIONS_PORT: 6055,
      ACTIONS_TOKEN: 'a-very-long-shared-token',
      ACTIONS_BODY_LIMIT_MB: 64,
      ACTIONS_SHUTDOWN_GRACE_MS: 2000,
      DIRECTORY_FILE: '/data/pegawai.json',
      KNOWLEDGE_FILE: '/data/kb.yml',
      DATABASE_FILE: '/var/db.sqlite',
      WHATSAPP_MODE: 'cloud',
      WHATSAPP_API_URL: 'http://127.0.0.1:9999/v21.0',
      WHATSAPP_PHONE_NUMBER_ID: '1234567890',
      WHATSAPP_TOKEN: 'EAAG-secret',
      HELPDESK_WHATSAPP: '6281100000000',
      RESET_PROVIDER: 'http',
      RESET_API_URL: 'https://reset.example.go.id/api',
      RESET_API_TOKEN: 'rst',
      LOG_LEVEL: 'debug'
    })
  })

  test('When a variable is set to an empty string, then it counts as unset', () => {
    expect(loadConfig({ ACTIONS_TOKEN: '', ACTIONS_PORT: ' ' })).toMatchObject({
      ACTIONS_TOKEN: undefined,
      ACTIONS_PORT: 5055
    })
  })

  test.each([
    [
      { ACTIONS_PORT: 'lima' },
      'Invalid configuration: ACTIONS_PORT must be a whole number between 0 and 65535'
    ],
    [
      { ACTIONS_PORT: '70000' },
      'Invalid configuration: ACTIONS_PORT must be a whole number between 0 and 65535'
    ],
    [
      { ACTIONS_BODY_LIMIT_MB: '0' },
      'Invalid configuration: ACTIONS_BODY_LIMIT_MB must be a whole number between 1 and 1024'
    ],
    [
      { ACTIONS_TOKEN: 'pendek' },
      'Invalid configuration: ACTIONS_TOKEN must be at least 16 characters when set'
    ],
    [
      { WHATSAPP_MODE: 'sms' },
      'Invalid configuration: WHATSAPP_MODE must be one of: outbox, cloud'
    ],
    [
      { WHATSAPP_MODE: 'cloud' },
      'Invalid configuration: WHATSAPP_PHONE_NUMBER_ID is required when WHATSAPP_MODE is cloud'
    ],
    [
      { WHATSAPP_MODE: 'cloud', WHATSAPP_PHONE_NUMBER_ID: '1' },
      'Invalid configuration: WHATSAPP_TOKEN is required when WHATSAPP_MODE is cloud'
    ],
    [
      { WHATSAPP_API_URL: 'ftp://x' },
      'Invalid configuration: WHATSAPP_API_URL must be an http(s) URL'
    ],
    [
      { RESET_PROVIDER: 'http' },
      'Invalid configuration: RESET_API_URL is required when RESET_PROVIDER is http'
    ],
    [
      { RESET_PROVIDER: 'http', RESET_API_URL: 'bukan url' },
      'Invalid configuration: RESET_API_URL must be an http(s) URL'
    ],
    [
      { RESET_PROVIDER: 'http', RESET_API_URL: 'https://reset.example.go.id/api' },
      'Invalid configuration: RESET_PROVIDER http needs WHATSAPP_MODE=cloud (in outbox mode the temporary password would never be sent); use RESET_PROVIDER=manual or set WHATSAPP_MODE=cloud'
    ],
    [
      {
        RESET_PROVIDER: 'http',
        RESET_API_URL: 'https://reset.example.go.id/api',
        WHATSAPP_MODE: 'outbox'
      },
      'Invalid configuration: RESET_PROVIDER http needs WHATSAPP_MODE=cloud (in outbox mode the temporary password would never be sent); use RESET_PROVIDER=manual or set WHATSAPP_MODE=cloud'
    ],
    [
      { HELPDESK_WHATSAPP: '+62 811' },
      'Invalid configuration: HELPDESK_WHATSAPP must be 8–15 digits in international form without + (e.g. 6281234567890)'
    ],
    [
      { LOG_LEVEL: 'verbose' },
      'Invalid configuration: LOG_LEVEL must be one of: fatal, error, warn, info, debug, trace, silent'
    ]
  ])('When %j, then one ConfigError line names the variable and the rule', (env, message) => {
    let thrown: unknown
    try {
      loadConfig(env)
    } catch (err) {
      thrown = err
    }

    expect(thrown).toBeInstanceOf(ConfigError)
    expect((thrown as ConfigError).message).toBe(message)
    expect((thrown as ConfigError).message).not.toContain('\n')
  })

  test('When a secret is invalid, then its value is not in the message', () => {
    expect(() => loadConfig({ ACTIONS_TOKEN: 'rahasia' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('rahasia') })
    )
  })

  test('When the variable list is documented, then it covers exactly the Config keys', () => {
    expect(CONFIG_VARIABLES.map((v) => v.name).sort()).toEqual(Object.keys(loadConfig({})).sort())
  })

  test('When no DATABASE_FILE is set, then the default is var/helpdesk.sqlite in the repository root, whatever the working directory', () => {
    const before = process.cwd()
    try {
      process.chdir(__dirname)
      expect(loadConfig({}).DATABASE_FILE).toBe(
        resolve(__dirname, '..', '..', 'var', 'helpdesk.sqlite')
      )
    } finally {
      process.chdir(before)
    }
  })

  test('When LOG_LEVEL is upper-case, then it is accepted in pino spelling', () => {
    expect(loadConfig({ LOG_LEVEL: 'DEBUG' }).LOG_LEVEL).toBe('debug')
  })

  test.each([['127.0.0.1'], ['127.1.2.3'], ['::1'], ['localhost']])(
    'When listening on loopback %s without a token, then it is allowed',
    (host) => {
      expect(checkListenSecurity(loadConfig({ ACTIONS_HOST: host }))).toBe(false)
    }
  )

  test.each([['0.0.0.0'], ['::'], ['10.1.2.3']])(
    'When listening on %s without a token, then the one line names ACTIONS_TOKEN',
    (host) => {
      expect(() => checkListenSecurity(loadConfig({ ACTIONS_HOST: host }))).toThrow(
        'Invalid configuration: ACTIONS_TOKEN is required when ACTIONS_HOST is not a loopback address'
      )
    }
  )

  test('When listening on 0.0.0.0 with a token, or with ACTIONS_ALLOW_INSECURE=1, then it is allowed (the opt-out is reported)', () => {
    expect(
      checkListenSecurity(
        loadConfig({ ACTIONS_HOST: '0.0.0.0', ACTIONS_TOKEN: 'a-very-long-shared-token' })
      )
    ).toBe(false)
    expect(
      checkListenSecurity(loadConfig({ ACTIONS_HOST: '0.0.0.0', ACTIONS_ALLOW_INSECURE: '1' }))
    ).toBe(true)
  })
})

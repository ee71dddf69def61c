import { ConfigError, loadConsoleConfig } from '../src/config'

const SECRET = 'x'.repeat(32)

describe('console configuration', () => {
  it('uses 127.0.0.1:8090 and a cookie without Secure on loopback by default', () => {
    const config = loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET })
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8090,
      cookieSecure: false,
      databaseFile: './var/helpdesk.sqlite',
      idleTimeoutMinutes: 30,
      sessionMaxHours: 12
    })
  })

  it('makes the cookie Secure when listening beyond loopback (auto), and follows an explicit choice', () => {
    expect(
      loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET, CONSOLE_HOST: '0.0.0.0' }).cookieSecure
    ).toBe(true)
    expect(
      loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET, CONSOLE_COOKIE_SECURE: 'true' })
        .cookieSecure
    ).toBe(true)
    expect(
      loadConsoleConfig({
        CONSOLE_SESSION_SECRET: SECRET,
        CONSOLE_HOST: '0.0.0.0',
        CONSOLE_COOKIE_SECURE: 'false'
      }).cookieSecure
    ).toBe(false)
  })

  it("uses PostgreSQL for the store and for Rasa's tracker store only when their URLs are set, and refuses other URLs without echoing them", () => {
    const sqlite = loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET })
    expect(sqlite.databaseUrl).toBeUndefined()
    expect(sqlite.trackerStore).toEqual({ url: undefined, file: './var/rasa-tracker.sqlite' })
    const pg = loadConsoleConfig({
      CONSOLE_SESSION_SECRET: SECRET,
      DATABASE_URL: 'postgres://helpdesk:rahasia@db:5432/helpdesk',
      RASA_TRACKER_DB_URL: 'postgresql://rasa:rahasia@db:5432/rasa'
    })
    expect(pg.databaseUrl).toBe('postgres://helpdesk:rahasia@db:5432/helpdesk')
    expect(pg.trackerStore.url).toBe('postgresql://rasa:rahasia@db:5432/rasa')
    const bad = (env: Record<string, string>): string => {
      try {
        loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET, ...env })
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError)
        return (err as Error).message
      }
      throw new Error('accepted')
    }
    expect(bad({ DATABASE_URL: 'mysql://u:rahasia@db/x' })).toBe(
      'DATABASE_URL must be a postgres:// or postgresql:// URL'
    )
    expect(bad({ RASA_TRACKER_DB_URL: 'sqlite:///rahasia.db' })).toBe(
      'RASA_TRACKER_DB_URL must be a postgres:// or postgresql:// URL'
    )
  })

  it('refuses a missing or short session secret and bad values with one line naming the variable', () => {
    expect(() => loadConsoleConfig({})).toThrow(
      new ConfigError(
        'CONSOLE_SESSION_SECRET is required (at least 32 characters); npm start generates one into var/'
      )
    )
    expect(() => loadConsoleConfig({ CONSOLE_SESSION_SECRET: 'short' })).toThrow(
      'CONSOLE_SESSION_SECRET must be at least 32 characters'
    )
    expect(() =>
      loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET, CONSOLE_PORT: 'abc' })
    ).toThrow('CONSOLE_PORT must be an integer from 0 to 65535, got "abc"')
    expect(() =>
      loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET, CONSOLE_COOKIE_SECURE: 'maybe' })
    ).toThrow('CONSOLE_COOKIE_SECURE must be auto, true or false, got "maybe"')
    expect(() =>
      loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET, DIRECTORY_API_URL: 'ftp://x' })
    ).toThrow('DIRECTORY_API_URL must be an http(s) URL')
  })
})

describe('console configuration: live takeover', () => {
  it('reaches Rasa on 127.0.0.1:5005 and hands an idle takeover back after 15 minutes by default', () => {
    expect(loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET })).toMatchObject({
      rasaUrl: 'http://127.0.0.1:5005',
      rasaAuthToken: undefined,
      takeoverIdleMinutes: 15,
      takeoverPollMs: 1000
    })
    expect(
      loadConsoleConfig({
        CONSOLE_SESSION_SECRET: SECRET,
        RASA_URL: 'http://rasa:5005/',
        RASA_AUTH_TOKEN: 'rasa-token',
        TAKEOVER_IDLE_MINUTES: '5'
      })
    ).toMatchObject({
      rasaUrl: 'http://rasa:5005',
      rasaAuthToken: 'rasa-token',
      takeoverIdleMinutes: 5
    })
  })

  it('refuses a RASA_URL that is not http(s) and an idle time outside 1-1440 minutes, naming the variable', () => {
    expect(() =>
      loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET, RASA_URL: 'rasa:5005' })
    ).toThrow(new ConfigError('RASA_URL must be an http(s) URL, got "rasa:5005"'))
    expect(() =>
      loadConsoleConfig({ CONSOLE_SESSION_SECRET: SECRET, TAKEOVER_IDLE_MINUTES: '0' })
    ).toThrow(new ConfigError('TAKEOVER_IDLE_MINUTES must be an integer from 1 to 1440, got "0"'))
  })
})

import { ConfigError } from '../../src/config'
import { StartupError } from '../../src/gateway'
import { RasaResponseError, RasaUnavailableError } from '../../src/rasa/errors'

describe('error catalogue (codes are public: logs and alerts match on them)', () => {
  test.each([
    [new RasaUnavailableError('x'), 'RasaUnavailableError', 'GW_ERR_RASA_UNAVAILABLE'],
    [new RasaResponseError('x', 502), 'RasaResponseError', 'GW_ERR_RASA_RESPONSE'],
    [
      new ConfigError('RASA_URL', 'must be an absolute http(s) URL'),
      'ConfigError',
      'GW_ERR_CONFIG'
    ],
    [new StartupError('x'), 'StartupError', 'GW_ERR_STARTUP']
  ])('%s has its name and code', (err, name, code) => {
    expect(err).toBeInstanceOf(Error)
    expect([err.name, err.code]).toEqual([name, code])
  })

  test('When a ConfigError is built, then its message is "<VARIABLE> <rule>" and it names the variable', () => {
    const err = new ConfigError('RASA_URL', 'must be an absolute http(s) URL')
    expect([err.message, err.variable]).toEqual([
      'RASA_URL must be an absolute http(s) URL',
      'RASA_URL'
    ])
  })
})

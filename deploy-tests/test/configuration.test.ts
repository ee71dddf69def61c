/**
 * Every environment variable the services read (actions-server/src/config.ts,
 * gateway/src/config.ts, console/src/config.ts) and every variable the project contract names is documented in .env.example and
 * in the README's configuration table.
 */
import { readRepoFile } from './support/repo'

/** The contract's variables (the fixed interface the README's configuration tables document), hard-coded here. */
const CONTRACT_ACTIONS_SERVER = [
  'ACTIONS_HOST',
  'ACTIONS_PORT',
  'ACTIONS_TOKEN',
  'DIRECTORY_FILE',
  'KNOWLEDGE_FILE',
  'DATABASE_FILE',
  'WHATSAPP_MODE',
  'WHATSAPP_API_URL',
  'WHATSAPP_PHONE_NUMBER_ID',
  'WHATSAPP_TOKEN',
  'HELPDESK_WHATSAPP',
  'RESET_PROVIDER',
  'RESET_API_URL',
  'RESET_API_TOKEN',
  'LOG_LEVEL'
]
const CONTRACT_GATEWAY = [
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_API_ROOT',
  'TELEGRAM_MODE',
  'TELEGRAM_WEBHOOK_URL',
  'TELEGRAM_WEBHOOK_SECRET',
  'GATEWAY_HOST',
  'GATEWAY_PORT',
  'RASA_URL',
  'RASA_TIMEOUT_MS'
]
const CONTRACT_CONSOLE = [
  'CONSOLE_HOST',
  'CONSOLE_PORT',
  'CONSOLE_SESSION_SECRET',
  'CONSOLE_COOKIE_SECURE'
]
/** Read by rasa-project/endpoints.yml. */
const CONTRACT_RASA = ['ACTION_ENDPOINT_URL', 'ACTIONS_TOKEN', 'RASA_TRACKER_DB']

/**
 * Variable names a config.ts reads: the first string argument of its readers and errors, e.g.
 * `read('X')`, `integer(env, 'X', …)`, `new ConfigError('X', …)`, `{ name: 'X' }`.
 */
function variablesReadBy(file: string): string[] {
  const source = readRepoFile(file)
  const names = new Set<string>()
  for (const m of source.matchAll(/\b\w+\(\s*(?:env\s*,\s*)?'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g))
    names.add(m[1]!)
  for (const m of source.matchAll(/\bname:\s*'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g)) names.add(m[1]!)
  return [...names].sort()
}

/** Names documented in .env.example, whether set (`X=`) or shown commented (`# X=default`). */
function envExampleVariables(): Set<string> {
  const names = readRepoFile('.env.example')
    .split(/\r?\n/)
    .map((line) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined)
  return new Set(names)
}

/** Names in the first cell of the README's table rows, e.g. "| `ACTIONS_PORT` | 5055 | … |". */
function readmeTableVariables(): Set<string> {
  const names = new Set<string>()
  for (const line of readRepoFile('README.md').split(/\r?\n/)) {
    const cell = /^\|([^|]+)\|/.exec(line)?.[1]
    if (cell === undefined) continue
    for (const m of cell.matchAll(/`([A-Z][A-Z0-9_]*)`/g)) names.add(m[1]!)
  }
  return names
}

const actionsServer = variablesReadBy('actions-server/src/config.ts')
const gateway = variablesReadBy('gateway/src/config.ts')
const consoleVariables = variablesReadBy('console/src/config.ts')
const all = [
  ...new Set([
    ...actionsServer,
    ...gateway,
    ...consoleVariables,
    ...CONTRACT_ACTIONS_SERVER,
    ...CONTRACT_GATEWAY,
    ...CONTRACT_CONSOLE,
    ...CONTRACT_RASA
  ])
].sort()

describe('configuration variables', () => {
  it('are found in both config.ts files, the contract ones included', () => {
    expect(actionsServer).toEqual(expect.arrayContaining(CONTRACT_ACTIONS_SERVER))
    expect(gateway).toEqual(expect.arrayContaining(CONTRACT_GATEWAY))
    expect(consoleVariables).toEqual(expect.arrayContaining(CONTRACT_CONSOLE))
  })

  it('are all documented in .env.example', () => {
    const documented = envExampleVariables()
    expect(all.filter((name) => !documented.has(name))).toEqual([])
  })

  it('all have a row in the README configuration table', () => {
    const documented = readmeTableVariables()
    expect(all.filter((name) => !documented.has(name))).toEqual([])
  })

  it('.env.example also documents every variable docker-compose.yml interpolates', () => {
    const documented = envExampleVariables()
    const interpolated = [
      ...readRepoFile('docker-compose.yml').matchAll(/(?<!\$)\$\{([A-Z_][A-Z0-9_]*)/g)
    ].map((m) => m[1]!)
    expect(interpolated).toEqual(
      expect.arrayContaining(['RASA_AUTH_TOKEN', 'ACTIONS_TOKEN', 'RASA_SERVICE'])
    )
    expect([...new Set(interpolated)].filter((name) => !documented.has(name))).toEqual([])
  })

  it('.env.example sets no secret to a value', () => {
    const secrets = readRepoFile('.env.example')
      .split(/\r?\n/)
      .filter((line) => /^[A-Z_]*(TOKEN|SECRET|PASSWORD)=\S/.test(line))
    expect(secrets).toEqual([])
  })
})

/** actions-server/README.md documents every configuration variable and every event name. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CONFIG_VARIABLES } from '../src/config'
import { EVENT_NAMES } from '../src/sdk'

const readme = readFileSync(resolve(__dirname, '..', 'README.md'), 'utf8')

describe('actions-server README', () => {
  test.each(CONFIG_VARIABLES.map((v) => [v.name]))('When reading the configuration table, then %s has a row', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'))
  })

  test.each(EVENT_NAMES.map((name) => [name]))('When reading the event coverage table, then "%s" has a row', (name) => {
    expect(readme).toMatch(new RegExp(`^\\| (\`[a-z_]+\` / )?\`${name}\`( / \`[a-z_]+\`)?( \\(legacy\\))? \\|`, 'm'))
  })
})

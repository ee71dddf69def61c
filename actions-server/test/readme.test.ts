/** actions-server/README.md documents every configuration variable and every event name, and shows Rasa's real endpoint config. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CONFIG_VARIABLES } from '../src/config'
import { EVENT_NAMES } from '../src/sdk'

const readme = readFileSync(resolve(__dirname, '..', 'README.md'), 'utf8')
const endpointsYml = readFileSync(
  resolve(__dirname, '..', '..', 'rasa-project', 'endpoints.yml'),
  'utf8'
)

/** `key: value` lines of a YAML text, comments and indentation dropped. */
const keyLines = (yaml: string): string[] =>
  yaml
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'))

describe('actions-server README', () => {
  test.each(CONFIG_VARIABLES.map((v) => [v.name]))(
    'When reading the configuration table, then %s has a row',
    (name) => {
      expect(readme).toMatch(new RegExp(`^\\| \`${name}\` \\|`, 'm'))
    }
  )

  test.each(EVENT_NAMES.map((name) => [name]))(
    'When reading the event coverage table, then "%s" has a row',
    (name) => {
      expect(readme).toMatch(
        new RegExp(`^\\| (\`[a-z_]+\` / )?\`${name}\`( / \`[a-z_]+\`)?( \\(legacy\\))? \\|`, 'm')
      )
    }
  )

  test('When reading the "Rasa\'s side" snippet, then it matches rasa-project/endpoints.yml, with the ${…} values unquoted as Rasa needs', () => {
    const snippet =
      /Rasa's side \(`rasa-project\/endpoints\.yml`\):\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1]

    expect(keyLines(snippet ?? '')).toEqual([
      'action_endpoint:',
      'url: ${ACTION_ENDPOINT_URL}',
      'token: ${ACTIONS_TOKEN}'
    ])
    expect(keyLines(endpointsYml)).toEqual(expect.arrayContaining(keyLines(snippet ?? '')))
  })
})

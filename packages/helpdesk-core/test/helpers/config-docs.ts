/**
 * The checks that keep a service's configuration documented from its one table: every variable
 * has a README row whose default cell starts with the table's default, and is listed in the
 * repository's .env.example, a commented `# NAME=value` showing exactly the literal default.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Setting } from '../../src/config/settings'

const ENV_EXAMPLE = resolve(__dirname, '..', '..', '..', '..', '.env.example')

function envExampleLine(
  lines: readonly string[],
  name: string
): { commented: boolean; value: string } | undefined {
  for (const line of lines) {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line)
    if (match?.[2] === name) return { commented: match[1] !== undefined, value: match[3]!.trim() }
  }
  return undefined
}

/** The default cell of the `| \`NAME\` | default | meaning |` row, backticks removed. */
function readmeDefault(readme: string, name: string): string | undefined {
  const row = new RegExp(`^\\| \`${name}\` \\| ([^|]*) \\|`, 'm').exec(readme)
  return row?.[1]?.replace(/`/g, '').trim()
}

export function describeConfigDocs(
  service: string,
  table: readonly Setting[],
  readmeFile: string
): void {
  const readme = readFileSync(readmeFile, 'utf8')
  const envExample = readFileSync(ENV_EXAMPLE, 'utf8').split(/\r?\n/)
  const shownWithDefault = table
    .filter(
      (row) => row.parser.literalDefault && envExampleLine(envExample, row.name)?.commented === true
    )
    .map((row) => [row.name, row.parser.shownDefault, envExampleLine(envExample, row.name)!.value])
    .filter(([, , value]) => value !== '')

  describe(`${service}: the configuration table, its README table and .env.example`, () => {
    test.each(table.map((row) => [row.name, row.parser.shownDefault]))(
      'When reading the README, then %s has a row with the default %s',
      (name, shownDefault) => {
        expect(readmeDefault(readme, name)?.startsWith(shownDefault)).toBe(true)
      }
    )

    test.each(table.map((row) => [row.name]))(
      'When reading .env.example, then %s is listed',
      (name) => {
        expect(envExampleLine(envExample, name)).toBeDefined()
      }
    )

    test('When reading .env.example, then several variables show their literal default commented', () => {
      expect(shownWithDefault.length).toBeGreaterThanOrEqual(5)
    })

    test.each(shownWithDefault)(
      'When %s is shown commented, then the value is its default %s',
      (_name, shownDefault, value) => {
        expect(value).toBe(shownDefault)
      }
    )
  })
}

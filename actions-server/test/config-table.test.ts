/**
 * CONFIG_TABLE is the one place a variable's default is written: .env.example (repository root)
 * must list every variable, and a commented `# NAME=value` line of a variable with a literal
 * default must show exactly that default.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { CONFIG_TABLE } from '../src/config'

const envExample = readFileSync(resolve(__dirname, '..', '..', '.env.example'), 'utf8').split(/\r?\n/)

function exampleLine (name: string): { commented: boolean, value: string } | undefined {
  for (const line of envExample) {
    const match = /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line)
    if (match?.[2] === name) return { commented: match[1] !== undefined, value: match[3]!.trim() }
  }
  return undefined
}

describe('the configuration table and .env.example', () => {
  test.each(CONFIG_TABLE.map((row) => [row.name, row]))('When reading .env.example, then %s is listed', (name) => {
    expect(exampleLine(name)).toBeDefined()
  })

  const shownWithDefault = CONFIG_TABLE
    .filter((row) => row.parser.literalDefault && exampleLine(row.name)?.commented === true && exampleLine(row.name)?.value !== '')
    .map((row) => [row.name, row.parser.shownDefault, exampleLine(row.name)!.value])

  test('When reading .env.example, then most variables with a literal default show it commented', () => {
    expect(shownWithDefault.length).toBeGreaterThanOrEqual(10)
  })

  test.each(shownWithDefault)('When %s is shown commented, then the value is its default %s', (_name, shownDefault, value) => {
    expect(value).toBe(shownDefault)
  })
})

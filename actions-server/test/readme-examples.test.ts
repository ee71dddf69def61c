/**
 * The README's "Adding an action" examples are real files (examples/), compiled here by ts-jest
 * and run against the SDK, so the README cannot drift into names that do not exist.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Employee, EmployeeDirectory } from '@helpdesk/core'
import { fixedClock } from '@helpdesk/core/testing'
import { createActionStatusTteSingkat } from '../examples/action-status-tte-singkat'
import { createValidateNipSingkatForm } from '../examples/validate-nip-singkat-form'
import {
  ActionRejectedError,
  CollectingDispatcher,
  createActionRegistry,
  runAction,
  Tracker
} from '../src/sdk'
import { formValidationCall, midFormCall } from './helpers/rasa-payloads'

const readme = readFileSync(resolve(__dirname, '..', 'README.md'), 'utf8')
const example = (file: string): string =>
  readFileSync(resolve(__dirname, '..', 'examples', file), 'utf8')
/** The ```ts blocks of the README's "Adding an action" section, indentation removed. */
const section = /## Adding an action\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? ''
const snippets = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) =>
  m[1]!.replace(/^ {3}/gm, '')
)

const BUDI = { nip: '198503152010011001', status_tte: 'aktif' } as Employee
const directory: EmployeeDirectory = {
  kind: 'file',
  findByNip: async (nip) => (nip === BUDI.nip ? BUDI : undefined),
  findByNik: async () => undefined
}

describe('README "Adding an action"', () => {
  test('When reading the section, then its two examples are examples/*.ts verbatim', () => {
    expect(snippets).toEqual([
      example('action-status-tte-singkat.ts'),
      example('validate-nip-singkat-form.ts')
    ])
  })

  test('When the example action runs with a known NIP, then it utters the domain response with {status} and clears identitas', async () => {
    const registry = createActionRegistry([createActionStatusTteSingkat({ directory })])
    const result = await runAction(registry, {
      ...midFormCall('action_status_tte_singkat', BUDI.nip),
      next_action: 'action_status_tte_singkat'
    })
    expect(result.responses).toEqual([
      expect.objectContaining({ response: 'utter_status_tte', status: 'aktif' })
    ])
    expect(result.events).toEqual([
      expect.objectContaining({ event: 'slot', name: 'identitas', value: null })
    ])
  })

  test('When identitas is not set, then the example action is rejected (HTTP 400 for Rasa)', async () => {
    const action = createActionStatusTteSingkat({ directory })
    const tracker = Tracker.fromState({
      ...midFormCall('action_status_tte_singkat').tracker,
      slots: {}
    })
    await expect(action.run(new CollectingDispatcher(), tracker, {})).rejects.toBeInstanceOf(
      ActionRejectedError
    )
  })

  test('When the example validator gets a valid NIP or a short one, then it keeps the digits or says why in Indonesian', async () => {
    const registry = createActionRegistry([
      createValidateNipSingkatForm({ clock: fixedClock('2026-06-15T03:00:00Z') })
    ])
    const domain = { forms: { nip_singkat_form: { required_slots: ['identitas'] } } }
    const valid = await runAction(registry, {
      ...formValidationCall('nip_singkat_form', { identitas: '19850315 201001 1 001' }),
      next_action: 'validate_nip_singkat_form',
      domain
    })
    expect(valid.events).toEqual([
      expect.objectContaining({ event: 'slot', name: 'identitas', value: BUDI.nip })
    ])
    const short = await runAction(registry, {
      ...formValidationCall('nip_singkat_form', { identitas: '19850315201001100' }),
      next_action: 'validate_nip_singkat_form',
      domain
    })
    expect(short.events).toEqual([
      expect.objectContaining({ event: 'slot', name: 'identitas', value: null })
    ])
    expect(short.responses[0]?.text).toMatch(/^NIP harus 18 digit/)
  })
})

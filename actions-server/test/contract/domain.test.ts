/**
 * Contract: rasa-project/domain.yml ⇄ the action registry. Every custom action the domain lists
 * (not utter_*, not a Rasa default action) must be registered, and every registered action must be
 * listed (Rasa never calls an action — or a validate_<form> — that the domain does not list).
 * The domain file is required: a missing domain fails this test.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { load } from 'js-yaml'
import pino from 'pino'
import { composeActionServer } from '../../src/composition'
import { loadConfig } from '../../src/config'
import { createActionRegistry } from '../../src/sdk'

const DOMAIN_FILE = resolve(__dirname, '..', '..', '..', 'rasa-project', 'domain.yml')

/** Rasa 3.6 built-in actions (rasa/core/actions/action.py default_actions): never ours to register. */
const RASA_DEFAULT_ACTIONS = new Set([
  'action_listen',
  'action_restart',
  'action_session_start',
  'action_default_fallback',
  'action_deactivate_loop',
  'action_revert_fallback_events',
  'action_default_ask_affirmation',
  'action_default_ask_rephrase',
  'action_two_stage_fallback',
  'action_unlikely_intent',
  'action_back',
  'action_extract_slots'
])

function customActionsOf(domain: { actions?: unknown }): string[] {
  const entries = Array.isArray(domain.actions) ? (domain.actions as unknown[]) : []
  return entries
    .map((entry) =>
      typeof entry === 'string' ? entry : (Object.keys(entry as Record<string, unknown>)[0] ?? '')
    )
    .filter((name) => !name.startsWith('utter_') && !RASA_DEFAULT_ACTIONS.has(name))
}

async function registeredNames(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'contract-'))
  const logger = pino({ level: 'silent' })
  const graph = await composeActionServer(
    loadConfig({ DATABASE_FILE: join(dir, 'helpdesk.sqlite'), LOG_LEVEL: 'silent' }),
    logger
  )
  try {
    return createActionRegistry(graph.actions).names()
  } finally {
    await graph.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('domain.yml ⇄ action registry', () => {
  test('When the repository is checked out, then rasa-project/domain.yml exists', () => {
    expect(existsSync(DOMAIN_FILE)).toBe(true)
  })

  test("When comparing names, then the domain's custom actions and the registered actions are the same set", async () => {
    const domain = load(readFileSync(DOMAIN_FILE, 'utf8')) as { actions?: unknown }
    const inDomain = customActionsOf(domain).sort()
    const registered = (await registeredNames()).sort()

    expect(inDomain.length).toBeGreaterThan(0)
    expect({
      missingFromRegistry: inDomain.filter((n) => !registered.includes(n)),
      missingFromDomain: registered.filter((n) => !inDomain.includes(n))
    }).toEqual({ missingFromRegistry: [], missingFromDomain: [] })
  })
})

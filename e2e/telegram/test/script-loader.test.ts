import { join } from 'node:path'
import { loadScripts, parseScript, ScriptError } from '../src/script-loader'

const scriptsDir = join(__dirname, '..', 'scripts')

function problemOf(yaml: string): string {
  try {
    parseScript('broken.yaml', yaml)
  } catch (error) {
    if (error instanceof ScriptError) return error.message
    throw error
  }
  throw new Error('the script was accepted')
}

describe('conversation scripts', () => {
  test('every shipped script is valid and there are at least 20', () => {
    const scripts = loadScripts(scriptsDir)
    expect(scripts.length).toBeGreaterThanOrEqual(20)
    for (const script of scripts)
      expect(script.chats.every((chat) => chat.steps.length > 0)).toBe(true)
  })

  test('a script that stops or starts Rasa runs alone', () => {
    const script = parseScript(
      'x.yaml',
      'title: restart\nsteps:\n  - send: halo\n  - rasa: stop\n  - rasa: start\n'
    )
    expect(script.exclusive).toBe(true)
    expect(parseScript('y.yaml', 'title: plain\nsteps:\n  - send: halo\n').exclusive).toBe(false)
  })

  test('a script that restarts the gateway runs alone, and its restart step cannot expect anything', () => {
    const script = parseScript(
      'x.yaml',
      'title: deploy\nsteps:\n  - send: halo\n  - gateway: restart\n  - press: Ya\n'
    )
    expect(script.exclusive).toBe(true)
    expect(
      problemOf(
        'title: deploy\nsteps:\n  - send: halo\n  - gateway: restart\n    expect:\n      says: hai\n'
      )
    ).toContain('step 2: a "gateway" step cannot have "expect"')
  })

  test('a misspelt key names the step and the key', () => {
    const message = problemOf('title: typo\nsteps:\n  - send: halo\n    expect:\n      sayz: hai\n')
    expect(message).toBe('broken.yaml: 1 problem(s)\n  - step 1 → expect: unknown key "sayz"')
  })

  test('an unquoted NIP is explained', () => {
    const message = problemOf('title: nip\nsteps:\n  - send: 198503152010011001\n')
    expect(message).toContain('step 1 → send: must be string — put numbers in quotes')
  })

  test('a step with two actions, or none, is refused', () => {
    expect(problemOf('title: two\nsteps:\n  - send: halo\n    press: Ya\n')).toContain(
      'step 1: a step needs exactly one action of send, press, rasa, gateway, whatsapp_api (found send and press)'
    )
    expect(problemOf('title: none\nsteps:\n  - note: hmm\n')).toContain('(found none)')
  })

  test('pressing a button as the very first step is refused', () => {
    expect(problemOf('title: press\nsteps:\n  - press: Ya\n')).toContain(
      'step 1: cannot press a button before the bot has sent one'
    )
  })

  test('a chat name in a multi-chat script is part of the location', () => {
    const message = problemOf(
      'title: chats\nchats:\n  ana:\n    steps:\n      - send: hi\n  budi:\n    steps:\n      - send: hi\n        expect: { buttons: [] }\n'
    )
    expect(message).toContain(
      'chat "budi" → step 1 → expect → buttons: must be a text or a non-empty list of texts'
    )
  })
})

import { readFileSync, readdirSync } from 'node:fs'
import { basename, join } from 'node:path'
import { TELEGRAM_E2E_ROOT } from './paths'
import Ajv, { type ErrorObject } from 'ajv'
import { load } from 'js-yaml'
import type { LoadedScript, ScriptFile } from './script-types'

export const SCHEMA_FILE = join(TELEGRAM_E2E_ROOT, 'schema', 'script.schema.json')

/** Thrown when a script file is not valid; the message names the file and every problem. */
export class ScriptError extends Error {}

/** "/chats/ana/steps/2/expect/says" → 'chat "ana" step 3 → expect.says' (steps counted from 1). */
function where(path: string): string {
  if (path === '') return '(top level)'
  const out: string[] = []
  const parts = path.split('/').slice(1)
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    const next = parts[i + 1]
    if (part === 'steps' && next !== undefined && /^\d+$/.test(next)) {
      out.push(`step ${Number(next) + 1}`)
      i++
    } else if (part === 'chats' && next !== undefined) {
      out.push(`chat "${next}"`)
      i++
    } else if (/^\d+$/.test(part)) {
      out[out.length - 1] += `[${Number(part) + 1}]`
    } else {
      out.push(part)
    }
  }
  return out.join(' → ')
}

const STEP_ACTIONS = ['send', 'press', 'rasa', 'gateway', 'whatsapp_api']

function describe(error: ErrorObject): string | undefined {
  const at = where(error.instancePath)
  const choice = error.schemaPath.startsWith('#/oneOf')
  if (choice && error.instancePath === '') {
    return error.keyword === 'oneOf'
      ? `${at}: a script has either "steps" (one chat) or "chats" (several chats at once), exactly one of them`
      : undefined
  }
  if (choice && /\/steps\/\d+$/.test(error.instancePath)) {
    if (error.keyword !== 'oneOf') return undefined
    const present = STEP_ACTIONS.filter(
      (key) => typeof error.data === 'object' && error.data !== null && key in error.data
    )
    return (
      `${at}: a step needs exactly one action of ${STEP_ACTIONS.join(', ')}` +
      (present.length > 0 ? ` (found ${present.join(' and ')})` : ' (found none)')
    )
  }
  if (error.schemaPath.includes('/textList/')) {
    return error.keyword === 'oneOf'
      ? `${at}: must be a text or a non-empty list of texts` + quoteHint(error.data)
      : undefined
  }
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at}: unknown key "${String(error.params.additionalProperty)}"`
    case 'required':
      return `${at}: missing key "${String(error.params.missingProperty)}"`
    case 'enum':
      return `${at}: must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
    case 'type':
      return `${at}: ${error.message ?? 'wrong type'}` + quoteHint(error.data)
    default:
      return `${at}: ${error.message ?? error.keyword}`
  }
}

function quoteHint(data: unknown): string {
  const numbers = (Array.isArray(data) ? data : [data]).filter((v) => typeof v === 'number')
  return numbers.length > 0
    ? ' — put numbers in quotes, e.g. "198503152010011001" (YAML reads bare digits as a number)'
    : ''
}

let validator: ReturnType<Ajv['compile']> | undefined

function validate(data: unknown): ErrorObject[] {
  if (validator === undefined) {
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      strictRequired: false,
      allowUnionTypes: true
    })
    validator = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object)
  }
  return validator(data) ? [] : [...(validator.errors ?? [])]
}

/** Parses and validates one script; throws ScriptError with readable messages. */
export function parseScript(file: string, text: string): LoadedScript {
  let data: unknown
  try {
    data = load(text, { filename: file })
  } catch (error) {
    throw new ScriptError(`${file}: not valid YAML: ${(error as Error).message}`)
  }
  const errors = validate(data)
  if (errors.length > 0) {
    const lines = [...new Set(errors.map(describe).filter((line) => line !== undefined))]
    throw new ScriptError(`${file}: ${lines.length} problem(s)\n  - ${lines.join('\n  - ')}`)
  }
  const script = data as ScriptFile
  const chats =
    script.chats !== undefined
      ? Object.entries(script.chats).map(([name, chat]) => ({
          name,
          user: chat.user ?? {},
          steps: chat.steps
        }))
      : [{ name: 'user', user: script.user ?? {}, steps: script.steps ?? [] }]
  for (const chat of chats) {
    chat.steps.forEach((step, index) => {
      for (const control of ['rasa', 'gateway'] as const) {
        if (step[control] !== undefined && step.expect !== undefined) {
          throw new ScriptError(
            `${file}: chat "${chat.name}" step ${index + 1}: a "${control}" step cannot have "expect"`
          )
        }
      }
      if (index === 0 && step.press !== undefined) {
        throw new ScriptError(
          `${file}: chat "${chat.name}" step 1: cannot press a button before the bot has sent one`
        )
      }
    })
  }
  const controlsStack = chats.some((chat) =>
    chat.steps.some(
      (step) =>
        step.rasa !== undefined || step.gateway !== undefined || step.whatsapp_api !== undefined
    )
  )
  return {
    file,
    name: basename(file).replace(/\.ya?ml$/, ''),
    title: script.title,
    exclusive: script.exclusive === true || controlsStack,
    chats
  }
}

/** Loads every *.yaml / *.yml in a folder, sorted by name; collects all errors before throwing. */
export function loadScripts(folder: string): LoadedScript[] {
  const files = readdirSync(folder)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
  const problems: string[] = []
  const scripts: LoadedScript[] = []
  for (const name of files) {
    const path = join(folder, name)
    try {
      scripts.push(parseScript(path, readFileSync(path, 'utf8')))
    } catch (error) {
      if (!(error instanceof ScriptError)) throw error
      problems.push(error.message)
    }
  }
  if (problems.length > 0) throw new ScriptError(problems.join('\n'))
  return scripts
}

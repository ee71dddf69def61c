import { maskPersonalData } from '@helpdesk/core'
import yaml from 'js-yaml'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'

/**
 * The NLU review file: messages the bot misunderstood, with the intent a reviewer chose, in Rasa's
 * NLU YAML (`nlu:` → `intent:` → `examples:` as `{text, metadata}` items). A developer reads it,
 * moves the good lines into rasa-project/data and trains; nothing here trains the bot. Each text is
 * masked (NIP, NIK, phone, e-mail) before it is written; metadata says who added it, when, from
 * which conversation (the console's opaque id).
 */
export interface NluReviewExample {
  intent: string
  /** The message as the user typed it; masked here, before anything is written. */
  text: string
  addedBy: string
  addedAt: string
  conversation: number
}

interface ExampleItem {
  text: string
  metadata?: Record<string, unknown>
}
interface IntentBlock {
  intent: string
  examples: ExampleItem[] | string
}
interface NluFile {
  version?: string
  nlu?: IntentBlock[]
}

const HEADER = `# Conversation review (staff console, /tinjauan): messages the bot did not understand, with
# the intent a reviewer chose. Texts are masked (NIP/NIK/phone/e-mail). Never trained as is:
# check each example, move it into rasa-project/data/nlu.yml (see rasa-project/README.md),
# then train. The console rewrites this file; comments other than this header are not kept.
`

/**
 * One line of text, and Rasa's entity annotation (`[text](entity)`, `[text]{...}`, `[text][...]`)
 * broken with a space so a user's brackets are read as the text they were, not as an entity.
 */
const plainText = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\](?=[({[])/g, '] ')
    .trim()

let queue: Promise<unknown> = Promise.resolve()

/**
 * Appends one example (masked) to the review file, creating it (and its folder) when missing.
 * Writes go one at a time within the console and replace the file atomically (temp + rename).
 * Returns the masked text as written.
 */
export function appendNluReviewExample(file: string, example: NluReviewExample): Promise<string> {
  const run = queue.then(async () => {
    const masked = plainText(maskPersonalData(example.text))
    if (masked === '') throw new Error('empty message')
    let current: NluFile = {}
    try {
      current = (yaml.load(await readFile(file, 'utf8')) as NluFile | null) ?? {}
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    }
    // Never rewrite a file we do not understand: its content would be lost.
    if (typeof current !== 'object' || Array.isArray(current) || !Array.isArray(current.nlu ?? []))
      throw new Error(`${file} is not a Rasa NLU file`)
    const blocks = current.nlu ?? []
    let block = blocks.find((b) => b.intent === example.intent)
    if (block === undefined) {
      block = { intent: example.intent, examples: [] }
      blocks.push(block)
    }
    const items: ExampleItem[] =
      typeof block.examples === 'string'
        ? block.examples
            .split('\n')
            .map((line) => line.replace(/^\s*-\s*/, '').trim())
            .filter((line) => line !== '')
            .map((text) => ({ text }))
        : Array.isArray(block.examples)
          ? block.examples
          : (() => {
              throw new Error(`${file}: examples of ${example.intent} are neither text nor a list`)
            })()
    if (!items.some((item) => item.text === masked))
      items.push({
        text: masked,
        metadata: {
          added_by: example.addedBy,
          added_at: example.addedAt,
          conversation: example.conversation
        }
      })
    block.examples = items
    const out =
      HEADER + yaml.dump({ version: '3.1', nlu: blocks }, { lineWidth: -1, quotingType: '"' })
    await mkdir(dirname(file), { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    await writeFile(temp, out, 'utf8')
    await rename(temp, file)
    return masked
  })
  queue = run.catch(() => undefined)
  return run
}

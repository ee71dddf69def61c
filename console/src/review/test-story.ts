import { formatWibDateTime, maskPersonalData } from '@helpdesk/core'
import yaml from 'js-yaml'
import { rasaTimeToIso, type RasaEvent } from '../transcript/rasa-events'

type Step =
  | { user?: string; intent: string }
  | { action: string }
  | { active_loop: string | null }
  | { slot_was_set: Array<Record<string, unknown>> }

/** Actions Rasa runs on its own: a test story leaves them out. */
const IMPLICIT_ACTIONS = new Set(['action_listen', 'action_session_start'])

const plainText = (text: string): string =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\](?=[({[])/g, '] ')
    .trim()

function slotValue(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalData(value)
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value
  return undefined
}

export interface TestStoryOptions {
  /** The console's id of the conversation, in the story's name. */
  conversation: number
  /** Intents a reviewer corrected, by the user message's position in the session (0-based). */
  corrections?: ReadonlyMap<number, string>
}

/**
 * A conversation as a Rasa test story (YAML for rasa-project/tests): each user message with the
 * intent Rasa predicted (or the reviewer's correction) and its masked text, then the actions,
 * form activations and slot changes that followed. While a person had taken over (pause to
 * resume) Rasa predicted nothing, so that stretch is left out; bot texts are not part of a story.
 */
export function conversationToTestStory(
  events: readonly RasaEvent[],
  options: TestStoryOptions
): string {
  const steps: Step[] = []
  let paused = false
  let userIndex = 0
  const first = events[0]
  for (const event of events) {
    switch (event.event) {
      case 'pause':
        paused = true
        break
      case 'resume':
        paused = false
        break
      case 'user': {
        const index = userIndex++
        if (paused) break
        const intent = options.corrections?.get(index) ?? event.intent?.name
        if (intent === undefined) break
        const text = plainText(maskPersonalData(event.text ?? ''))
        // A button payload ("/beri_nilai{...}") is an intent, not words to test NLU on.
        steps.push(text === '' || text.startsWith('/') ? { intent } : { user: text, intent })
        break
      }
      case 'action':
        if (!paused && !IMPLICIT_ACTIONS.has(event.name) && event.name !== '')
          steps.push({ action: event.name })
        break
      case 'slot': {
        const value = slotValue(event.value)
        if (paused || value === undefined || event.name === '') break
        // Consecutive slot changes (an action resetting several slots) form one step, as Rasa writes them.
        const last = steps[steps.length - 1]
        if (last !== undefined && 'slot_was_set' in last)
          last.slot_was_set.push({ [event.name]: value })
        else steps.push({ slot_was_set: [{ [event.name]: value }] })
        break
      }
      case 'other':
        if (!paused && event.type === 'active_loop') steps.push({ active_loop: event.name ?? null })
        break
      default:
        break
    }
  }
  const started =
    first === undefined ? '' : `, ${formatWibDateTime(rasaTimeToIso(first.timestamp))}`
  const header = `# Exported from the staff console (conversation ${options.conversation}). Texts are masked.
# Check it, then put it under rasa-project/tests/ and run \`rasa test\`.
`
  return (
    header +
    yaml.dump(
      {
        version: '3.1',
        stories: [{ story: `tinjauan percakapan ${options.conversation}${started}`, steps }]
      },
      { lineWidth: -1, quotingType: '"' }
    )
  )
}

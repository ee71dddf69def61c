/** The gateway's own commands; everything else is conversation for Rasa. */
export type Command = { name: 'start'; payload: string } | { name: 'help' } | { name: 'reset' }

export type ParsedCommand = Command | { name: 'other-bot' } | undefined

const COMMAND = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/

/**
 * `/start <deep-link payload>`, `/help`, `/reset` (and `/restart`, Rasa's spelling), also in the
 * `/cmd@thisbot` form used in groups. `/cmd@otherbot` belongs to another bot and is ignored.
 */
export function parseCommand(text: string, botUsername: string | undefined): ParsedCommand {
  const match = COMMAND.exec(text.trim())
  if (match === null) return undefined
  const [, name, mention, rest] = match
  if (
    mention !== undefined &&
    botUsername !== undefined &&
    mention.toLowerCase() !== botUsername.toLowerCase()
  ) {
    return { name: 'other-bot' }
  }
  switch (name?.toLowerCase()) {
    // Deep-link payloads are at most 64 characters of [A-Za-z0-9_-]; anything else is not one.
    case 'start':
      return { name: 'start', payload: (rest ?? '').trim().slice(0, 64) }
    case 'help':
      return { name: 'help' }
    case 'reset':
    case 'restart':
      return { name: 'reset' }
    default:
      return undefined
  }
}

import type { TrackerEvent } from './scale-stack'

/** What the tracker store holds for one user message: the message and everything done for it. */
export interface StoredTurn {
  userText: string
  /** Texts of the `bot` events, in order (what the user was sent). */
  botTexts: string[]
  /** Names of the `action` events, in order; a complete turn ends with action_listen. */
  actions: string[]
}

/**
 * Splits a tracker's events at every `user` event. Rasa processes one message of a conversation
 * at a time (the lock store), so each part must be exactly one message's handling: its bot
 * utterances, and one action_listen as its last action. Two messages handled at once by two
 * processes show up as a part without action_listen, a repeated part or a lost message.
 */
export function storedTurns(events: readonly TrackerEvent[]): StoredTurn[] {
  const turns: StoredTurn[] = []
  for (const event of events) {
    if (event.event === 'user') {
      turns.push({ userText: event.text ?? '', botTexts: [], actions: [] })
      continue
    }
    const current = turns[turns.length - 1]
    if (current === undefined) continue // the session start before the first message
    if (event.event === 'bot' && typeof event.text === 'string' && event.text !== '')
      current.botTexts.push(event.text)
    if (event.event === 'action' && typeof event.name === 'string') current.actions.push(event.name)
  }
  return turns
}

/** Whether a stored turn was handled to its end once: one action_listen, as the last action. */
export function isCompleteTurn(turn: StoredTurn): boolean {
  const listens = turn.actions.filter((name) => name === 'action_listen').length
  return listens === 1 && turn.actions[turn.actions.length - 1] === 'action_listen'
}

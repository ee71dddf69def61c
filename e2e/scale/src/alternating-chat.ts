import { type BotMessage, Reply } from '../../rest/src/rest-chat'

/** One user message, the Rasa process it went to and what that process answered. */
export interface Turn {
  text: string
  rasa: number
  reply: Reply
  /** When the answer arrived (ms since the epoch). */
  answeredAt: number
}

/** POSTs one message to one Rasa process's REST channel; fails on anything but a non-empty answer. */
export async function sendTo(rasaUrl: string, sender: string, text: string): Promise<Reply> {
  const res = await fetch(`${rasaUrl}/webhooks/rest/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sender, message: text }),
    // two Rasa processes and two action servers share two cores: a turn can take a while
    signal: AbortSignal.timeout(90_000)
  })
  if (res.status !== 200) throw new Error(`Rasa answered ${res.status} to ${JSON.stringify(text)}`)
  const messages = (await res.json()) as BotMessage[]
  if (messages.length === 0)
    throw new Error(`Rasa sent no reply to ${JSON.stringify(text)} (action server error?)`)
  return new Reply(messages)
}

/**
 * One user whose messages go to the Rasa processes in turn: message 1 to `first`, message 2 to
 * the next process, and so on, like a load balancer without sticky sessions.
 */
export class AlternatingChat {
  readonly turns: Turn[] = []
  private next: number

  constructor(
    private readonly rasaUrls: readonly string[],
    readonly sender: string,
    first = 0
  ) {
    this.next = first
  }

  async say(text: string): Promise<Reply> {
    const rasa = this.next
    this.next = (this.next + 1) % this.rasaUrls.length
    const reply = await sendTo(this.rasaUrls[rasa]!, this.sender, text)
    this.turns.push({ text, rasa, reply, answeredAt: Date.now() })
    return reply
  }
}

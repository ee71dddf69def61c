export interface Button {
  title: string
  payload?: string
  url?: string
}
export interface BotMessage {
  recipient_id: string
  text?: string
  buttons?: Button[]
  custom?: unknown
  image?: string
}

/** What the bot answered to one user message (Rasa REST channel reply list). */
export class Reply {
  constructor(readonly messages: BotMessage[]) {}

  get text(): string {
    return this.messages
      .map((m) => m.text ?? '')
      .filter((t) => t !== '')
      .join('\n')
  }

  get buttons(): Button[] {
    return this.messages.flatMap((m) => m.buttons ?? [])
  }

  payloads(): string[] {
    return this.buttons.map((b) => b.payload ?? '').filter((p) => p !== '')
  }

  urls(): string[] {
    return this.buttons
      .flatMap((b) => [b.url, b.payload])
      .filter((u): u is string => u !== undefined && /^https?:\/\//.test(u))
  }
}

let counter = 0

/**
 * One conversation over `POST /webhooks/rest/webhook`, with a fresh sender id. Every reply is
 * also appended to `allReplies`, so the suite can check that no secret ever reached a chat.
 */
export class RestChat {
  readonly sender: string

  constructor(
    private readonly rasaUrl: string,
    private readonly allReplies: BotMessage[],
    name: string
  ) {
    counter += 1
    this.sender = `rest-e2e-${name}-${process.pid}-${counter}-${Date.now()}`
  }

  async say(message: string, metadata?: Record<string, unknown>): Promise<Reply> {
    const res = await fetch(`${this.rasaUrl}/webhooks/rest/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sender: this.sender,
        message,
        ...(metadata === undefined ? {} : { metadata })
      }),
      signal: AbortSignal.timeout(45000)
    })
    if (res.status !== 200)
      throw new Error(`Rasa answered ${res.status} to ${JSON.stringify(message)}`)
    const messages = (await res.json()) as BotMessage[]
    this.allReplies.push(...messages)
    if (messages.length === 0)
      throw new Error(`Rasa sent no reply to ${JSON.stringify(message)} (action server error?)`)
    return new Reply(messages)
  }
}

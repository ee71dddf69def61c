/**
 * Outcome of handing messages to the gateway for delivery to the user's chat. `blocked` means
 * Telegram refused the chat for good (403: the user blocked the bot, or left the chat).
 */
export type DeliveryResult =
  { delivered: true } | { delivered: false; reason: string; blocked?: boolean }

/** A bot message in Rasa's format, as the gateway's `POST /rasa/callback` takes it. */
export interface BotMessage {
  recipient_id: string
  text: string
  /** Inline buttons; the gateway issues its own ids for them, so a press reaches Rasa as `payload`. */
  buttons?: Array<{ title: string; payload: string }>
}

/** One message for the user without its recipient (the takeover's messages). */
export type UserMessage = Omit<BotMessage, 'recipient_id'>

export interface UserNotifier {
  /** Hands one text to the gateway (queued there; answered as soon as the gateway accepted it). */
  deliver(senderId: string, text: string): Promise<DeliveryResult>
  /** One whole bot message (text and buttons), e.g. the satisfaction survey. */
  send(message: BotMessage): Promise<DeliveryResult>
  /**
   * Sends messages in order and waits until Telegram (or the terminal chat) took them or refused
   * them (`?wait=true`, gateway/README.md): the answer says delivered, failed or blocked.
   */
  sendAndWait(senderId: string, messages: UserMessage[]): Promise<DeliveryResult>
}

/** Chats the gateway can reach: Telegram chat ids and the terminal chat of `npm start`. */
export const REACHABLE_SENDER = /^(-?\d+|terminal-[0-9a-f]{8})$/

/** The gateway's per-message result with `?wait=true`. */
interface WaitedResult {
  delivered?: unknown
  error?: unknown
}

/**
 * Sends messages for the user through the gateway's `POST /rasa/callback?token=…` (the same body
 * Rasa's callback channel sends: `recipient_id` = Telegram chat id, `text`, optional `buttons`).
 * Without GATEWAY_CALLBACK_TOKEN nothing is sent and the note stays on the ticket only.
 */
export function createGatewayNotifier(options: {
  url: string
  token: string | undefined
  timeoutMs?: number
  /** Budget of a waited delivery (pacing and Telegram's flood-control waits included). */
  waitTimeoutMs?: number
}): UserNotifier {
  async function post(messages: BotMessage[], wait: boolean): Promise<DeliveryResult> {
    if (options.token === undefined)
      return {
        delivered: false,
        reason: 'pengiriman ke Telegram belum diatur (GATEWAY_CALLBACK_TOKEN)'
      }
    if (!messages.every((m) => REACHABLE_SENDER.test(m.recipient_id)))
      return { delivered: false, reason: 'pengguna tidak memakai Telegram' }
    let res: Response
    try {
      res = await fetch(
        `${options.url}/rasa/callback?token=${encodeURIComponent(options.token)}${wait ? '&wait=true' : ''}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(messages),
          signal: AbortSignal.timeout(
            wait ? (options.waitTimeoutMs ?? 30_000) : (options.timeoutMs ?? 5000)
          )
        }
      )
    } catch {
      return { delivered: false, reason: 'gateway tidak dapat dihubungi' }
    }
    if (!res.ok) return { delivered: false, reason: `gateway menjawab HTTP ${res.status}` }
    if (!wait) return { delivered: true }
    let results: WaitedResult[] = []
    try {
      const body = (await res.json()) as { results?: unknown }
      if (Array.isArray(body.results)) results = body.results as WaitedResult[]
    } catch {
      return { delivered: false, reason: 'jawaban gateway tidak terbaca' }
    }
    const failed = results.find((r) => r.delivered !== true)
    if (results.length === 0 || failed === undefined) return { delivered: true }
    if (failed.error === 'blocked')
      return {
        delivered: false,
        blocked: true,
        reason: 'pengguna memblokir bot atau meninggalkan obrolan (Telegram 403)'
      }
    return { delivered: false, reason: 'Telegram menolak pesan; coba kirim ulang' }
  }

  return {
    deliver: (senderId, text) => post([{ recipient_id: senderId, text }], false),
    send: (message) => post([message], false),
    sendAndWait: (senderId, messages) =>
      post(
        messages.map((m) => ({ recipient_id: senderId, ...m })),
        true
      )
  }
}

/** Outcome of handing a staff note to the gateway for delivery to the user's Telegram chat. */
export type DeliveryResult = { delivered: true } | { delivered: false; reason: string }

/** A bot message in Rasa's format, as the gateway's `POST /rasa/callback` takes it. */
export interface BotMessage {
  recipient_id: string
  text: string
  /** Inline buttons; the gateway issues its own ids for them, so a press reaches Rasa as `payload`. */
  buttons?: Array<{ title: string; payload: string }>
}

export interface UserNotifier {
  deliver(senderId: string, text: string): Promise<DeliveryResult>
  /** One whole bot message (text and buttons), e.g. the satisfaction survey. */
  send(message: BotMessage): Promise<DeliveryResult>
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
}): UserNotifier {
  async function send(message: BotMessage): Promise<DeliveryResult> {
    if (options.token === undefined)
      return {
        delivered: false,
        reason: 'pengiriman ke Telegram belum diatur (GATEWAY_CALLBACK_TOKEN)'
      }
    if (!/^-?\d+$/.test(message.recipient_id))
      return { delivered: false, reason: 'pengguna tidak memakai Telegram' }
    try {
      const res = await fetch(
        `${options.url}/rasa/callback?token=${encodeURIComponent(options.token)}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify([message]),
          signal: AbortSignal.timeout(options.timeoutMs ?? 5000)
        }
      )
      return res.ok
        ? { delivered: true }
        : { delivered: false, reason: `gateway menjawab HTTP ${res.status}` }
    } catch {
      return { delivered: false, reason: 'gateway tidak dapat dihubungi' }
    }
  }
  return {
    deliver: (senderId, text) => send({ recipient_id: senderId, text }),
    send
  }
}

/** Outcome of handing a staff note to the gateway for delivery to the user's Telegram chat. */
export type DeliveryResult = { delivered: true } | { delivered: false; reason: string }

export interface UserNotifier {
  deliver(senderId: string, text: string): Promise<DeliveryResult>
}

/**
 * Sends a note for the user through the gateway's `POST /rasa/callback?token=…` (the same body
 * Rasa's callback channel sends: `recipient_id` = Telegram chat id, `text`). Without
 * GATEWAY_CALLBACK_TOKEN nothing is sent and the note stays on the ticket only.
 */
export function createGatewayNotifier(options: {
  url: string
  token: string | undefined
  timeoutMs?: number
}): UserNotifier {
  return {
    async deliver(senderId, text) {
      if (options.token === undefined)
        return {
          delivered: false,
          reason: 'pengiriman ke Telegram belum diatur (GATEWAY_CALLBACK_TOKEN)'
        }
      if (!/^-?\d+$/.test(senderId))
        return { delivered: false, reason: 'pengguna tidak memakai Telegram' }
      try {
        const res = await fetch(
          `${options.url}/rasa/callback?token=${encodeURIComponent(options.token)}`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify([{ recipient_id: senderId, text }]),
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
  }
}

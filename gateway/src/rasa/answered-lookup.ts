import { createTrackerRead } from './tracker-read'
import { isObject, parseBotMessages, type BotMessage } from './types'

/**
 * Rasa's answer to one Telegram update, read back from the conversation's tracker
 * (`GET /conversations/{id}/tracker`, needs `rasa run --enable-api`, with RASA_AUTH_TOKEN when
 * Rasa requires one). A gateway that crashed after Rasa had handled a message but before the
 * reply reached Telegram leaves that update unconfirmed; the next process must not send it to
 * Rasa again (a second "ya" would answer the next question), it delivers the stored answer.
 *
 * Resolves undefined when Rasa never logged that update (metadata.telegram.update_id), the bot
 * messages that followed it otherwise (possibly none); rejects when the tracker cannot be read.
 */
export function createAnsweredLookup(options: {
  baseUrl: string
  token?: string
  timeoutMs: number
}): (sender: string, updateId: number) => Promise<BotMessage[] | undefined> {
  const readTracker = createTrackerRead(options)
  return async (sender, updateId) => {
    const body = (await readTracker(sender, 'AFTER_RESTART')) as { events?: unknown } | null
    const events = isObject(body) && Array.isArray(body.events) ? body.events.filter(isObject) : []
    let at = -1
    events.forEach((e, index) => {
      const meta = e.metadata
      if (e.event === 'user' && isObject(meta) && isObject(meta.telegram))
        if (meta.telegram.update_id === updateId) at = index
    })
    if (at < 0) return undefined
    const answer: Record<string, unknown>[] = []
    for (const e of events.slice(at + 1)) {
      if (e.event === 'user') break
      if (e.event !== 'bot') continue
      const data = isObject(e.data) ? e.data : {}
      answer.push({
        text: e.text,
        buttons: data.buttons ?? undefined,
        image: data.image ?? undefined,
        attachment: data.attachment ?? undefined,
        custom: data.custom ?? undefined
      })
    }
    return parseBotMessages(answer) ?? []
  }
}

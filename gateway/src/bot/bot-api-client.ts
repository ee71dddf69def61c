import { TelegramError } from 'telegraf'
import { requestJson } from '../outbound/json-http'

/**
 * The Bot API calls every user message costs (getUpdates, sendChatAction, sendMessage, …) over
 * the gateway's node:http client instead of telegraf's node-fetch one, which was the largest
 * library in the gateway's CPU profile (docs/BENCHMARKS.md, issue 18). Only JSON calls: the
 * gateway never uploads files (photos and documents go by URL or file_id). Telegram's refusals
 * become telegraf's own `TelegramError` (code, description, parameters.retry_after), so the
 * sender's 429 handling and the error logging read them as before; telegraf still does
 * everything else (getMe, webhooks, update routing).
 */
export type BotApiCall = (
  method: string,
  params: Record<string, unknown>,
  signal?: AbortSignal
) => Promise<unknown>

/** A call that is not a long poll gives up after this long (telegraf allowed 500 s). */
const CALL_TIMEOUT_MS = 60_000
/** A long poll may take its `timeout` seconds; this much more is allowed for the answer. */
const LONG_POLL_MARGIN_MS = 15_000

interface BotApiAnswer {
  ok?: unknown
  result?: unknown
  error_code?: unknown
  description?: unknown
  parameters?: { retry_after?: number; migrate_to_chat_id?: number }
}

export function createBotApiCall(apiRoot: string, token: string): BotApiCall {
  // Resolved like telegraf does, so TELEGRAM_API_ROOT means the same to both.
  const base = new URL(`./bot${token}/`, apiRoot).href
  return async (method, params, signal) => {
    const pollSeconds = method === 'getUpdates' ? Number(params.timeout ?? 0) : 0
    const res = await requestJson({
      method: 'POST',
      url: base + method,
      body: params,
      timeoutMs: pollSeconds > 0 ? pollSeconds * 1000 + LONG_POLL_MARGIN_MS : CALL_TIMEOUT_MS,
      ...(signal === undefined ? {} : { signal })
    })
    const answer = (
      typeof res.data === 'object' && res.data !== null ? res.data : {}
    ) as BotApiAnswer
    if (answer.ok === true && res.status < 500) return answer.result
    throw new TelegramError(
      {
        error_code: typeof answer.error_code === 'number' ? answer.error_code : res.status,
        description:
          typeof answer.description === 'string' ? answer.description : `HTTP ${res.status}`,
        ...(answer.parameters === undefined ? {} : { parameters: answer.parameters })
      },
      { method }
    )
  }
}

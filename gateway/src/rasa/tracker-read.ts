import { requestJson } from '../outbound/json-http'

export interface TrackerReadOptions {
  baseUrl: string
  /** Rasa's RASA_AUTH_TOKEN, when Rasa requires one. */
  token?: string
  timeoutMs: number
}

/**
 * Reads one conversation's tracker through Rasa's HTTP API (`GET /conversations/{id}/tracker`,
 * needs `rasa run --enable-api`): the body, or an error when Rasa answers anything but 200.
 */
export function createTrackerRead(
  options: TrackerReadOptions
): (sender: string, includeEvents: 'NONE' | 'AFTER_RESTART') => Promise<unknown> {
  const base = options.baseUrl.replace(/\/+$/, '')
  return async (sender, includeEvents) => {
    const res = await requestJson({
      method: 'GET',
      url: `${base}/conversations/${encodeURIComponent(sender)}/tracker`,
      query: {
        include_events: includeEvents,
        ...(options.token === undefined ? {} : { token: options.token })
      },
      timeoutMs: options.timeoutMs
    })
    if (res.status !== 200) throw new Error(`Rasa answered HTTP ${res.status} to a tracker read`)
    return res.data
  }
}

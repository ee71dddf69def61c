import type { StaffAudit } from '../data/staff-audit'
import type { SafeHtml } from '../web/html'
import { parseRasaEvents } from './rasa-events'
import { buildTranscript, type TranscriptOptions } from './transcript'
import { renderTranscript, type TranscriptViewOptions } from './transcript-view'

export interface TranscriptViewRequest {
  audit: StaffAudit
  /** The staff member who reads it. */
  actor: string
  /** What names the conversation in the audit log: an opaque id, never a phone number or name. */
  target: string
  /** Why it is shown ("tinjauan", "ambil_alih"): staff see a transcript only for a task. */
  purpose: string
  /** Rasa events as JSON (tracker store `data` values or the HTTP tracker's `events`). */
  events: readonly unknown[]
  transcript?: TranscriptOptions
}

/**
 * The one way a page shows a conversation: writes `transcript_viewed` (who, when, which
 * conversation, why) to the staff audit log, as the requester profile does, and gives the
 * transcript's renderer (the page adds its view options, e.g. forms with its CSRF token).
 */
export async function showTranscript(
  request: TranscriptViewRequest
): Promise<(view?: TranscriptViewOptions) => SafeHtml> {
  const entries = buildTranscript(parseRasaEvents(request.events), request.transcript)
  await request.audit.record(request.actor, 'transcript_viewed', request.target, {
    purpose: request.purpose,
    messages: entries.filter((e) => e.kind === 'user' || e.kind === 'bot' || e.kind === 'staff')
      .length
  })
  return (view) => renderTranscript(entries, view)
}

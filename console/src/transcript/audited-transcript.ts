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
  view?: TranscriptViewOptions
}

/**
 * The one way a page shows a conversation: renders the transcript and writes `transcript_viewed`
 * (who, when, which conversation, why) to the staff audit log, as the requester profile does.
 */
export function showTranscript(request: TranscriptViewRequest): SafeHtml {
  const entries = buildTranscript(parseRasaEvents(request.events), request.transcript)
  request.audit.record(request.actor, 'transcript_viewed', request.target, {
    purpose: request.purpose,
    messages: entries.filter((e) => e.kind === 'user' || e.kind === 'bot' || e.kind === 'staff')
      .length
  })
  return renderTranscript(entries, request.view)
}

import type { Takeover } from '../data/takeovers'
import type { TicketDetail, TicketEvent } from '../data/tickets'
import type { RasaEvent as RasaEventJson } from '../rasa/rasa-api'
import {
  buildTranscript,
  parseRasaEvents,
  renderTranscriptEntry,
  type TranscriptEntry,
  type TranscriptOptions
} from '../transcript'
import { html, type SafeHtml } from '../web/html'
import { formatDateTime } from '../web/labels'

/**
 * The takeover page's transcript: staff talking to the user read what was written (texts are not
 * masked, unlike the review) and no bot bookkeeping (actions, slots).
 */
export const TAKEOVER_TRANSCRIPT: TranscriptOptions = { maskTexts: false, actions: false }

/** One line of the live stream (`baris`): the transcript entry, and its list item as the page has it. */
export interface LiveLine {
  kind: TranscriptEntry['kind']
  at: string
  text?: string
  html: string
}

/**
 * The lines of the newest tracker events of a takeover for the live stream: only events after
 * `after` (Rasa seconds; the page already shows the others), read as taken over.
 */
export function liveTranscriptLines(events: readonly unknown[], after: number): LiveLine[] {
  const fresh = parseRasaEvents(events).filter((e) => e.timestamp > after)
  return buildTranscript(fresh, { ...TAKEOVER_TRANSCRIPT, startsPaused: true }).map((entry) => ({
    kind: entry.kind,
    at: entry.at,
    ...('text' in entry ? { text: entry.text } : {}),
    html: renderTranscriptEntry(entry).value
  }))
}

/** Rasa time of the newest event: the live stream sends what comes after it. */
export const latestEventTime = (events: readonly RasaEventJson[]): number =>
  events.reduce((latest, e) => Math.max(latest, e.timestamp ?? 0), 0)

const REPLY_STATUS: Record<string, string> = {
  mengirim: 'sedang dikirim',
  terkirim: 'terkirim',
  gagal: 'gagal terkirim',
  diblokir: 'tidak terkirim: pengguna memblokir bot'
}

export interface ConversationView {
  ticket: TicketDetail
  /** The transcript (`showTranscript`, live while taken over); undefined when Rasa's tracker could not be read. */
  transcript: SafeHtml | undefined
  rasaError?: string
  active: Takeover | undefined
  viewerId: number
  /** Staff replies of the active takeover that did not reach the user (retry possible). */
  undelivered: TicketEvent[]
  /** What was typed when sending failed, shown again. */
  draft?: string
  error?: string
}

export function conversationBody(view: ConversationView, csrf: string): SafeHtml {
  const t = view.ticket
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}">`
  const mine = view.active !== undefined && view.active.staffId === view.viewerId
  return html`<p><a href="/tiket/${t.number}">‹ Tiket ${t.number}</a></p>
<h1>Percakapan tiket ${t.number}</h1>
${
  view.active === undefined
    ? html`<p class="takeover-state">Bot sedang melayani percakapan ini.</p>`
    : html`<p class="takeover-state takeover-active" role="status">Diambil alih oleh <strong>${view.active.staffUsername}</strong> sejak ${formatDateTime(view.active.startedAt)}. Pesan pengguna muncul di sini tanpa memuat ulang halaman.</p>`
}
${view.error === undefined ? '' : html`<p class="error" role="alert">${view.error}</p>`}
${
  view.transcript === undefined
    ? html`<p class="error" role="alert">Transkrip tidak dapat dibaca dari Rasa: ${view.rasaError ?? ''}</p>`
    : view.transcript
}
${
  view.undelivered.length === 0
    ? ''
    : html`<section aria-labelledby="gagal"><h2 id="gagal">Balasan yang belum sampai</h2><ul class="undelivered">${view.undelivered.map(
        (e) =>
          html`<li><blockquote>${e.body}</blockquote> <span class="not-delivered">(${REPLY_STATUS[String(e.detail.status)] ?? String(e.detail.status)}${typeof e.detail.reason === 'string' ? html`: ${e.detail.reason}` : ''})</span>
          ${mine ? html`<form method="post" action="/tiket/${t.number}/percakapan/kirim-ulang/${String(e.id)}" class="inline">${hidden}<button type="submit">Kirim ulang</button></form>` : ''}</li>`
      )}</ul></section>`
}
${
  mine
    ? html`<form method="post" action="/tiket/${t.number}/percakapan/balas" class="stack">
    ${hidden}
    <label for="balasan">Balasan untuk pengguna</label>
    <textarea id="balasan" name="isi" rows="3" maxlength="4000" required>${view.draft ?? ''}</textarea>
    <button type="submit">Kirim</button>
  </form>
  <form method="post" action="/tiket/${t.number}/kembalikan">${hidden}<button type="submit">Kembalikan ke bot</button></form>`
    : view.active === undefined
      ? html`<form method="post" action="/tiket/${t.number}/ambil-alih">${hidden}<button type="submit">Ambil alih percakapan</button></form>`
      : ''
}
<script src="/static/takeover.js" defer></script>`
}

/** The ticket page's takeover block: the button, or who holds the conversation. */
export function takeoverBlock(
  ticket: TicketDetail,
  active: Takeover | undefined,
  reachable: boolean,
  csrf: string
): SafeHtml {
  const link = html`<a href="/tiket/${ticket.number}/percakapan">Lihat percakapan</a>`
  if (active !== undefined)
    return html`<p class="takeover-state takeover-active">Percakapan sedang diambil alih oleh <strong>${active.staffUsername}</strong>. ${link}</p>`
  if (!reachable)
    return html`<p class="muted">Pengguna tiket ini tidak memakai Telegram; percakapan tidak dapat diambil alih. ${link}</p>`
  return html`<form method="post" action="/tiket/${ticket.number}/ambil-alih" class="inline">
    <input type="hidden" name="_csrf" value="${csrf}">
    <button type="submit">Ambil alih percakapan</button>
  </form> ${link}`
}

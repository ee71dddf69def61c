import { formatWibDateTime, formatWibTime } from '@helpdesk/core'
import { html, type SafeHtml } from '../web/html'
import type { TranscriptEntry } from './transcript'

export interface TranscriptViewOptions {
  /** Accessible name of the list (e.g. "Transkrip percakapan"). */
  label?: string
  /** Extra markup after a user message (e.g. the review form's "Tambahkan ke data latih"). */
  afterUserMessage?: (entry: Extract<TranscriptEntry, { kind: 'user' }>) => SafeHtml
  /**
   * A live transcript (the takeover page): the list gets `id="transkrip"`, is announced politely
   * and names this server-sent-event stream, whose lines static/takeover.js appends (rendered
   * here too, by `renderTranscriptEntry`). The list is there even while still empty.
   */
  stream?: string
}

/** "0,93" (Indonesian decimal comma), two decimals. */
const confidenceText = (confidence: number): string => confidence.toFixed(2).replace('.', ',')

const time = (at: string): SafeHtml =>
  html`<time datetime="${at}" title="${formatWibDateTime(at)}">${formatWibTime(at)} WIB</time>`

function message(
  speakerClass: string,
  speaker: string,
  entry: { at: string; text: string },
  extra: SafeHtml | string = ''
): SafeHtml {
  return html`<li class="turn turn-${speakerClass}">
  <p class="turn-head"><span class="speaker">${speaker}</span> ${time(entry.at)}</p>
  <p class="says">${entry.text === '' ? html`<span class="muted">(tanpa teks)</span>` : entry.text}</p>
  ${extra}
</li>`
}

/** One line of the transcript (`<li>`), as the list holds it: also what a live stream sends. */
export function renderTranscriptEntry(
  entry: TranscriptEntry,
  options: TranscriptViewOptions = {}
): SafeHtml {
  switch (entry.kind) {
    case 'user': {
      const intent =
        entry.intent === undefined
          ? html`<span class="muted">tanpa intent</span>`
          : html`intent <code>${entry.intent}</code>${entry.confidence === undefined ? '' : html` (keyakinan ${confidenceText(entry.confidence)})`}`
      return message(
        'user',
        'Pengguna',
        entry,
        html`<p class="nlu">${intent}${entry.notUnderstood ? html` <strong class="badge-fallback">Tidak dipahami</strong>` : ''}</p>
  ${options.afterUserMessage === undefined ? '' : options.afterUserMessage(entry)}`
      )
    }
    case 'bot':
      return message(
        'bot',
        'Bot',
        entry,
        entry.buttons.length === 0
          ? ''
          : html`<ul class="buttons" aria-label="Tombol yang ditawarkan">${entry.buttons.map((b) => html`<li>${b}</li>`)}</ul>`
      )
    case 'staff':
      return message(
        'staff',
        entry.staff === undefined ? 'Petugas' : `Petugas (${entry.staff})`,
        entry
      )
    case 'action':
      return html`<li class="event event-action">${time(entry.at)} aksi <code>${entry.name}</code></li>`
    case 'slot':
      return html`<li class="event event-slot">${time(entry.at)} slot <code>${entry.name}</code> = ${entry.value}</li>`
    case 'takeover_start':
      return html`<li class="marker takeover-start">${time(entry.at)} <strong>${entry.staff ? `Percakapan diambil alih oleh ${entry.staff}` : 'Petugas mengambil alih percakapan'}</strong> (bot berhenti menjawab)</li>`
    case 'takeover_end':
      return html`<li class="marker takeover-end">${time(entry.at)} <strong>Percakapan dikembalikan ke bot${entry.staff ? ` (${entry.staff})` : ''}</strong></li>`
    case 'session_start':
      return html`<li class="marker session-start">${time(entry.at)} Sesi baru dimulai</li>`
    case 'restart':
      return html`<li class="marker session-start">${time(entry.at)} Percakapan diulang dari awal</li>`
  }
}

/**
 * The transcript as an ordered list: each message says who spoke (Pengguna / Bot / Petugas) in
 * words, not only by colour, with its WIB time; a user message shows the intent and confidence the
 * bot understood; the periods a person took over are bracketed by marked separators.
 */
export function renderTranscript(
  entries: readonly TranscriptEntry[],
  options: TranscriptViewOptions = {}
): SafeHtml {
  const empty = html`<p class="empty">Percakapan ini belum berisi pesan.</p>`
  if (entries.length === 0 && options.stream === undefined) return empty
  const live =
    options.stream === undefined
      ? ''
      : html` id="transkrip" aria-live="polite" data-aliran="${options.stream}"`
  return html`${entries.length === 0 ? empty : ''}<ol class="transcript" aria-label="${options.label ?? 'Transkrip percakapan'}"${live}>
${entries.map((entry) => renderTranscriptEntry(entry, options))}
</ol>`
}

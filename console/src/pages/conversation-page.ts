import type { Takeover } from '../data/takeovers'
import type { TicketDetail, TicketEvent } from '../data/tickets'
import type { RasaEvent } from '../rasa/rasa-api'
import { html, type SafeHtml } from '../web/html'
import { formatDateTime } from '../web/labels'

/** One line of the transcript (also what the live stream sends to the page's script). */
export interface TranscriptLine {
  /** Rasa timestamp in seconds. */
  time: number
  who: 'pengguna' | 'bot' | 'petugas' | 'tanda'
  text: string
}

/**
 * Rasa tracker events → transcript lines: what the user typed (a button press shows its intent),
 * what the bot and staff said, and the takeover marks (pause, resume). Everything else
 * (actions, slots, session starts) is bookkeeping and left out. Kept minimal on purpose: the
 * review branch brings the full transcript view (console/src/transcript/).
 */
export function transcriptLines(events: RasaEvent[]): TranscriptLine[] {
  const lines: TranscriptLine[] = []
  for (const e of events) {
    const time = e.timestamp ?? 0
    const meta = e.metadata ?? {}
    const staff = typeof meta.staff === 'string' ? meta.staff : 'petugas'
    if (e.event === 'user') {
      const text = typeof e.text === 'string' ? e.text : ''
      const intent = e.parse_data?.intent?.name
      lines.push({
        time,
        who: 'pengguna',
        text: text.startsWith('/') && intent !== undefined ? `[menekan tombol: ${intent}]` : text
      })
    } else if (e.event === 'bot' && typeof e.text === 'string') {
      lines.push({ time, who: 'bot', text: e.text })
    } else if (e.event === 'agent' && typeof e.text === 'string') {
      lines.push({ time, who: 'petugas', text: e.text })
    } else if (e.event === 'pause') {
      lines.push({ time, who: 'tanda', text: `Percakapan diambil alih oleh ${staff}` })
    } else if (e.event === 'resume') {
      lines.push({ time, who: 'tanda', text: `Percakapan dikembalikan ke bot (${staff})` })
    } else if (e.event === 'restart') {
      lines.push({ time, who: 'tanda', text: 'Pengguna memulai ulang percakapan' })
    }
  }
  return lines
}

const WHO_LABEL: Record<TranscriptLine['who'], string> = {
  pengguna: 'Pengguna',
  bot: 'Bot',
  petugas: 'Petugas',
  tanda: ''
}

function lineItem(line: TranscriptLine): SafeHtml {
  const at = new Date(line.time * 1000).toISOString()
  return line.who === 'tanda'
    ? html`<li class="msg msg-tanda"><time datetime="${at}">${formatDateTime(at)}</time> <strong>${line.text}</strong></li>`
    : html`<li class="msg msg-${line.who}"><time datetime="${at}">${formatDateTime(at)}</time> <span class="who">${WHO_LABEL[line.who]}:</span> <span class="text">${line.text}</span></li>`
}

const REPLY_STATUS: Record<string, string> = {
  mengirim: 'sedang dikirim',
  terkirim: 'terkirim',
  gagal: 'gagal terkirim',
  diblokir: 'tidak terkirim: pengguna memblokir bot'
}

export interface ConversationView {
  ticket: TicketDetail
  /** undefined when Rasa's tracker could not be read. */
  lines: TranscriptLine[] | undefined
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
  const lastTime = view.lines?.reduce((m, l) => Math.max(m, l.time), 0) ?? 0
  return html`<p><a href="/tiket/${t.number}">‹ Tiket ${t.number}</a></p>
<h1>Percakapan tiket ${t.number}</h1>
${
  view.active === undefined
    ? html`<p class="takeover-state">Bot sedang melayani percakapan ini.</p>`
    : html`<p class="takeover-state takeover-active" role="status">Diambil alih oleh <strong>${view.active.staffUsername}</strong> sejak ${formatDateTime(view.active.startedAt)}. Pesan pengguna muncul di sini tanpa memuat ulang halaman.</p>`
}
${view.error === undefined ? '' : html`<p class="error" role="alert">${view.error}</p>`}
${
  view.lines === undefined
    ? html`<p class="error" role="alert">Transkrip tidak dapat dibaca dari Rasa: ${view.rasaError ?? ''}</p>`
    : html`<ol class="transcript" id="transkrip" aria-live="polite"${view.active === undefined ? '' : html` data-aliran="/tiket/${t.number}/percakapan/aliran?setelah=${String(lastTime)}"`}>
  ${view.lines.map(lineItem)}
</ol>`
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

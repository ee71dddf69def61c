import { formatIndonesianDate } from '@helpdesk/core'
import { FIXED_REVIEW_TAGS, type NluExampleRecord } from '../data/conversation-reviews'
import type { ConversationFilter, ConversationListRow } from '../review/conversation-list'
import { rasaTimeToIso } from '../transcript/rasa-events'
import { html, type SafeHtml } from '../web/html'
import { formatDateTime, REVIEW_TAG_LABEL } from '../web/labels'
import { formError, options } from '../web/layout'

export interface ReviewListView {
  filter: ConversationFilter
  rows: ConversationListRow[]
  total: number
  page: number
  pageSize: number
  /** The filter as a query string (without the page), for the pager's links. */
  baseQuery: string
  /** Tags in use, for the tag filter. */
  tags: string[]
  error?: string
}

/** "11 Juni 2026" for a YYYY-MM-DD WIB day. */
const day = (yyyyMmDd: string): string => formatIndonesianDate(`${yyyyMmDd}T00:00:00+07:00`)
const tagLabel = (tag: string): string => REVIEW_TAG_LABEL[tag] ?? tag
const startedAt = (row: ConversationListRow): string => rasaTimeToIso(row.session.startedAt)

function signals(row: ConversationListRow): SafeHtml {
  const marks: SafeHtml[] = []
  if (row.session.fallback) marks.push(html`<span class="badge-fallback">Tidak dipahami</span>`)
  if (row.handedOver)
    marks.push(html`<span class="status status-ditangani">Diserahkan ke petugas</span>`)
  for (const ticket of row.tickets) marks.push(html`<a href="/tiket/${ticket}">${ticket}</a>`)
  for (const rating of row.ratings)
    marks.push(
      html`<span class="status${rating <= 3 ? ' status-tte-ditolak' : ''}">Nilai ${rating}/5</span>`
    )
  return html`${marks.map((m) => html`${m} `)}`
}

function pager(view: ReviewListView): SafeHtml {
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize))
  const link = (page: number, label: string, rel: string): SafeHtml =>
    html`<a href="/tinjauan?${view.baseQuery}&halaman=${page}" rel="${rel}">${label}</a>`
  return html`<nav class="pager" aria-label="Halaman">
    ${view.page > 1 ? link(view.page - 1, '‹ Sebelumnya', 'prev') : ''}
    <span>Halaman ${view.page} dari ${pages} · ${view.total.toLocaleString('id-ID')} percakapan</span>
    ${view.page < pages ? link(view.page + 1, 'Berikutnya ›', 'next') : ''}
  </nav>`
}

const check = (name: string, label: string, on: boolean | undefined): SafeHtml =>
  html`<div class="check"><input type="checkbox" id="f-${name}" name="${name}" value="1"${on === true ? html` checked` : ''}><label for="f-${name}">${label}</label></div>`

/** The list of conversations to review, with the filters and pager. */
export function reviewListBody(view: ReviewListView): SafeHtml {
  const f = view.filter
  return html`<h1>Tinjauan percakapan</h1>
<p class="hint">Percakapan dengan bot (satu sesi Rasa) untuk dipelajari: pesan yang tidak dipahami bisa dimasukkan ke berkas tinjauan NLU, percakapan bisa diekspor sebagai test story. Membuka transkrip dicatat di log audit.</p>
<form method="get" action="/tinjauan" class="filters" aria-label="Saring percakapan">
  ${formError(view.error)}
  <div><label for="f-dari">Dari tanggal</label><input type="date" id="f-dari" name="dari" value="${f.from}" required></div>
  <div><label for="f-sampai">Sampai tanggal</label><input type="date" id="f-sampai" name="sampai" value="${f.to}" required></div>
  ${check('tidak_dipahami', 'Ada pesan tidak dipahami', f.fallback)}
  ${check('diserahkan', 'Diserahkan ke petugas', f.handedOver)}
  ${check('nilai_rendah', 'Nilai kepuasan ≤ 3', f.lowRating)}
  ${check('belum_ditinjau', 'Belum ditinjau', f.unreviewed)}
  <div><label for="f-label">Label</label><select id="f-label" name="label">${options(
    [['', 'Semua'] as const, ...view.tags.map((t) => [t, tagLabel(t)] as const)],
    f.tag
  )}</select></div>
  <div><button type="submit">Terapkan</button></div>
</form>
${
  view.rows.length === 0
    ? html`<p class="empty">Tidak ada percakapan yang cocok dengan saringan ini.</p>`
    : html`<div class="table-wrap"><table>
<caption class="muted">Percakapan yang dimulai ${day(f.from)} s.d. ${day(f.to)} (WIB), terbaru di atas</caption>
<thead><tr><th scope="col">Percakapan</th><th scope="col">Dimulai</th><th scope="col">Pesan pengguna</th><th scope="col">Tanda</th><th scope="col">Label</th><th scope="col">Tinjauan</th></tr></thead>
<tbody>${view.rows.map(
        (row) => html`<tr>
  <td><a href="/tinjauan/${row.session.id}">Percakapan #${row.session.id}</a></td>
  <td>${formatDateTime(startedAt(row))}</td>
  <td>${row.session.userMessages}</td>
  <td>${signals(row)}</td>
  <td>${row.review === undefined || row.review.tags.length === 0 ? '—' : row.review.tags.map(tagLabel).join(', ')}</td>
  <td>${row.review?.reviewedAt == null ? html`<span class="muted">Belum</span>` : html`Sudah, oleh ${row.review.reviewedBy}`}</td>
</tr>`
      )}</tbody></table></div>
${pager(view)}`
}`
}

export interface ConversationView {
  row: ConversationListRow
  transcript: SafeHtml
  examples: NluExampleRecord[]
  error?: string
}

/** The review form: fixed tags, free tags, reviewed. */
function reviewForm(view: ConversationView, csrf: string): SafeHtml {
  const review = view.row.review
  const current = new Set(review?.tags ?? [])
  const free = (review?.tags ?? []).filter(
    (t) => !(FIXED_REVIEW_TAGS as readonly string[]).includes(t)
  )
  return html`<form method="post" action="/tinjauan/${view.row.session.id}/tinjau" class="stack" aria-labelledby="judul-tinjau">
  <h2 id="judul-tinjau">Label dan status tinjauan</h2>
  <input type="hidden" name="_csrf" value="${csrf}">
  ${formError(view.error)}
  <fieldset><legend>Label</legend>
  ${FIXED_REVIEW_TAGS.map(
    (tag) =>
      html`<div class="check"><input type="checkbox" id="tag-${tag}" name="label" value="${tag}"${current.has(tag) ? html` checked` : ''}><label for="tag-${tag}">${tagLabel(tag)}</label></div>`
  )}
  </fieldset>
  <label for="label-lain">Label lain (pisahkan dengan koma; huruf kecil, angka, _ atau -)</label>
  <input id="label-lain" name="label_lain" maxlength="200" value="${free.join(', ')}">
  <div class="check"><input type="checkbox" id="ditinjau" name="ditinjau" value="1"${review?.reviewedAt == null ? '' : html` checked`}><label for="ditinjau">Sudah ditinjau</label></div>
  ${review?.reviewedAt == null ? '' : html`<p class="hint">Ditinjau oleh ${review.reviewedBy} pada ${formatDateTime(review.reviewedAt)}.</p>`}
  <div><button type="submit">Simpan tinjauan</button></div>
</form>`
}

/** The conversation: facts, transcript (with the NLU forms), review form, export. */
export function conversationBody(view: ConversationView, csrf: string): SafeHtml {
  const s = view.row.session
  return html`<p><a href="/tinjauan">‹ Kembali ke daftar</a></p>
<h1>Percakapan #${s.id}</h1>
<div class="grid">
<section aria-labelledby="judul-ringkasan"><h2 id="judul-ringkasan">Ringkasan</h2>
<dl class="facts">
  <dt>Dimulai</dt><dd>${formatDateTime(rasaTimeToIso(s.startedAt))}</dd>
  <dt>Terakhir</dt><dd>${formatDateTime(rasaTimeToIso(s.lastAt))}</dd>
  <dt>Pesan pengguna</dt><dd>${s.userMessages}</dd>
  <dt>Tanda</dt><dd>${signals(view.row)}${!s.fallback && !view.row.handedOver && view.row.tickets.length === 0 && view.row.ratings.length === 0 ? '—' : ''}</dd>
</dl>
<p><a href="/tinjauan/${s.id}/story.yml" download>Ekspor sebagai test story (YAML)</a></p>
</section>
<section>${reviewForm(view, csrf)}</section>
</div>
<h2>Transkrip</h2>
<p class="hint">Nomor NIP/NIK, telepon dan e-mail disamarkan. Pesan yang salah dipahami bisa dimasukkan ke berkas tinjauan NLU dengan intent yang benar; berkas itu diperiksa pengembang sebelum dipakai melatih bot.</p>
${view.transcript}
${
  view.examples.length === 0
    ? ''
    : html`<h2>Sudah dimasukkan ke berkas tinjauan NLU</h2>
<ul>${view.examples.map(
        (x) =>
          html`<li><q>${x.maskedText}</q> → <code>${x.intent}</code> <span class="muted">(${x.addedBy}, ${formatDateTime(x.addedAt)})</span></li>`
      )}</ul>`
}`
}

/** The form under a user message: the right intent for it, into the NLU review file. */
export function nluExampleForm(
  conversation: number,
  messageIndex: number,
  intents: readonly string[],
  predicted: string | undefined,
  csrf: string
): SafeHtml {
  const id = `intent-${messageIndex}`
  return html`<details class="nlu-fix"><summary>Masukkan ke berkas tinjauan NLU</summary>
<form method="post" action="/tinjauan/${conversation}/nlu" class="inline">
  <input type="hidden" name="_csrf" value="${csrf}">
  <input type="hidden" name="pesan" value="${messageIndex}">
  <label for="${id}">Intent yang benar</label>
  <select id="${id}" name="intent" required>${options(
    [['', 'Pilih intent'] as const, ...intents.map((i) => [i, i] as const)],
    predicted !== undefined && intents.includes(predicted) ? predicted : ''
  )}</select>
  <button type="submit">Tambahkan</button>
</form></details>`
}

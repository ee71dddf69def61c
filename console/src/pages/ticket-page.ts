import type { StaffAccount } from '../data/staff-accounts'
import { TICKET_STATUSES, type TicketDetail, type TicketEvent } from '../data/tickets'
import type { RequesterRecord } from '../deps'
import { html, type SafeHtml } from '../web/html'
import { CATEGORY_LABEL, formatDateTime, STATUS_LABEL, TTE_STATUS_LABEL } from '../web/labels'
import { formError, options } from '../web/layout'
import type { SatisfactionSurvey } from '@helpdesk/core'
import { ticketSurveyBlock } from './satisfaction-view'

/** Keys of the bot's ticket data that are personal: shown only in the audited profile block. */
const PERSONAL_KEYS = new Set([
  'nip',
  'nik',
  'nama',
  'unit_kerja',
  'whatsapp',
  'whatsapp_tujuan',
  'identitas',
  'email',
  'email_dinas',
  'telegram'
])

const DATA_LABEL: Record<string, string> = {
  sistem: 'Sistem',
  jenis_identitas: 'Jenis identitas',
  status_identitas: 'Status identitas',
  percobaan_identitas: 'Percobaan identitas',
  rute: 'Rute reset',
  kontak: 'Kontak',
  intent_terakhir: 'Maksud terakhir',
  alasan: 'Alasan'
}

export type TicketForm = 'tugaskan' | 'status' | 'catatan'

export interface TicketView {
  ticket: TicketDetail
  events: TicketEvent[]
  requester: { record?: RequesterRecord; identity?: string; unavailable?: boolean }
  staff: StaffAccount[]
  viewer: StaffAccount
  /** The live takeover block (conversation-page.ts), when the console can reach Rasa. */
  takeover?: (csrf: string) => SafeHtml
  /** The satisfaction survey of this ticket ('tiket:<number>'), once one was sent. */
  survey?: SatisfactionSurvey
  /** A rejected form: its error and what was typed, shown again. */
  error?: { form: TicketForm; message: string; values: Record<string, string> }
}

function requesterBlock(requester: TicketView['requester']): SafeHtml {
  if (requester.unavailable === true)
    return html`<p class="muted">Direktori pegawai sedang tidak dapat diakses; coba muat ulang.</p>`
  const r = requester.record
  if (r === undefined) {
    return requester.identity === undefined
      ? html`<p class="muted">Bot belum mencatat NIP/NIK pemohon untuk tiket ini.</p>`
      : html`<p>NIK/NIP <span class="pii">${requester.identity}</span> tidak ada di direktori pegawai (bukan ASN, atau data belum diperbarui).</p>`
  }
  return html`<dl class="profile">
    <dt>Nama</dt><dd class="pii">${r.nama}</dd>
    <dt>NIP</dt><dd class="pii">${r.nip}</dd>
    ${r.nik === undefined ? '' : html`<dt>NIK</dt><dd class="pii">${r.nik}</dd>`}
    <dt>Unit kerja</dt><dd>${r.unit_kerja}</dd>
    <dt>WhatsApp</dt><dd class="pii">+${r.whatsapp}</dd>
    <dt>E-mail dinas</dt><dd class="pii">${r.email_dinas}</dd>
    <dt>Status TTE</dt><dd>${TTE_STATUS_LABEL[r.status_tte] ?? r.status_tte}</dd>
    <dt>Status pegawai</dt><dd>${r.aktif ? 'Aktif' : 'Tidak aktif'}</dd>
  </dl>
  <p class="hint">Setiap kali halaman ini dibuka, akses ke data pribadi ini dicatat di log audit.</p>`
}

function eventLine(event: TicketEvent): SafeHtml {
  const d = event.detail
  const what =
    event.kind === 'status'
      ? html`mengubah status dari <strong>${STATUS_LABEL[String(d.from)] ?? d.from}</strong> ke <strong>${STATUS_LABEL[String(d.to)] ?? d.to}</strong> ${d.notified === true ? html`<span class="delivered">(pengguna diberi tahu lewat Telegram)</span>` : d.notified === false ? html`<span class="not-delivered">(pemberitahuan ke pengguna belum terkirim: ${d.reason})</span>` : ''}`
      : event.kind === 'claimed'
        ? html`mengambil tiket`
        : event.kind === 'assigned'
          ? html`menugaskan tiket ke <strong>${d.to}</strong>`
          : event.kind === 'takeover_started'
            ? html`mengambil alih percakapan dari bot`
            : event.kind === 'takeover_ended'
              ? html`${d.reason === 'menganggur' ? 'percakapan kembali ke bot karena tidak ada aktivitas' : d.reason === 'percakapan_diulang' ? 'percakapan berakhir karena pengguna memulai ulang' : 'mengembalikan percakapan ke bot'}`
              : event.kind === 'takeover_reply'
                ? html`membalas pengguna di percakapan <span class="${d.status === 'terkirim' ? 'delivered' : 'not-delivered'}">(${d.status === 'terkirim' ? 'terkirim' : d.status === 'diblokir' ? 'pengguna memblokir bot' : 'belum terkirim'})</span>`
                : event.kind === 'tte_decision'
                  ? html`${d.decision === 'disetujui' ? 'menyetujui' : 'menolak'} permohonan TTE`
                  : event.visibility === 'pengguna'
                    ? html`menulis catatan untuk pengguna ${d.delivered === true ? html`<span class="delivered">(terkirim lewat Telegram)</span>` : d.delivered === false ? html`<span class="not-delivered">(belum terkirim: ${d.reason})</span>` : ''}`
                    : html`menulis catatan internal`
  return html`<li class="event event-${event.kind}${event.visibility === 'pengguna' ? ' for-user' : ''}">
    <time datetime="${event.at}">${formatDateTime(event.at)}</time> · <strong>${event.actor}</strong> ${what}
    ${event.body === '' ? '' : html`<blockquote>${event.body}</blockquote>`}
  </li>`
}

export function ticketBody(view: TicketView, csrf: string): SafeHtml {
  const t = view.ticket
  const err = (form: TicketForm): SafeHtml =>
    formError(view.error?.form === form ? view.error.message : undefined)
  const typed = (form: TicketForm, key: string, fallback = ''): string =>
    view.error?.form === form ? (view.error.values[key] ?? fallback) : fallback
  const botData = Object.entries(t.data).filter(([key]) => !PERSONAL_KEYS.has(key))
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}">`
  const assignable = view.staff.filter((s) => !s.disabled)
  return html`<p><a href="/tiket">‹ Antrian</a></p>
<h1>Tiket ${t.number}</h1>
<div class="grid">
<section aria-labelledby="ringkasan">
  <h2 id="ringkasan">Ringkasan</h2>
  <dl class="facts">
    <dt>Status</dt><dd><span class="status status-${t.status}">${STATUS_LABEL[t.status] ?? t.status}</span></dd>
    <dt>Kategori</dt><dd>${CATEGORY_LABEL[t.category] ?? t.category}</dd>
    <dt>Ringkasan</dt><dd>${t.summary}</dd>
    <dt>Dibuat</dt><dd>${formatDateTime(t.createdAt)}</dd>
    <dt>Tenggat SLA</dt><dd>${t.dueAt === null ? '—' : formatDateTime(t.dueAt)}${t.overdue ? html` <strong class="badge-overdue">Terlambat</strong>` : ''}</dd>
    <dt>Petugas</dt><dd>${t.assignee ?? 'Belum ada'}</dd>
  </dl>
  ${
    botData.length === 0
      ? ''
      : html`<h3>Yang sudah dikumpulkan bot</h3><dl class="facts">${botData.map(
          ([key, value]) =>
            html`<dt>${DATA_LABEL[key] ?? key}</dt><dd>${typeof value === 'string' ? value : JSON.stringify(value)}</dd>`
        )}</dl>`
  }
</section>
<section aria-labelledby="profil">
  <h2 id="profil">Profil pemohon</h2>
  ${requesterBlock(view.requester)}
</section>
</div>

${view.takeover === undefined ? '' : html`<section aria-labelledby="percakapan"><h2 id="percakapan">Percakapan</h2>${view.takeover(csrf)}</section>`}
<section aria-labelledby="kepuasan">
  <h2 id="kepuasan">Kepuasan pengguna</h2>
  ${ticketSurveyBlock(view.survey)}
</section>

<section aria-labelledby="tindakan">
<h2 id="tindakan">Tindakan</h2>
<div class="actions">
  <form method="post" action="/tiket/${t.number}/ambil">
    ${hidden}
    <button type="submit"${t.assigneeId === view.viewer.id ? html` disabled` : ''}>${t.assigneeId === view.viewer.id ? 'Sudah Anda tangani' : 'Ambil tiket ini'}</button>
  </form>
  <form method="post" action="/tiket/${t.number}/tugaskan" class="inline">
    ${hidden}
    ${err('tugaskan')}
    <label for="petugas">Tugaskan ke</label>
    <select id="petugas" name="petugas">${options([['', '— pilih petugas —'], ...assignable.map((s) => [s.username, `${s.username} (${s.role})`] as const)], typed('tugaskan', 'petugas'))}</select>
    <button type="submit">Tugaskan</button>
  </form>
  <form method="post" action="/tiket/${t.number}/status" class="stack">
    ${hidden}
    ${err('status')}
    <label for="status-baru">Ubah status</label>
    <select id="status-baru" name="status">${options(
      TICKET_STATUSES.map((s) => [s, STATUS_LABEL[s] ?? s] as const),
      typed('status', 'status', t.status)
    )}</select>
    <label for="status-catatan">Catatan perubahan (wajib untuk Selesai dan Ditutup)</label>
    <textarea id="status-catatan" name="catatan" rows="2" maxlength="4000" aria-describedby="status-pemberitahuan">${typed('status', 'catatan')}</textarea>
    <p class="hint" id="status-pemberitahuan">Saat tiket Selesai atau Ditutup, pengguna diberi tahu lewat Telegram dengan nomor tiket dan catatan untuk pengguna yang terakhir. Catatan perubahan ini tetap internal.</p>
    <button type="submit">Simpan status</button>
  </form>
  <form method="post" action="/tiket/${t.number}/catatan" class="stack">
    ${hidden}
    ${err('catatan')}
    <label for="catatan-isi">Catatan</label>
    <textarea id="catatan-isi" name="isi" rows="3" maxlength="4000">${typed('catatan', 'isi')}</textarea>
    <fieldset><legend>Untuk</legend>
      <input type="radio" id="untuk-internal" name="untuk" value="internal"${typed('catatan', 'untuk', 'internal') !== 'pengguna' ? html` checked` : ''}><label for="untuk-internal">Internal (hanya petugas)</label>
      <input type="radio" id="untuk-pengguna" name="untuk" value="pengguna"${typed('catatan', 'untuk') === 'pengguna' ? html` checked` : ''}><label for="untuk-pengguna">Untuk pengguna</label>
    </fieldset>
    <button type="submit">Tambah catatan</button>
  </form>
</div>
</section>

<section aria-labelledby="riwayat">
<h2 id="riwayat">Riwayat</h2>
<ol class="timeline">
  <li class="event"><time datetime="${t.createdAt}">${formatDateTime(t.createdAt)}</time> · <strong>bot</strong> membuka tiket</li>
  ${view.events.map(eventLine)}
</ol>
</section>`
}

import { AGES, SORTS, TICKET_STATUSES, type QueueFilter, type QueueRow } from '../data/tickets'
import { html, type SafeHtml } from '../web/html'
import { CATEGORY_LABEL, formatAge, formatDateTime, STATUS_LABEL } from '../web/labels'
import { formError, options } from '../web/layout'

const AGE_LABEL: Record<string, string> = {
  '24j': '24 jam terakhir',
  '3h': '3 hari terakhir',
  'lebih-3h': 'Lebih dari 3 hari',
  'lebih-7h': 'Lebih dari 7 hari'
}
const SORT_LABEL: Record<string, string> = {
  terbaru: 'Terbaru dulu',
  terlama: 'Terlama dulu',
  tenggat: 'Tenggat terdekat'
}

export interface QueueView {
  filter: QueueFilter
  /** What was typed into the search box, kept as typed. */
  search: string
  searchError?: string
  rows: QueueRow[]
  total: number
  now: Date
  /** The query string without `halaman`, for paging links. */
  baseQuery: string
}

function pager(view: QueueView): SafeHtml {
  const pages = Math.max(1, Math.ceil(view.total / view.filter.pageSize))
  const link = (page: number, label: string, rel: string): SafeHtml =>
    html`<a href="/tiket?${view.baseQuery}${view.baseQuery === '' ? '' : '&'}halaman=${page}" rel="${rel}">${label}</a>`
  return html`<nav class="pager" aria-label="Halaman">
    ${view.filter.page > 1 ? link(view.filter.page - 1, '‹ Sebelumnya', 'prev') : ''}
    <span>Halaman ${view.filter.page} dari ${pages} · ${view.total.toLocaleString('id-ID')} tiket</span>
    ${view.filter.page < pages ? link(view.filter.page + 1, 'Berikutnya ›', 'next') : ''}
  </nav>`
}

export function queueBody(view: QueueView): SafeHtml {
  const f = view.filter
  const statusChoices: Array<readonly [string, string]> = [
    ['terbuka', 'Semua yang terbuka'],
    ['semua', 'Semua status'],
    ...TICKET_STATUSES.map((s) => [s, STATUS_LABEL[s] ?? s] as const)
  ]
  const categoryChoices: Array<readonly [string, string]> = [
    ['', 'Semua kategori'],
    ...Object.entries(CATEGORY_LABEL)
  ]
  return html`<h1>Antrian tiket</h1>
<form method="get" action="/tiket" class="filters" role="search">
  <div><label for="q">Nomor tiket</label><input id="q" name="q" value="${view.search}" placeholder="TIK-20260615-0001" maxlength="40"></div>
  <div><label for="status">Status</label><select id="status" name="status">${options(statusChoices, f.status ?? 'semua')}</select></div>
  <div><label for="kategori">Kategori</label><select id="kategori" name="kategori">${options(categoryChoices, f.category)}</select></div>
  <div><label for="umur">Umur</label><select id="umur" name="umur">${options([['', 'Semua umur'], ...AGES.map((a) => [a, AGE_LABEL[a] ?? a] as const)], f.age)}</select></div>
  <div><label for="milik">Petugas</label><select id="milik" name="milik">${options(
    [
      ['', 'Semua'],
      ['saya', 'Ditugaskan ke saya'],
      ['kosong', 'Belum ada petugas']
    ],
    f.mine
  )}</select></div>
  <div><label for="urut">Urutkan</label><select id="urut" name="urut">${options(
    SORTS.map((s) => [s, SORT_LABEL[s] ?? s] as const),
    f.sort
  )}</select></div>
  <div class="check"><input type="checkbox" id="terlambat" name="terlambat" value="1"${f.overdue === true ? html` checked` : ''}><label for="terlambat">Hanya yang melewati SLA</label></div>
  <div><button type="submit">Terapkan</button> <a href="/tiket">Atur ulang</a></div>
</form>
${formError(view.searchError)}
${
  view.rows.length === 0
    ? html`<p class="empty">Tidak ada tiket yang cocok dengan filter ini.</p>`
    : html`<div class="table-wrap"><table class="queue">
  <caption class="visually-hidden">Daftar tiket</caption>
  <thead><tr><th scope="col">Nomor</th><th scope="col">Kategori</th><th scope="col">Ringkasan</th><th scope="col">Status</th><th scope="col">Petugas</th><th scope="col">Umur</th><th scope="col">Tenggat SLA</th></tr></thead>
  <tbody>${view.rows.map(
    (row) => html`<tr${row.overdue ? html` class="overdue"` : ''}>
    <td><a href="/tiket/${row.number}">${row.number}</a></td>
    <td>${CATEGORY_LABEL[row.category] ?? row.category}</td>
    <td>${row.summary}</td>
    <td><span class="status status-${row.status}">${STATUS_LABEL[row.status] ?? row.status}</span></td>
    <td>${row.assignee ?? html`<span class="muted">—</span>`}</td>
    <td>${formatAge(row.createdAt, view.now)}</td>
    <td>${row.dueAt === null ? '—' : formatDateTime(row.dueAt)}${row.overdue ? html` <strong class="badge-overdue">Terlambat</strong>` : ''}</td>
  </tr>`
  )}</tbody>
</table></div>`
}
${pager(view)}`
}

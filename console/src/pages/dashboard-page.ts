import type { DashboardFigures, Period } from '../analytics/dashboard-figures'
import { displayValue, intentLabel, serviceLabel, summaryRows } from '../analytics/figure-rows'
import { html, type SafeHtml } from '../web/html'
import { formError } from '../web/layout'
import { formatDateTime } from '../web/labels'
import { columnChart, rankingChart, type Bar } from '../web/svg-chart'

const fmt = new Intl.NumberFormat('id-ID')

export interface DashboardView {
  figures: DashboardFigures | undefined
  typed: { dari: string; sampai: string }
  error?: string
  presets: Array<{ label: string; period: Period }>
  /** The month the CSV form offers by default ("2026-06"). */
  month: string
  /** False when RASA_TRACKER_DB does not exist: conversation figures are empty. */
  trackerAvailable: boolean
}

function countTable(caption: string, head: string, rows: Bar[]): SafeHtml {
  return html`<table class="numbers"><caption>${caption}</caption>
<thead><tr><th scope="col">${head}</th><th scope="col" class="num">Jumlah</th></tr></thead>
<tbody>${rows.map((r) => html`<tr><th scope="row">${r.label}</th><td class="num">${fmt.format(r.value)}</td></tr>`)}</tbody>
</table>`
}

function section(id: string, title: string, chart: SafeHtml, table: SafeHtml): SafeHtml {
  return html`<section class="panel" aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2>
<div class="chart-with-table"><figure>${chart}</figure>${table}</div></section>`
}

/** The dashboard: period form, summary table, charts with their numbers, misunderstood messages. */
export function dashboardPage(view: DashboardView): SafeHtml {
  const f = view.figures
  const form = html`<form method="get" action="/dasbor" class="filters">
  <label>Dari <input type="date" name="dari" value="${view.typed.dari}"></label>
  <label>Sampai <input type="date" name="sampai" value="${view.typed.sampai}"></label>
  <button type="submit">Tampilkan</button>
</form>
<p class="presets">${view.presets.map(
    (p) => html`<a href="/dasbor?dari=${p.period.from}&amp;sampai=${p.period.to}">${p.label}</a> `
  )}</p>
<form method="get" action="/dasbor.csv" class="filters">
  <label>Bulan <input type="month" name="bulan" value="${view.month}"></label>
  <button type="submit">Unduh CSV bulanan (laporan SKM)</button>
</form>`
  if (f === undefined) return html`<h1>Dasbor</h1>${form}${formError(view.error)}`
  const days = f.perDay.map((d) => ({ label: d.key.slice(5), value: d.count }))
  const hours = f.perHour.map((h) => ({ label: h.key, value: h.count }))
  const intents = f.topIntents.map((r) => ({ label: intentLabel(r.key), value: r.count }))
  const services = f.topServices.map((r) => ({ label: serviceLabel(r.key), value: r.count }))
  return html`<h1>Dasbor</h1>
<p class="period">Periode <strong>${f.period.from}</strong> s.d. <strong>${f.period.to}</strong> (WIB). Target kinerja: waktu respons &lt; 1 menit, &gt; 1.000 pertanyaan per hari, kepuasan 85–90%.</p>
${form}
${view.trackerAvailable ? '' : html`<p class="error" role="status">Penyimpanan percakapan Rasa (RASA_TRACKER_DB) tidak ditemukan: angka percakapan kosong.</p>`}
<section class="panel" aria-labelledby="ringkasan-h"><h2 id="ringkasan-h">Ringkasan</h2>
<table class="numbers" id="ringkasan"><thead><tr><th scope="col">Ukuran</th><th scope="col" class="num">Nilai</th></tr></thead>
<tbody>${summaryRows(f).map(
    (r) =>
      html`<tr data-key="${r.key}"><th scope="row">${r.label}</th><td class="num">${displayValue(r)}</td></tr>`
  )}</tbody></table></section>
${section(
  'per-hari',
  'Pertanyaan per hari',
  columnChart({ id: 'grafik-per-hari', title: 'Pertanyaan per hari', bars: days }),
  countTable(
    'Pertanyaan per hari',
    'Tanggal',
    f.perDay.map((d) => ({ label: d.key, value: d.count }))
  )
)}
${section(
  'per-jam',
  'Pertanyaan per jam (WIB)',
  columnChart({ id: 'grafik-per-jam', title: 'Pertanyaan per jam', bars: hours, labelEvery: 3 }),
  countTable(
    'Pertanyaan per jam',
    'Jam',
    hours.map((h) => ({ label: `${h.label}.00`, value: h.value }))
  )
)}
${section('intent', 'Intent teratas', rankingChart({ id: 'grafik-intent', title: 'Intent teratas', bars: intents }), countTable('Intent teratas', 'Intent', intents))}
${section('layanan', 'Layanan teratas (percakapan)', rankingChart({ id: 'grafik-layanan', title: 'Layanan teratas', bars: services }), countTable('Layanan teratas', 'Layanan', services))}
<section class="panel" aria-labelledby="tidak-dipahami-h"><h2 id="tidak-dipahami-h">Pesan yang tidak dipahami (terbaru, disamarkan)</h2>
${
  f.unrecognized.length === 0
    ? html`<p>Tidak ada pada periode ini.</p>`
    : html`<table class="numbers"><thead><tr><th scope="col">Waktu</th><th scope="col">Pesan</th></tr></thead><tbody>${f.unrecognized.map(
        (u) => html`<tr><td>${formatDateTime(u.at)}</td><td>${u.text}</td></tr>`
      )}</tbody></table>`
}
</section>`
}

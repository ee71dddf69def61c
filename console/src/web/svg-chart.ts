/**
 * Server-rendered SVG bar charts: no script and no inline style (the console's CSP forbids both),
 * only SVG attributes and classes from console.css. Each chart has a <title> and <desc> for screen
 * readers; the page puts the same numbers in a table beside it.
 */
import { html, type SafeHtml } from './html'

export interface Bar {
  label: string
  value: number
}

const fmt = new Intl.NumberFormat('id-ID')

/** Vertical bars over time (days, hours); every `labelEvery`-th label is written under its bar. */
export function columnChart(options: {
  id: string
  title: string
  bars: Bar[]
  labelEvery?: number
}): SafeHtml {
  const { bars } = options
  const width = 640
  const height = 200
  const top = 16
  const bottom = 28
  const left = 36
  const plotH = height - top - bottom
  const max = Math.max(1, ...bars.map((b) => b.value))
  const step = (width - left - 8) / Math.max(1, bars.length)
  const barW = Math.max(1, step * 0.75)
  const every = options.labelEvery ?? Math.max(1, Math.ceil(bars.length / 12))
  const total = bars.reduce((sum, b) => sum + b.value, 0)
  return html`<svg class="chart" id="${options.id}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${options.id}-t ${options.id}-d" preserveAspectRatio="xMidYMid meet">
<title id="${options.id}-t">${options.title}</title>
<desc id="${options.id}-d">Total ${fmt.format(total)}; tertinggi ${fmt.format(max)}.</desc>
<line class="axis" x1="${left}" y1="${top + plotH}" x2="${width - 4}" y2="${top + plotH}"/>
<text class="tick" x="${left - 4}" y="${top + 4}" text-anchor="end">${fmt.format(max)}</text>
<text class="tick" x="${left - 4}" y="${top + plotH}" text-anchor="end">0</text>
${bars.map((bar, i) => {
  const h = (bar.value / max) * plotH
  const x = left + i * step + (step - barW) / 2
  return html`<rect class="bar" x="${x.toFixed(1)}" y="${(top + plotH - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}"><title>${bar.label}: ${fmt.format(bar.value)}</title></rect>${
    i % every === 0
      ? html`<text class="tick" x="${(x + barW / 2).toFixed(1)}" y="${height - 10}" text-anchor="middle">${bar.label}</text>`
      : ''
  }`
})}
</svg>`
}

/** Horizontal bars for rankings (intents, services). */
export function rankingChart(options: { id: string; title: string; bars: Bar[] }): SafeHtml {
  const { bars } = options
  const rowH = 24
  const labelW = 190
  const width = 520
  const height = Math.max(1, bars.length) * rowH + 8
  const max = Math.max(1, ...bars.map((b) => b.value))
  const plotW = width - labelW - 60
  return html`<svg class="chart" id="${options.id}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${options.id}-t" preserveAspectRatio="xMinYMin meet">
<title id="${options.id}-t">${options.title}</title>
${bars.length === 0 ? html`<text class="tick" x="8" y="20">Belum ada data</text>` : ''}
${bars.map((bar, i) => {
  const y = 4 + i * rowH
  const w = (bar.value / max) * plotW
  return html`<text class="tick" x="${labelW - 6}" y="${y + 16}" text-anchor="end">${bar.label}</text><rect class="bar" x="${labelW}" y="${y + 4}" width="${w.toFixed(1)}" height="${rowH - 8}"><title>${bar.label}: ${fmt.format(bar.value)}</title></rect><text class="tick" x="${(labelW + w + 6).toFixed(1)}" y="${y + 16}">${fmt.format(bar.value)}</text>`
})}
</svg>`
}

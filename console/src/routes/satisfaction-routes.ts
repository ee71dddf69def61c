import type { FastifyPluginAsync } from 'fastify'
import type { ConsoleServices } from '../app'
import type { ConsoleDeps } from '../deps'
import { commentCell, ratingText, SURVEY_SOURCE_LABEL } from '../pages/satisfaction-view'
import { html } from '../web/html'
import { formatDateTime } from '../web/labels'
import { sendPage } from '../web/respond'

/** How many of the latest surveys the list shows (the SKM statistics are the dashboard's). */
export const SURVEY_LIST_SIZE = 100

/** `/kepuasan`: the latest satisfaction surveys with their rating and comment. */
export function satisfactionRoutes(
  _deps: ConsoleDeps,
  services: ConsoleServices
): FastifyPluginAsync {
  return async (app) => {
    app.get('/kepuasan', async (request, reply) => {
      const surveys = await services.satisfaction.listRecent(SURVEY_LIST_SIZE)
      return sendPage(request, reply, {
        title: 'Kepuasan pengguna',
        active: 'kepuasan',
        body: () => html`<h1>Kepuasan pengguna</h1>
<p class="hint">Survei terbaru (paling banyak ${SURVEY_LIST_SIZE}): bot menanyakan nilai 1–5 setelah layanan mandiri selesai dan setelah tiket ditandai Selesai; komentar diminta untuk nilai 3 ke bawah.</p>
${
  surveys.length === 0
    ? html`<p class="muted">Belum ada survei.</p>`
    : html`<table>
<thead><tr><th scope="col">Ditanyakan</th><th scope="col">Asal</th><th scope="col">Tiket</th><th scope="col">Nilai</th><th scope="col">Komentar</th></tr></thead>
<tbody>${surveys.map(
        (s) => html`<tr>
  <td><time datetime="${s.askedAt}">${formatDateTime(s.askedAt)}</time></td>
  <td>${SURVEY_SOURCE_LABEL[s.source]}</td>
  <td>${s.ticketNumber === null ? '—' : html`<a href="/tiket/${s.ticketNumber}">${s.ticketNumber}</a>`}</td>
  <td>${ratingText(s)}</td>
  <td>${commentCell(s)}</td>
</tr>`
      )}</tbody>
</table>`
}`
      })
    })
  }
}

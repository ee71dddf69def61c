import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ConsoleServices } from '../app'
import { TTE_REQUEST_STATUSES, type TteDecision, type TteRequestRow } from '../data/tte-decisions'
import type { StaffAction } from '../data/staff-audit'
import type { ConsoleDeps } from '../deps'
import { html } from '../web/html'
import { formatDateTime, TTE_STATUS_LABEL } from '../web/labels'
import { formError, options } from '../web/layout'
import { maskIdentity } from '../web/mask'
import { redirectWithFlash, sendPage } from '../web/respond'
import { oneOf, positiveInt, text } from './parse'

const PAGE_SIZE = 25

/** The staff audit entry of each decision. */
const AUDIT_ACTION: Record<TteDecision, StaffAction> = {
  disetujui: 'tte_approved',
  ditolak: 'tte_rejected'
}

interface Rejected {
  id: number
  message: string
  reason: string
}

/** TTE registration requests: list, approve, reject with a reason. */
export function tteRoutes(_deps: ConsoleDeps, services: ConsoleServices): FastifyPluginAsync {
  const { tte, audit } = services

  async function show(
    request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>,
    reply: FastifyReply,
    rejected?: Rejected
  ) {
    const status =
      oneOf(request.query.status ?? 'diajukan', [...TTE_REQUEST_STATUSES, 'semua'] as const) ??
      'diajukan'
    const page = positiveInt(request.query.halaman, 1)
    const { rows, total } = await tte.list(
      status === 'semua' ? undefined : status,
      PAGE_SIZE,
      (page - 1) * PAGE_SIZE
    )
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
    const row = (r: TteRequestRow, csrf: string) => html`<tr>
      <td><a href="/tiket/${r.ticketNumber}">${r.ticketNumber}</a></td>
      <td>${r.jenisIdentitas.toUpperCase()} ${maskIdentity(r.identitas)}</td>
      <td>${formatDateTime(r.createdAt)}</td>
      <td><span class="status status-tte-${r.status}">${TTE_STATUS_LABEL[r.status] ?? r.status}</span>${r.decidedBy === null ? '' : html`<br><small>oleh ${r.decidedBy}${r.decisionReason === null ? '' : html`: ${r.decisionReason}`}</small>`}</td>
      <td>${
        r.status !== 'diajukan'
          ? '—'
          : html`
        <form method="post" action="/tte/${r.id}/setujui" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Setujui</button></form>
        <form method="post" action="/tte/${r.id}/tolak" class="inline">
          <input type="hidden" name="_csrf" value="${csrf}">
          ${formError(rejected?.id === r.id ? rejected.message : undefined)}
          <label for="alasan-${r.id}">Alasan penolakan</label>
          <input id="alasan-${r.id}" name="alasan" maxlength="500" value="${rejected?.id === r.id ? rejected.reason : ''}">
          <button type="submit" class="danger">Tolak</button>
        </form>`
      }</td>
    </tr>`
    return sendPage(request, reply, {
      title: 'Permohonan TTE',
      active: 'tte',
      status: rejected === undefined ? 200 : 422,
      body: (csrf) => html`<h1>Permohonan TTE</h1>
<form method="get" action="/tte" class="filters"><div><label for="status">Status</label>
<select id="status" name="status">${options(
        [
          ['diajukan', 'Menunggu keputusan'],
          ['disetujui', 'Disetujui'],
          ['ditolak', 'Ditolak'],
          ['semua', 'Semua']
        ],
        status
      )}</select></div>
<div><button type="submit">Terapkan</button></div></form>
${
  rows.length === 0
    ? html`<p class="empty">Tidak ada permohonan dengan status ini.</p>`
    : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Tiket</th><th scope="col">Identitas</th><th scope="col">Diajukan</th><th scope="col">Status</th><th scope="col">Keputusan</th></tr></thead>
<tbody>${rows.map((r) => row(r, csrf))}</tbody></table></div>`
}
<nav class="pager" aria-label="Halaman">${page > 1 ? html`<a href="/tte?status=${status}&halaman=${page - 1}">‹ Sebelumnya</a>` : ''}<span>Halaman ${page} dari ${pages} · ${total} permohonan</span>${page < pages ? html`<a href="/tte?status=${status}&halaman=${page + 1}">Berikutnya ›</a>` : ''}</nav>`
    })
  }

  const find = async (id: string): Promise<TteRequestRow | undefined> =>
    /^\d{1,9}$/.test(id) ? await tte.get(Number(id)) : undefined

  /**
   * Records the decision once (audited) and goes back to the list, saying what happened; the
   * decision's name (`disetujui`/`ditolak`) is the word the confirmation uses.
   */
  async function decide(
    request: FastifyRequest,
    reply: FastifyReply,
    found: TteRequestRow,
    decision: TteDecision,
    reason: string
  ) {
    if (!(await tte.decide(found.id, decision, request.staff!.username, reason)))
      return redirectWithFlash(
        request,
        reply,
        '/tte',
        `Permohonan tiket ${found.ticketNumber} sudah diputuskan sebelumnya.`
      )
    await audit.record(request.staff!.username, AUDIT_ACTION[decision], found.ticketNumber)
    return redirectWithFlash(
      request,
      reply,
      '/tte',
      `Permohonan TTE tiket ${found.ticketNumber} ${decision}.`
    )
  }

  return async (app) => {
    app.get<{ Querystring: Record<string, string | undefined> }>('/tte', async (request, reply) =>
      show(request, reply)
    )

    app.post<{ Params: { id: string } }>('/tte/:id/setujui', async (request, reply) => {
      const found = await find(request.params.id)
      if (found === undefined) return reply.callNotFound()
      return decide(request, reply, found, 'disetujui', '')
    })

    app.post<{
      Params: { id: string }
      Body: Record<string, unknown>
      Querystring: Record<string, string | undefined>
    }>('/tte/:id/tolak', async (request, reply) => {
      const found = await find(request.params.id)
      if (found === undefined) return reply.callNotFound()
      const reason = text(request.body?.alasan, 500)
      if (reason.length < 5)
        return show(request, reply, {
          id: found.id,
          message:
            'Tulis alasan penolakan (minimal 5 karakter); alasan ini disampaikan bot kepada pemohon.',
          reason
        })
      return decide(request, reply, found, 'ditolak', reason)
    })
  }
}

import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ConsoleServices } from '../app'
import { OUTBOX_STATUSES, type OutboxRow } from '../data/outbox-review'
import type { ConsoleDeps } from '../deps'
import { html } from '../web/html'
import { formatDateTime, OUTBOX_STATUS_LABEL } from '../web/labels'
import { formError, options } from '../web/layout'
import { maskPhone } from '../web/mask'
import { redirectWithFlash, sendPage } from '../web/respond'
import { oneOf, positiveInt, text } from './parse'

const PAGE_SIZE = 25

interface Rejected {
  id: number
  message: string
  choice: string
}

/** The WhatsApp outbox with masked numbers; an `uncertain` message is decided by a person. */
export function outboxRoutes(_deps: ConsoleDeps, services: ConsoleServices): FastifyPluginAsync {
  const { outbox, audit } = services

  async function show(
    request: FastifyRequest<{ Querystring: Record<string, string | undefined> }>,
    reply: FastifyReply,
    rejected?: Rejected
  ) {
    const status =
      oneOf(request.query.status ?? 'semua', [...OUTBOX_STATUSES, 'semua'] as const) ?? 'semua'
    const page = positiveInt(request.query.halaman, 1)
    const { rows, total } = await outbox.list(
      status === 'semua' ? undefined : status,
      PAGE_SIZE,
      (page - 1) * PAGE_SIZE
    )
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
    const decision = (
      m: OutboxRow,
      csrf: string
    ) => html`<form method="post" action="/whatsapp/${m.id}/keputusan" class="stack decision">
      <input type="hidden" name="_csrf" value="${csrf}">
      ${formError(rejected?.id === m.id ? rejected.message : undefined)}
      <fieldset><legend>Keputusan untuk pesan #${m.id}</legend>
        <input type="radio" id="terkirim-${m.id}" name="keputusan" value="terkirim"${rejected?.id === m.id && rejected.choice === 'terkirim' ? html` checked` : ''}><label for="terkirim-${m.id}">Pengguna sudah menerima: tandai terkirim</label><br>
        ${
          m.containsSecret
            ? html`<span class="muted">Pesan berisi password sementara yang sudah dihapus; tidak bisa dikirim ulang. Buat permintaan reset baru bila perlu.</span>`
            : html`<input type="radio" id="kirim-${m.id}" name="keputusan" value="kirim-ulang"${rejected?.id === m.id && rejected.choice === 'kirim-ulang' ? html` checked` : ''}><label for="kirim-${m.id}">Belum diterima: kirim ulang</label>`
        }
      </fieldset>
      <div class="check"><input type="checkbox" id="yakin-${m.id}" name="konfirmasi" value="ya"><label for="yakin-${m.id}">Saya sudah memastikan dengan pengguna</label></div>
      <button type="submit">Simpan keputusan</button>
    </form>`
    return sendPage(request, reply, {
      title: 'WhatsApp keluar',
      active: 'whatsapp',
      status: rejected === undefined ? 200 : 422,
      body: (csrf) => html`<h1>Pesan WhatsApp keluar</h1>
<p class="hint">Status <strong>Belum pasti</strong>: pesan mungkin sudah sampai. Tanyakan pengguna dulu, lalu putuskan; keputusan dicatat di log audit.</p>
<form method="get" action="/whatsapp" class="filters"><div><label for="status">Status</label>
<select id="status" name="status">${options([['semua', 'Semua'], ...OUTBOX_STATUSES.map((s) => [s, OUTBOX_STATUS_LABEL[s] ?? s] as const)], status)}</select></div>
<div><button type="submit">Terapkan</button></div></form>
${
  rows.length === 0
    ? html`<p class="empty">Tidak ada pesan dengan status ini.</p>`
    : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">#</th><th scope="col">Nomor tujuan</th><th scope="col">Tiket</th><th scope="col">Status</th><th scope="col">Percobaan</th><th scope="col">Diperbarui</th><th scope="col">Tindakan</th></tr></thead>
<tbody>${rows.map(
        (m) => html`<tr>
  <td>${m.id}</td><td>${maskPhone(m.recipient)}</td>
  <td>${m.ticketNumber === null ? '—' : html`<a href="/tiket/${m.ticketNumber}">${m.ticketNumber}</a>`}</td>
  <td><span class="status status-wa-${m.status}">${OUTBOX_STATUS_LABEL[m.status] ?? m.status}</span>${m.lastError === null ? '' : html`<br><small>${m.lastError}</small>`}</td>
  <td>${m.attempts}</td><td>${formatDateTime(m.updatedAt)}</td>
  <td>${m.status === 'uncertain' ? decision(m, csrf) : '—'}</td></tr>`
      )}</tbody></table></div>`
}
<nav class="pager" aria-label="Halaman">${page > 1 ? html`<a href="/whatsapp?status=${status}&halaman=${page - 1}">‹ Sebelumnya</a>` : ''}<span>Halaman ${page} dari ${pages} · ${total} pesan</span>${page < pages ? html`<a href="/whatsapp?status=${status}&halaman=${page + 1}">Berikutnya ›</a>` : ''}</nav>`
    })
  }

  return async (app) => {
    app.get<{ Querystring: Record<string, string | undefined> }>(
      '/whatsapp',
      async (request, reply) => show(request, reply)
    )

    app.post<{
      Params: { id: string }
      Body: Record<string, unknown>
      Querystring: Record<string, string | undefined>
    }>('/whatsapp/:id/keputusan', async (request, reply) => {
      const message = /^\d{1,9}$/.test(request.params.id)
        ? await outbox.get(Number(request.params.id))
        : undefined
      if (message === undefined) return reply.callNotFound()
      const choice = text(request.body?.keputusan, 20)
      const confirmed = request.body?.konfirmasi === 'ya'
      if (message.status !== 'uncertain')
        return redirectWithFlash(
          request,
          reply,
          '/whatsapp',
          `Pesan #${message.id} tidak lagi berstatus Belum pasti; tidak ada yang diubah.`
        )
      if (choice !== 'terkirim' && choice !== 'kirim-ulang')
        return show(request, reply, {
          id: message.id,
          message: 'Pilih salah satu keputusan.',
          choice
        })
      if (choice === 'kirim-ulang' && message.containsSecret)
        return show(request, reply, {
          id: message.id,
          message: 'Pesan berisi rahasia tidak dapat dikirim ulang.',
          choice
        })
      if (!confirmed)
        return show(request, reply, {
          id: message.id,
          message: 'Centang konfirmasi bahwa Anda sudah memastikan dengan pengguna.',
          choice
        })
      const done =
        choice === 'terkirim' ? await outbox.markSent(message.id) : await outbox.resend(message.id)
      if (!done)
        return redirectWithFlash(
          request,
          reply,
          '/whatsapp',
          `Pesan #${message.id} sudah diubah oleh proses lain; tidak ada yang diubah.`
        )
      await audit.record(
        request.staff!.username,
        choice === 'terkirim' ? 'outbox_marked_sent' : 'outbox_resent',
        `whatsapp#${message.id}`,
        { ticket: message.ticketNumber }
      )
      return redirectWithFlash(
        request,
        reply,
        '/whatsapp',
        choice === 'terkirim'
          ? `Pesan #${message.id} ditandai terkirim.`
          : `Pesan #${message.id} masuk antrean kirim ulang.`
      )
    })
  }
}

import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ConsoleServices } from '../app'
import { requireAdmin } from '../auth/guards'
import { accountProblem, STAFF_ROLES, type StaffRole } from '../data/staff-accounts'
import { STAFF_ACTIONS, type AuditFilter, type StaffAction } from '../data/staff-audit'
import type { ConsoleDeps } from '../deps'
import { html } from '../web/html'
import { ACTION_LABEL, formatDateTime } from '../web/labels'
import { formError, options } from '../web/layout'
import { redirectWithFlash, sendPage } from '../web/respond'
import { oneOf, positiveInt, text } from './parse'

const PAGE_SIZE = 50
const DATE = /^\d{4}-\d{2}-\d{2}$/
type Query = Record<string, string | undefined>

/** WIB calendar day → the UTC instant it starts at. */
const wibDayStart = (day: string, plusDays = 0): string =>
  new Date(Date.parse(`${day}T00:00:00+07:00`) + plusDays * 86_400_000).toISOString()

/** A CSV field, quoted, with spreadsheet formulas defused (a leading = + - @ gets a quote). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return `"${safe.replace(/"/g, '""')}"`
}

function parseFilter(q: Query): {
  filter: AuditFilter
  error?: string
  typed: Record<string, string>
} {
  const typed = {
    pelaku: text(q.pelaku, 64),
    aksi: text(q.aksi, 40),
    dari: text(q.dari, 10),
    sampai: text(q.sampai, 10)
  }
  const filter: AuditFilter = {}
  if (typed.pelaku !== '') filter.actor = typed.pelaku
  const action = oneOf<StaffAction>(typed.aksi, STAFF_ACTIONS)
  if (action !== undefined) filter.action = action
  if (
    (typed.dari !== '' && !DATE.test(typed.dari)) ||
    (typed.sampai !== '' && !DATE.test(typed.sampai))
  )
    return { filter, error: 'Tanggal berbentuk TTTT-BB-HH, misalnya 2026-06-15.', typed }
  if (typed.dari !== '') filter.from = wibDayStart(typed.dari)
  if (typed.sampai !== '') filter.to = wibDayStart(typed.sampai, 1)
  if (filter.from !== undefined && filter.to !== undefined && filter.from >= filter.to)
    return {
      filter,
      error: 'Tanggal "dari" harus sebelum atau sama dengan tanggal "sampai".',
      typed
    }
  return { filter, typed }
}

interface AccountFormState {
  message: string
  values: { username: string; role: string }
}

/** Admin only: the staff audit log (+ CSV) and staff accounts. */
export function adminRoutes(deps: ConsoleDeps, services: ConsoleServices): FastifyPluginAsync {
  const { audit, accounts } = services

  async function showAccounts(
    request: FastifyRequest,
    reply: FastifyReply,
    rejected?: AccountFormState
  ) {
    const list = await accounts.list()
    return sendPage(request, reply, {
      title: 'Akun petugas',
      active: 'akun',
      status: rejected === undefined ? 200 : 422,
      body: (csrf) => html`<h1>Akun petugas</h1>
<div class="table-wrap"><table><thead><tr><th scope="col">Nama pengguna</th><th scope="col">Peran</th><th scope="col">Dibuat</th><th scope="col">Status</th><th scope="col">Tindakan</th></tr></thead>
<tbody>${list.map(
        (
          a
        ) => html`<tr><td>${a.username}</td><td>${a.role}</td><td>${formatDateTime(a.createdAt)}</td><td>${a.disabled ? 'Nonaktif' : 'Aktif'}</td>
<td>${a.disabled || a.id === request.staff!.id ? '—' : html`<form method="post" action="/akun/${a.username}/nonaktifkan" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="danger">Nonaktifkan</button></form>`}</td></tr>`
      )}</tbody></table></div>
<h2>Tambah akun</h2>
<form method="post" action="/akun" class="stack narrow">
  <input type="hidden" name="_csrf" value="${csrf}">
  ${formError(rejected?.message)}
  <label for="akun-username">Nama pengguna</label><input id="akun-username" name="username" maxlength="32" value="${rejected?.values.username ?? ''}" autocomplete="off">
  <label for="akun-role">Peran</label><select id="akun-role" name="role">${options(
    [
      ['petugas', 'petugas'],
      ['admin', 'admin']
    ],
    rejected?.values.role ?? 'petugas'
  )}</select>
  <label for="akun-password">Kata sandi awal (minimal 12 karakter)</label><input id="akun-password" name="password" type="password" autocomplete="new-password" maxlength="256">
  <button type="submit">Buat akun</button>
</form>`
    })
  }

  return async (app) => {
    requireAdmin(app)

    app.get<{ Querystring: Query }>('/audit', async (request, reply) => {
      const { filter, error, typed } = parseFilter(request.query)
      const page = positiveInt(request.query.halaman, 1)
      const { entries, total } =
        error === undefined
          ? await audit.list(filter, PAGE_SIZE, (page - 1) * PAGE_SIZE)
          : { entries: [], total: 0 }
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
      const query = new URLSearchParams(
        Object.entries(typed).filter(([, v]) => v !== '')
      ).toString()
      return sendPage(request, reply, {
        title: 'Log audit',
        active: 'audit',
        status: error === undefined ? 200 : 422,
        body: () => html`<h1>Log audit petugas</h1>
<form method="get" action="/audit" class="filters">
  <div><label for="pelaku">Petugas</label><input id="pelaku" name="pelaku" value="${typed.pelaku}" maxlength="64"></div>
  <div><label for="aksi">Aksi</label><select id="aksi" name="aksi">${options([['', 'Semua aksi'], ...STAFF_ACTIONS.map((a) => [a, ACTION_LABEL[a] ?? a] as const)], typed.aksi)}</select></div>
  <div><label for="dari">Dari tanggal</label><input id="dari" name="dari" type="date" value="${typed.dari}"></div>
  <div><label for="sampai">Sampai tanggal</label><input id="sampai" name="sampai" type="date" value="${typed.sampai}"></div>
  <div><button type="submit">Terapkan</button> <a href="/audit.csv${query === '' ? '' : `?${query}`}" download>Ekspor CSV</a></div>
</form>
${formError(error)}
${
  entries.length === 0
    ? html`<p class="empty">Tidak ada catatan yang cocok.</p>`
    : html`<div class="table-wrap"><table class="audit">
<thead><tr><th scope="col">Waktu</th><th scope="col">Petugas</th><th scope="col">Aksi</th><th scope="col">Objek</th><th scope="col">Rincian</th></tr></thead>
<tbody>${entries.map((e) => html`<tr><td>${formatDateTime(e.at)}</td><td>${e.actor}</td><td>${ACTION_LABEL[e.action] ?? e.action}</td><td>${e.target}</td><td><code>${Object.keys(e.detail).length === 0 ? '' : JSON.stringify(e.detail)}</code></td></tr>`)}</tbody></table></div>`
}
<nav class="pager" aria-label="Halaman">${page > 1 ? html`<a href="/audit?${query}&halaman=${page - 1}">‹ Sebelumnya</a>` : ''}<span>Halaman ${page} dari ${pages} · ${total} catatan</span>${page < pages ? html`<a href="/audit?${query}&halaman=${page + 1}">Berikutnya ›</a>` : ''}</nav>`
      })
    })

    app.get<{ Querystring: Query }>('/audit.csv', async (request, reply) => {
      const { filter, error } = parseFilter(request.query)
      if (error !== undefined)
        return await reply.code(422).type('text/plain; charset=utf-8').send(error)
      await audit.record(request.staff!.username, 'audit_exported', '', { filter })
      const lines = ['waktu,petugas,aksi,objek,rincian']
      for await (const e of audit.iterate(filter))
        lines.push(
          [e.at, e.actor, e.action, e.target, JSON.stringify(e.detail)].map(csvField).join(',')
        )
      const day = deps.clock.now().toISOString().slice(0, 10)
      return await reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${day}.csv"`)
        .send(lines.join('\r\n') + '\r\n')
    })

    app.get('/akun', async (request, reply) => showAccounts(request, reply))

    app.post<{ Body: Record<string, unknown> }>('/akun', async (request, reply) => {
      const username = text(request.body?.username, 64).toLowerCase()
      const role = text(request.body?.role, 20)
      const password = typeof request.body?.password === 'string' ? request.body.password : ''
      const values = { username, role }
      const problem = accountProblem(username, password)
      if (problem !== undefined)
        return showAccounts(request, reply, { message: problem.message, values })
      if (oneOf<StaffRole>(role, STAFF_ROLES) === undefined)
        return showAccounts(request, reply, { message: 'Pilih peran admin atau petugas.', values })
      if ((await accounts.find(username)) !== undefined)
        return showAccounts(request, reply, {
          message: `Nama pengguna ${username} sudah dipakai.`,
          values
        })
      await accounts.add(username, role as StaffRole, password)
      await audit.record(request.staff!.username, 'account_created', username, { role })
      return redirectWithFlash(request, reply, '/akun', `Akun ${username} dibuat.`)
    })

    app.post<{ Params: { username: string } }>(
      '/akun/:username/nonaktifkan',
      async (request, reply) => {
        const account = await accounts.find(request.params.username)
        if (account === undefined) return reply.callNotFound()
        if (account.id === request.staff!.id)
          return redirectWithFlash(
            request,
            reply,
            '/akun',
            'Anda tidak dapat menonaktifkan akun sendiri.'
          )
        await accounts.disable(account.username)
        await audit.record(request.staff!.username, 'account_disabled', account.username)
        return redirectWithFlash(
          request,
          reply,
          '/akun',
          `Akun ${account.username} dinonaktifkan; sesinya berakhir.`
        )
      }
    )
  }
}

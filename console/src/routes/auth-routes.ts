import type { FastifyPluginAsync } from 'fastify'
import type { ConsoleServices } from '../app'
import type { ConsoleDeps } from '../deps'
import { html } from '../web/html'
import { formError } from '../web/layout'
import { sendPage } from '../web/respond'

interface LoginBody {
  username?: unknown
  password?: unknown
}

function loginForm(
  csrf: string,
  username: string,
  error: string | undefined,
  notice: string | undefined
) {
  return html`<section class="login">
  <h1>Masuk konsol helpdesk</h1>
  ${notice === undefined ? '' : html`<p class="notice" role="status">${notice}</p>`}
  ${formError(error)}
  <form method="post" action="/login" class="stack">
    <input type="hidden" name="_csrf" value="${csrf}">
    <label for="username">Nama pengguna</label>
    <input id="username" name="username" autocomplete="username" required maxlength="64" value="${username}" autofocus>
    <label for="password">Kata sandi</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="256">
    <button type="submit">Masuk</button>
  </form>
</section>`
}

/** GET/POST /login, POST /logout, GET /healthz (fixed names: console/README.md). */
export function authRoutes(deps: ConsoleDeps, services: ConsoleServices): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', async () => {
      await deps.sql.get('SELECT 1 AS ok')
      return { status: 'ok' }
    })

    app.get('/', async (_request, reply) => reply.redirect('/tiket', 302))

    app.get<{ Querystring: { sesi?: string } }>('/login', async (request, reply) => {
      if (request.session.accountId !== undefined) return reply.redirect('/tiket', 302)
      const notice =
        request.query.sesi === 'habis'
          ? 'Sesi Anda telah berakhir. Silakan masuk kembali.'
          : request.query.sesi === 'keluar'
            ? 'Anda telah keluar.'
            : undefined
      return sendPage(request, reply, {
        title: 'Masuk',
        body: (csrf) => loginForm(csrf, '', undefined, notice)
      })
    })

    app.post<{ Body: LoginBody }>('/login', async (request, reply) => {
      const username =
        typeof request.body?.username === 'string'
          ? request.body.username.trim().toLowerCase().slice(0, 64)
          : ''
      const password = typeof request.body?.password === 'string' ? request.body.password : ''
      const again = (status: number, error: string) =>
        sendPage(request, reply, {
          title: 'Masuk',
          status,
          body: (csrf) => loginForm(csrf, username, error, undefined)
        })
      if (username === '' || password === '') return again(422, 'Isi nama pengguna dan kata sandi.')

      const address = request.ip
      const known = await services.accounts.find(username)
      const locked = await services.throttle.locked(username, address)
      if (locked !== undefined) {
        await services.audit.record(
          known?.username ?? '(tidak dikenal)',
          'login_locked',
          known?.username ?? '',
          { scope: locked }
        )
        return again(
          429,
          `Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam ${services.throttle.policy.windowMinutes} menit.`
        )
      }
      const account = await services.accounts.verify(username, password)
      if (account === undefined) {
        await services.throttle.recordFailure(username, address)
        await services.audit.record(
          known?.username ?? '(tidak dikenal)',
          'login_failed',
          known?.username ?? ''
        )
        request.log.info({ outcome: 'failed' }, 'staff sign-in')
        return again(401, 'Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.')
      }
      await services.throttle.recordSuccess(username)
      // A new session id at sign-in, so an id planted before it is worth nothing.
      await request.session.regenerate()
      const now = deps.clock.now().getTime()
      request.session.set('accountId', account.id)
      request.session.set('loginAt', now)
      request.session.set('lastSeenAt', now)
      await services.audit.record(account.username, 'login')
      request.log.info({ outcome: 'ok', role: account.role }, 'staff sign-in')
      return reply.redirect('/tiket', 303)
    })

    app.post('/logout', async (request, reply) => {
      const accountId = request.session.accountId
      if (accountId !== undefined) {
        const account = await services.accounts.get(accountId)
        if (account !== undefined) await services.audit.record(account.username, 'logout')
      }
      await request.session.destroy()
      return reply.redirect('/login?sesi=keluar', 303)
    })
  }
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ConsoleServices } from '../app'
import type { ConsoleDeps } from '../deps'
import { html } from '../web/html'
import { sendPage } from '../web/respond'

/** Writes to the session at most this often just to move the idle clock (fewer store writes). */
const TOUCH_EVERY_MS = 30_000

const isJsonRoute = (request: FastifyRequest): boolean => request.url.startsWith('/api/')

/**
 * Every route in `scope` needs a live staff session: none, idle too long, older than the absolute
 * limit, or a disabled account → 302 to /login (JSON routes: 401).
 */
export function registerAuthGuards(
  scope: FastifyInstance,
  deps: ConsoleDeps,
  services: ConsoleServices
): void {
  const idleMs = deps.config.idleTimeoutMinutes * 60_000
  const maxMs = deps.config.sessionMaxHours * 3_600_000

  const refuse = async (
    request: FastifyRequest,
    reply: FastifyReply,
    reason?: 'habis'
  ): Promise<FastifyReply> => {
    if (reason !== undefined) await request.session.destroy()
    if (isJsonRoute(request)) return reply.code(401).send({ error: 'unauthorized' })
    return reply.redirect(reason === undefined ? '/login' : '/login?sesi=habis', 302)
  }

  scope.addHook('preHandler', async (request, reply) => {
    const { accountId, loginAt, lastSeenAt } = request.session
    if (accountId === undefined || loginAt === undefined || lastSeenAt === undefined)
      return await refuse(request, reply)
    const now = deps.clock.now().getTime()
    if (now - lastSeenAt > idleMs || now - loginAt > maxMs)
      return await refuse(request, reply, 'habis')
    const account = await services.accounts.get(accountId)
    if (account === undefined || account.disabled) return await refuse(request, reply, 'habis')
    request.staff = account
    if (now - lastSeenAt > TOUCH_EVERY_MS) request.session.set('lastSeenAt', now)
  })
}

/** Adds an admin-only check to `scope` (after the session guard). */
export function requireAdmin(scope: FastifyInstance): void {
  scope.addHook('preHandler', async (request, reply) => {
    if (request.staff?.role === 'admin') return
    if (isJsonRoute(request)) return await reply.code(403).send({ error: 'forbidden' })
    return sendPage(request, reply, {
      title: 'Khusus admin',
      status: 403,
      body: () =>
        html`<h1>Khusus admin</h1><p>Halaman ini hanya dapat dibuka oleh admin. <a href="/tiket">Kembali ke antrian</a>.</p>`
    })
  })
}

import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SafeHtml } from './html'
import { page, type PageOptions } from './layout'

export interface SendPageOptions {
  title: string
  active?: PageOptions['active']
  status?: number
  /** Builds the page content; gets the CSRF token for its forms. */
  body: (csrf: string) => SafeHtml
}

/** Sends a full page with the viewer, a fresh CSRF token and any one-time message. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  options: SendPageOptions
): FastifyReply {
  const flash = request.session.get('flash')
  if (flash !== undefined) request.session.set('flash', undefined)
  const csrf = reply.generateCsrf()
  const staff = request.staff
  const html = page({
    title: options.title,
    csrf,
    body: options.body(csrf),
    ...(options.active === undefined ? {} : { active: options.active }),
    ...(staff === undefined ? {} : { viewer: { username: staff.username, role: staff.role } }),
    ...(flash === undefined ? {} : { flash })
  })
  return reply
    .code(options.status ?? 200)
    .type('text/html; charset=utf-8')
    .send(html)
}

/** Post/Redirect/Get with a one-time confirmation shown on the next page. */
export function redirectWithFlash(
  request: FastifyRequest,
  reply: FastifyReply,
  to: string,
  message: string
): FastifyReply {
  request.session.set('flash', message)
  return reply.redirect(to, 303)
}

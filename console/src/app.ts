import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import fastifyFormbody from '@fastify/formbody'
import fastifyHelmet from '@fastify/helmet'
import fastifySession from '@fastify/session'
import Fastify, { type FastifyInstance } from 'fastify'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLoginThrottle } from './data/login-throttle'
import { createSqliteSessionStore } from './data/session-store'
import { createStaffAccounts, type StaffAccount } from './data/staff-accounts'
import { createStaffAudit } from './data/staff-audit'
import { createTicketWork } from './data/tickets'
import { createTteDecisions } from './data/tte-decisions'
import { createOutboxReview } from './data/outbox-review'
import { createTakeovers } from './data/takeovers'
import { createLiveFeed } from './takeover/live-feed'
import { createTakeoverService } from './takeover/takeover-service'
import { takeoverRoutes } from './routes/takeover-routes'
import { createSatisfactionRepository, sqliteSqlDb } from '@helpdesk/core'
import { createConversationReviews } from './data/conversation-reviews'
import { createDashboardFigures } from './analytics/dashboard-figures'
import type { ConsoleDeps } from './deps'
import { registerAuthGuards } from './auth/guards'
import { authRoutes } from './routes/auth-routes'
import { ticketRoutes } from './routes/ticket-routes'
import { tteRoutes } from './routes/tte-routes'
import { outboxRoutes } from './routes/outbox-routes'
import { satisfactionRoutes } from './routes/satisfaction-routes'
import { adminRoutes } from './routes/admin-routes'
import { reviewRoutes } from './routes/review-routes'
import { dashboardRoutes } from './routes/dashboard-routes'
import { html } from './web/html'
import { sendPage } from './web/respond'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in staff member (set by the session guard on protected routes). */
    staff?: StaffAccount
  }
  interface Session {
    accountId?: number
    /** Epoch ms of sign-in (absolute timeout) and of the last request (idle timeout). */
    loginAt?: number
    lastSeenAt?: number
    flash?: string
  }
}

export type ConsoleServices = ReturnType<typeof createServices>

function createServices(deps: ConsoleDeps) {
  const audit = createStaffAudit(deps.db, deps.clock)
  const tickets = createTicketWork(deps.db, deps.clock, deps.sla)
  const takeovers = createTakeovers(deps.db, deps.clock)
  const feed = createLiveFeed()
  // The core's repositories speak SqlDb; the console's own data layer still has the raw SQLite
  // connection (console-pg moves it to SqlDb).
  const satisfaction = createSatisfactionRepository(sqliteSqlDb(deps.db), deps.clock)
  return {
    accounts: createStaffAccounts(deps.db, deps.clock),
    throttle: createLoginThrottle(deps.db, deps.clock),
    audit,
    tickets,
    tte: createTteDecisions(deps.db, deps.clock),
    outbox: createOutboxReview(deps.db, deps.clock),
    satisfaction,
    reviews: createConversationReviews(deps.db, deps.clock),
    dashboard: createDashboardFigures(deps.db),
    takeovers,
    feed,
    takeover: createTakeoverService({
      takeovers,
      tickets,
      audit,
      rasa: deps.rasa,
      notifier: deps.notifier,
      feed,
      clock: deps.clock,
      logger: deps.logger,
      calendar: deps.sla.calendar,
      idleMinutes: deps.config.takeoverIdleMinutes,
      satisfaction
    })
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** The console as a Fastify instance (not listening); main.ts and the tests listen on it. */
export async function buildConsole(deps: ConsoleDeps): Promise<FastifyInstance> {
  const { config } = deps
  const app = Fastify({
    loggerInstance: deps.logger,
    trustProxy: config.trustProxy,
    bodyLimit: 64 * 1024
  })
  const services = createServices(deps)
  const maxAgeMs = config.sessionMaxHours * 3_600_000

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null
      }
    },
    hsts: config.cookieSecure
  })
  await app.register(fastifyFormbody)
  await app.register(fastifyCookie)
  await app.register(fastifySession, {
    secret: config.sessionSecret,
    cookieName: 'konsol_sesi',
    saveUninitialized: false,
    store: createSqliteSessionStore(deps.db, deps.clock, maxAgeMs),
    cookie: {
      httpOnly: true,
      sameSite: 'strict',
      secure: config.cookieSecure,
      path: '/',
      maxAge: maxAgeMs
    }
  })
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' })
  // One stylesheet, read once (a static-file plugin would be more code than this).
  const stylesheet = readFileSync(join(__dirname, '..', 'static', 'console.css'))
  app.get('/static/console.css', async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(stylesheet)
  )
  // The conversation page's only script (live messages during a takeover; the CSP allows 'self').
  const takeoverScript = readFileSync(join(__dirname, '..', 'static', 'takeover.js'))
  app.get('/static/takeover.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(takeoverScript)
  )

  // The takeover monitor: reads the tracker of each active takeover (live view, idle hand-back).
  let polling = false
  const monitor = setInterval(() => {
    if (polling) return
    polling = true
    services.takeover
      .poll()
      .catch((err: unknown) => app.log.error({ err }, 'takeover monitor failed'))
      .finally(() => {
        polling = false
      })
  }, config.takeoverPollMs)
  monitor.unref()
  app.addHook('onClose', async () => {
    clearInterval(monitor)
  })

  // Every state-changing request carries the session's CSRF token (form field _csrf or a header).
  app.addHook('preHandler', (request, reply, done) => {
    if (STATE_CHANGING.has(request.method)) app.csrfProtection(request, reply, done)
    else done()
  })

  // Server-side wall time and process CPU time of each response (the benchmark reads them; browsers
  // show them in dev tools). CPU time stays meaningful on a busy machine, wall time does not.
  const cpuAtStart = new WeakMap<object, NodeJS.CpuUsage>()
  app.addHook('onRequest', async (request) => {
    cpuAtStart.set(request, process.cpuUsage())
  })
  app.addHook('onSend', async (request, reply, payload) => {
    const start = cpuAtStart.get(request)
    const cpu = start === undefined ? undefined : process.cpuUsage(start)
    reply.header(
      'server-timing',
      `app;dur=${reply.elapsedTime.toFixed(1)}${cpu === undefined ? '' : `, cpu;dur=${((cpu.user + cpu.system) / 1000).toFixed(1)}`}`
    )
    return payload
  })

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) return reply.code(404).send({ error: 'not_found' })
    return sendPage(request, reply, {
      title: 'Tidak ditemukan',
      status: 404,
      body: () =>
        html`<h1>Tidak ditemukan</h1><p>Halaman atau data yang Anda cari tidak ada. <a href="/tiket">Kembali ke antrian</a>.</p>`
    })
  })
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (err.code === 'FST_CSRF_INVALID_TOKEN' || err.code === 'FST_CSRF_MISSING_SECRET') {
      request.log.warn({ code: err.code, url: request.routeOptions.url }, 'CSRF check failed')
      return sendPage(request, reply, {
        title: 'Formulir tidak sah',
        status: 403,
        body: () =>
          html`<h1>Formulir tidak sah atau kedaluwarsa</h1><p>Permintaan ditolak demi keamanan. Muat ulang halaman, lalu kirim formulir sekali lagi.</p>`
      })
    }
    const status =
      err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500
        ? err.statusCode
        : 500
    if (status === 500) request.log.error({ err, url: request.routeOptions.url }, 'request failed')
    if (request.url.startsWith('/api/'))
      return reply.code(status).send({ error: status === 500 ? 'internal' : 'bad_request' })
    return sendPage(request, reply, {
      title: status === 500 ? 'Terjadi kesalahan' : 'Permintaan tidak valid',
      status,
      body: () =>
        status === 500
          ? html`<h1>Terjadi kesalahan</h1><p>Maaf, permintaan Anda gagal diproses. Coba lagi; bila berulang, hubungi admin.</p>`
          : html`<h1>Permintaan tidak valid</h1><p>Periksa kembali isian Anda lalu coba lagi.</p>`
    })
  })

  await app.register(authRoutes(deps, services))
  await app.register(async (protectedScope) => {
    registerAuthGuards(protectedScope, deps, services)
    await protectedScope.register(ticketRoutes(deps, services))
    await protectedScope.register(takeoverRoutes(deps, services))
    await protectedScope.register(tteRoutes(deps, services))
    await protectedScope.register(outboxRoutes(deps, services))
    await protectedScope.register(satisfactionRoutes(deps, services))
    await protectedScope.register(dashboardRoutes(deps, services))
    await protectedScope.register(adminRoutes(deps, services))
    await protectedScope.register(reviewRoutes(deps, services))
  })
  return app
}

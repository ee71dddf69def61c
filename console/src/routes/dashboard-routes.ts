import type { FastifyPluginAsync } from 'fastify'
import type { ConsoleServices } from '../app'
import { csvRows } from '../analytics/figure-rows'
import { monthPeriod, parsePeriod, presets } from '../analytics/period'
import { syncTrackerStore } from '../analytics/tracker-sync'
import type { ConsoleDeps } from '../deps'
import { dashboardPage } from '../pages/dashboard-page'
import { sendPage } from '../web/respond'
import { wibIsoDay } from '@helpdesk/core'
import { csvField } from './admin-routes'
import { text } from './parse'

type Query = Record<string, string | undefined>

/** The dashboard (every staff member) and its monthly CSV export. */
export function dashboardRoutes(deps: ConsoleDeps, services: ConsoleServices): FastifyPluginAsync {
  const { dashboard } = services
  /** Brings the copies of Rasa's events up to date before figures are read. */
  const sync = async (): Promise<boolean> => {
    try {
      return (await syncTrackerStore(deps.sql, deps.tracker)).available
    } catch (err) {
      // An unreadable tracker store must not hide the ticket and satisfaction figures.
      deps.logger.warn({ err }, 'copying Rasa tracker-store events failed')
      return false
    }
  }

  return async (app) => {
    app.get<{ Querystring: Query }>('/dasbor', async (request, reply) => {
      const now = deps.clock.now()
      const typed = { dari: text(request.query.dari, 10), sampai: text(request.query.sampai, 10) }
      const parsed = parsePeriod(typed.dari, typed.sampai, now)
      const view = {
        typed,
        presets: presets(now),
        month: wibIsoDay(now).slice(0, 7),
        trackerAvailable: true
      }
      if ('error' in parsed)
        return sendPage(request, reply, {
          title: 'Dasbor',
          active: 'dasbor',
          status: 400,
          body: () => dashboardPage({ ...view, figures: undefined, error: parsed.error })
        })
      const trackerAvailable = await sync()
      const figures = await dashboard.compute(parsed.period, now)
      return sendPage(request, reply, {
        title: 'Dasbor',
        active: 'dasbor',
        body: () =>
          dashboardPage({
            ...view,
            typed: { dari: parsed.period.from, sampai: parsed.period.to },
            figures,
            trackerAvailable
          })
      })
    })

    app.get<{ Querystring: Query }>('/dasbor.csv', async (request, reply) => {
      const period = monthPeriod(text(request.query.bulan, 7))
      if (period === undefined)
        return reply
          .code(400)
          .type('text/plain; charset=utf-8')
          .send('Parameter bulan harus berformat TTTT-BB, misalnya 2026-06.\n')
      await sync()
      const figures = await dashboard.compute(period, deps.clock.now())
      const body = csvRows(figures)
        .map((row) => row.map(csvField).join(','))
        .join('\r\n')
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="dasbor-${period.from.slice(0, 7)}.csv"`
        )
        .send(`${body}\r\n`)
    })
  }
}

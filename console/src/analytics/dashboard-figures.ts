/**
 * The dashboard's figures for a period of WIB days (inclusive), from the analytics tables
 * (migration 8: the gateway's turn timings, the copies of Rasa's events), the tickets and their
 * timeline, and the satisfaction surveys (migration 5). Every rate is defined in console/README.md
 * ("Dashboard: what each figure means"); the definitions live here as SQL and nowhere else.
 */
import { wibDayStart, type SqlDb, type SqlDialect } from '@helpdesk/core'
import { FALLBACK_INTENT } from './tracker-sync'

export interface Period {
  /** First and last WIB day, "2026-06-01" … "2026-06-30". */
  from: string
  to: string
}

export interface CountRow {
  key: string
  count: number
}

export interface DashboardFigures {
  period: Period
  questions: number
  perDay: CountRow[]
  /** 24 rows, hour "00" … "23" (WIB). */
  perHour: CountRow[]
  distinctUsers: number
  conversations: number
  contained: number
  handoffs: number
  takeovers: number
  fallbacks: number
  /** Shares 0..1, undefined when there is nothing to divide by. */
  containmentRate: number | undefined
  fallbackRate: number | undefined
  handoffRate: number | undefined
  takeoverRate: number | undefined
  responseTurns: number
  responseP50Ms: number | undefined
  responseP95Ms: number | undefined
  /** Share of turns answered in under a minute (the paper's target). */
  responseWithinMinute: number | undefined
  ticketsOpened: number
  ticketsResolved: number
  ticketsOverdue: number
  resolutionMedianHours: number | undefined
  resolutionAverageHours: number | undefined
  satisfactionCount: number
  satisfactionAverage: number | undefined
  satisfactionShareHigh: number | undefined
  topIntents: CountRow[]
  topServices: CountRow[]
  /** Masked texts of messages the bot did not understand, newest first. */
  unrecognized: Array<{ at: string; text: string }>
}

const TOP = 10
/** Ticket statuses in which a ticket is still open. */
const OPEN_STATUSES: readonly string[] = ['baru', 'ditangani', 'menunggu_pengguna']
const UNRECOGNIZED_SHOWN = 20

/** Every WIB day from `from` to `to`, inclusive. */
export function daysOf(period: Period): string[] {
  const days: string[] = []
  for (
    let t = Date.parse(`${period.from}T00:00:00Z`);
    t <= Date.parse(`${period.to}T00:00:00Z`);
    t += 86_400_000
  )
    days.push(new Date(t).toISOString().slice(0, 10))
  return days
}

/** The nearest-rank percentile of a histogram (value → count) sorted by value. */
export function percentile(
  histogram: Array<{ value: number; n: number }>,
  p: number
): number | undefined {
  const total = histogram.reduce((sum, bin) => sum + bin.n, 0)
  if (total === 0) return undefined
  const rank = Math.max(1, Math.ceil(p * total))
  let seen = 0
  for (const bin of histogram) {
    seen += bin.n
    if (seen >= rank) return bin.value
  }
  return histogram[histogram.length - 1]?.value
}

const share = (part: number, whole: number): number | undefined =>
  whole === 0 ? undefined : part / whole

/** SQL that reads a key of a JSON text column: the one place the two engines' JSON differ. */
export const jsonTextField = (dialect: SqlDialect, column: string, key: string): string =>
  dialect === 'postgres' ? `(${column})::json->>'${key}'` : `json_extract(${column}, '$.${key}')`

export function createDashboardFigures(sql: SqlDb) {
  const PER_DAY =
    'SELECT day AS key, SUM(messages) AS count FROM analytics_day_hour WHERE day BETWEEN ? AND ? GROUP BY day'
  const PER_HOUR =
    'SELECT hour AS key, SUM(messages) AS count FROM analytics_day_hour WHERE day BETWEEN ? AND ? GROUP BY hour'
  // Chats that started at least one conversation with a message in the period.
  const USERS =
    'SELECT COUNT(DISTINCT sender_key) AS n FROM analytics_sessions WHERE day BETWEEN ? AND ? AND messages > 0 AND sender_key IS NOT NULL'
  const INTENTS = `SELECT intent AS key, SUM(messages) AS count FROM analytics_day_intent
     WHERE day BETWEEN ? AND ? GROUP BY intent`
  const FALLBACKS = `SELECT COALESCE(SUM(messages), 0) AS n FROM analytics_day_intent WHERE day BETWEEN ? AND ? AND intent = '${FALLBACK_INTENT}'`
  // Flags are 0/1 integers: CASE, not SUM(a = b), which PostgreSQL's booleans do not add up.
  const SESSIONS = `SELECT COUNT(*) AS conversations,
            COALESCE(SUM(handoff), 0) AS handoffs,
            COALESCE(SUM(takeover), 0) AS takeovers,
            COALESCE(SUM(CASE WHEN handoff = 0 AND takeover = 0 THEN 1 ELSE 0 END), 0) AS contained
     FROM analytics_sessions WHERE day BETWEEN ? AND ? AND messages > 0`
  const SERVICES = `SELECT service AS key, COUNT(*) AS count FROM analytics_sessions
     WHERE day BETWEEN ? AND ? AND messages > 0 AND service IS NOT NULL
     GROUP BY service`
  const TIMINGS = `SELECT bucket_ms AS value, SUM(turns) AS n FROM turn_timing_histogram
     WHERE day BETWEEN ? AND ? GROUP BY bucket_ms ORDER BY bucket_ms`
  // A ticket is resolved when the console first set it to 'selesai'; later reopenings do not count
  // again. One pass over the status changes (index ticket_events_kind_at) gives every ticket's
  // resolution time; the period's tickets are then matched against it here, which costs less than a
  // per-ticket subquery (SQLite without ANALYZE statistics even ran those through the wrong index).
  const RESOLUTIONS = `SELECT ticket_id, MIN(at) AS resolved_at FROM ticket_events
     WHERE kind = 'status' AND ${jsonTextField(sql.dialect, 'detail', 'to')} = 'selesai' GROUP BY ticket_id`
  const OPENED =
    'SELECT id, created_at, due_at, status FROM tickets WHERE created_at >= ? AND created_at < ?'
  const SATISFACTION = `SELECT COUNT(*) AS count, AVG(rating) AS average, COALESCE(SUM(CASE WHEN rating >= 4 THEN 1 ELSE 0 END), 0) AS high
     FROM csat_surveys WHERE rating IS NOT NULL AND rated_at >= ? AND rated_at < ?`
  const UNRECOGNIZED = `SELECT at, text FROM unrecognized_messages WHERE day BETWEEN ? AND ? ORDER BY at DESC LIMIT ${UNRECOGNIZED_SHOWN}`

  return {
    async compute(period: Period, now: Date): Promise<DashboardFigures> {
      const days = [period.from, period.to] as const
      const start = wibDayStart(period.from).toISOString()
      const endExclusive = new Date(wibDayStart(period.to).getTime() + 86_400_000).toISOString()
      const byDay = new Map((await sql.all<CountRow>(PER_DAY, days)).map((r) => [r.key, r.count]))
      const byHour = new Map(
        (await sql.all<{ key: number; count: number }>(PER_HOUR, days)).map((r) => [r.key, r.count])
      )
      const dayRows = daysOf(period).map((day) => ({ key: day, count: byDay.get(day) ?? 0 }))
      const questions = dayRows.reduce((sum, r) => sum + r.count, 0)
      const s = (await sql.get<{
        conversations: number
        handoffs: number
        takeovers: number
        contained: number
      }>(SESSIONS, days)) as {
        conversations: number
        handoffs: number
        takeovers: number
        contained: number
      }
      const fallbackCount = ((await sql.get<{ n: number }>(FALLBACKS, days)) as { n: number }).n
      const histogram = await sql.all<{ value: number; n: number }>(TIMINGS, days)
      const turns = histogram.reduce((sum, bin) => sum + bin.n, 0)
      const withinMinute = histogram
        // Buckets are durations rounded down to 100 ms: below 60000 means under a minute.
        .filter((bin) => bin.value < 60_000)
        .reduce((sum, bin) => sum + bin.n, 0)
      const resolvedAt = new Map(
        (await sql.all<{ ticket_id: number; resolved_at: string }>(RESOLUTIONS)).map((r) => [
          r.ticket_id,
          r.resolved_at
        ])
      )
      const opened = await sql.all<{
        id: number
        created_at: string
        due_at: string | null
        status: string
      }>(OPENED, [start, endExclusive])
      const openedCreatedAt = new Map(opened.map((t) => [t.id, t.created_at]))
      const hours: number[] = []
      for (const [id, at] of resolvedAt) {
        if (at < start || at >= endExclusive) continue
        const created =
          openedCreatedAt.get(id) ??
          (
            await sql.get<{ created_at: string }>('SELECT created_at FROM tickets WHERE id = ?', [
              id
            ])
          )?.created_at
        if (created !== undefined) hours.push((Date.parse(at) - Date.parse(created)) / 3_600_000)
      }
      const resolutionHours = hours.sort((x, y) => x - y)
      const nowIso = now.toISOString()
      // Opened in the period and past the SLA deadline: resolved after it, or not resolved and the
      // deadline has passed (a ticket closed without 'selesai' is not counted).
      const overdueCount = opened.filter((t) => {
        if (t.due_at === null) return false
        const at = resolvedAt.get(t.id)
        if (at !== undefined) return at > t.due_at
        return OPEN_STATUSES.includes(t.status) && t.due_at < nowIso
      }).length
      const csat = (await sql.get<{ count: number; average: number | null; high: number }>(
        SATISFACTION,
        [start, endExclusive]
      )) as { count: number; average: number | null; high: number }
      return {
        period,
        questions,
        perDay: dayRows,
        perHour: Array.from({ length: 24 }, (_, h) => ({
          key: String(h).padStart(2, '0'),
          count: byHour.get(h) ?? 0
        })),
        distinctUsers: ((await sql.get<{ n: number }>(USERS, days)) as { n: number }).n,
        conversations: s.conversations,
        contained: s.contained,
        handoffs: s.handoffs,
        takeovers: s.takeovers,
        fallbacks: fallbackCount,
        containmentRate: share(s.contained, s.conversations),
        fallbackRate: share(fallbackCount, questions),
        handoffRate: share(s.handoffs, s.conversations),
        takeoverRate: share(s.takeovers, s.conversations),
        responseTurns: turns,
        responseP50Ms: percentile(histogram, 0.5),
        responseP95Ms: percentile(histogram, 0.95),
        responseWithinMinute: share(withinMinute, turns),
        ticketsOpened: opened.length,
        ticketsResolved: resolutionHours.length,
        ticketsOverdue: overdueCount,
        resolutionMedianHours: median(resolutionHours),
        resolutionAverageHours:
          resolutionHours.length === 0
            ? undefined
            : resolutionHours.reduce((sum, h) => sum + h, 0) / resolutionHours.length,
        satisfactionCount: csat.count,
        satisfactionAverage: csat.average ?? undefined,
        satisfactionShareHigh: share(csat.high, csat.count),
        topIntents: top(await sql.all<CountRow>(INTENTS, days)),
        topServices: top(await sql.all<CountRow>(SERVICES, days)),
        unrecognized: await sql.all<{ at: string; text: string }>(UNRECOGNIZED, days)
      }
    }
  }
}

/**
 * The TOP rows by count, ties by key in code-point order: sorted here rather than in SQL, so both
 * engines agree whatever PostgreSQL's collation.
 */
function top(rows: CountRow[]): CountRow[] {
  return rows
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .slice(0, TOP)
}

function median(sorted: number[]): number | undefined {
  if (sorted.length === 0) return undefined
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

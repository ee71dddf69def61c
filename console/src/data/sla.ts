/** Office hours in WIB (UTC+7) within which SLA hours count. */
export interface WorkingCalendar {
  /** ISO weekdays (1 = Monday … 7 = Sunday). */
  days: number[]
  /** Minutes after midnight WIB. */
  startMinute: number
  endMinute: number
}

/** Working hours allowed per ticket category, and per system for password resets. */
export interface SlaPolicy {
  calendar: WorkingCalendar
  categoryHours: Record<string, number>
  systemHours: Record<string, number>
}

const WIB_MS = 7 * 3_600_000
const MINUTE = 60_000
const DAY_MINUTES = 24 * 60

/** Working hours for a ticket: the system's own when it has one, else the category's (24 by default). */
export function slaHours(
  policy: SlaPolicy,
  category: string,
  data: Record<string, unknown>
): number {
  const system = typeof data.sistem === 'string' ? policy.systemHours[data.sistem] : undefined
  return system ?? policy.categoryHours[category] ?? 24
}

/** True when `at` falls inside the calendar's office hours (WIB), to the millisecond. */
export function isWorkingTime(at: Date, calendar: WorkingCalendar): boolean {
  const wibMs = at.getTime() + WIB_MS
  const day = Math.floor(wibMs / (DAY_MINUTES * MINUTE))
  const isoDay = ((day + 3) % 7) + 1 // 1970-01-01 was a Thursday (4)
  const minuteOfDay = (wibMs - day * DAY_MINUTES * MINUTE) / MINUTE
  return (
    calendar.days.includes(isoDay) &&
    minuteOfDay >= calendar.startMinute &&
    minuteOfDay < calendar.endMinute
  )
}

/**
 * The moment `hours` working hours after `start`, counting only the calendar's days and hours
 * (public holidays are not modelled: the agency's calendar is not in the knowledge base).
 */
export function addWorkingHours(start: Date, hours: number, calendar: WorkingCalendar): Date {
  let remaining = Math.round(hours * 60)
  // Work in "WIB minutes since epoch" so that day boundaries are WIB midnights.
  let t = Math.ceil((start.getTime() + WIB_MS) / MINUTE)
  const perDay = calendar.endMinute - calendar.startMinute
  if (perDay <= 0 || calendar.days.length === 0)
    return new Date(start.getTime() + hours * 3_600_000)
  for (let guard = 0; guard < 3660; guard++) {
    const dayStart = Math.floor(t / DAY_MINUTES) * DAY_MINUTES
    const isoDay = ((Math.floor(t / DAY_MINUTES) + 3) % 7) + 1 // 1970-01-01 was a Thursday (4)
    const open = dayStart + calendar.startMinute
    const close = dayStart + calendar.endMinute
    if (calendar.days.includes(isoDay) && t < close) {
      const from = Math.max(t, open)
      if (from + remaining <= close) return new Date((from + remaining) * MINUTE - WIB_MS)
      remaining -= close - from
    }
    t = dayStart + DAY_MINUTES
  }
  return new Date(t * MINUTE - WIB_MS)
}

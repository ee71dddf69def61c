import type { CalendarDate } from '../identity/types'
import { WIB_OFFSET_MS } from './clock'

/** True when year-month-day exists in the Gregorian calendar (leap years included). */
export function isRealDate({ year, month, day }: CalendarDate): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= daysInMonth
}

/** Months since year 0, for comparing year+month pairs. */
export const monthIndex = (year: number, month: number): number => year * 12 + (month - 1)

export const formatDate = ({ year, month, day }: CalendarDate): string =>
  `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year}`

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember'
]

/** The WIB wall clock of a timestamp, read with the getUTC* methods. */
const wibClock = (ms: number): Date => new Date(ms + WIB_OFFSET_MS)
const two = (n: number): string => String(n).padStart(2, '0')

/** "15 Juni 2026" for an ISO timestamp, in WIB. */
export function formatIndonesianDate(iso: string): string {
  const wib = wibClock(Date.parse(iso))
  return `${wib.getUTCDate()} ${MONTHS[wib.getUTCMonth()] ?? ''} ${wib.getUTCFullYear()}`
}

/** "10.05" in WIB for an ISO timestamp. */
export function formatWibTime(iso: string): string {
  const wib = wibClock(Date.parse(iso))
  return `${two(wib.getUTCHours())}.${two(wib.getUTCMinutes())}`
}

/**
 * "1 Desember 2026 pukul 06.13 WIB" for a timestamp such as an API's `2026-11-30T23:13:36.293Z`.
 * A value that is not a timestamp is returned as it came (better shown raw than dropped).
 */
export function formatWibDateTime(timestamp: string): string {
  if (Number.isNaN(Date.parse(timestamp))) return timestamp
  return `${formatIndonesianDate(timestamp)} pukul ${formatWibTime(timestamp)} WIB`
}

import type { CalendarDate } from '../identity/types'

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

/** "15 Juni 2026" for an ISO timestamp, in WIB. */
export function formatIndonesianDate(iso: string): string {
  const months = [
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
  const wib = new Date(Date.parse(iso) + 7 * 60 * 60 * 1000)
  return `${wib.getUTCDate()} ${months[wib.getUTCMonth()] ?? ''} ${wib.getUTCFullYear()}`
}

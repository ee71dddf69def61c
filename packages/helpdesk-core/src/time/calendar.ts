import type { CalendarDate } from '../identity/types'

/** True when year-month-day exists in the Gregorian calendar (leap years included). */
export function isRealDate ({ year, month, day }: CalendarDate): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return day <= daysInMonth
}

/** Months since year 0, for comparing year+month pairs. */
export const monthIndex = (year: number, month: number): number => year * 12 + (month - 1)

export const formatDate = ({ year, month, day }: CalendarDate): string =>
  `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year}`

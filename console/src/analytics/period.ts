import { wibIsoDay } from '@helpdesk/core'
import type { Period } from './dashboard-figures'

const DAY = /^\d{4}-\d{2}-\d{2}$/
const MONTH = /^(\d{4})-(\d{2})$/
/** The longest period one page computes (a leap year). */
export const MAX_PERIOD_DAYS = 366

const isRealDay = (day: string): boolean =>
  DAY.test(day) && new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day

const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** The period asked for (`dari`, `sampai`), by default this WIB month up to today; an error in Indonesian when invalid. */
export function parsePeriod(
  from: string | undefined,
  to: string | undefined,
  now: Date
): { period: Period } | { error: string } {
  const today = wibIsoDay(now)
  const start = from === undefined || from === '' ? `${today.slice(0, 7)}-01` : from
  const end = to === undefined || to === '' ? today : to
  if (!isRealDay(start) || !isRealDay(end))
    return { error: 'Tanggal harus berformat TTTT-BB-HH, misalnya 2026-06-01.' }
  if (start > end) return { error: 'Tanggal awal tidak boleh sesudah tanggal akhir.' }
  if (addDays(start, MAX_PERIOD_DAYS - 1) < end)
    return { error: `Periode paling panjang ${MAX_PERIOD_DAYS} hari.` }
  return { period: { from: start, to: end } }
}

/** A calendar month ("2026-06") as a period; undefined when not a month. */
export function monthPeriod(month: string | undefined): Period | undefined {
  const m = MONTH.exec(month ?? '')
  if (m === null) return undefined
  const [year, mon] = [Number(m[1]), Number(m[2])]
  if (mon < 1 || mon > 12) return undefined
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate()
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` }
}

/** Quick choices under the period form. */
export function presets(now: Date): Array<{ label: string; period: Period }> {
  const today = wibIsoDay(now)
  return [
    { label: '7 hari', period: { from: addDays(today, -6), to: today } },
    { label: '30 hari', period: { from: addDays(today, -29), to: today } },
    { label: 'Bulan ini', period: { from: `${today.slice(0, 7)}-01`, to: today } },
    { label: 'Tahun ini', period: { from: `${today.slice(0, 4)}-01-01`, to: today } }
  ]
}

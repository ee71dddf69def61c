import { WIB_OFFSET_MS } from '../time/clock'

/** "2026-06-17": the WIB calendar day of `date` (the dashboard groups and filters by it). */
export function wibIsoDay(date: Date): string {
  return new Date(date.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10)
}

/** 0-23: the WIB hour of `date`. */
export function wibHour(date: Date): number {
  return new Date(date.getTime() + WIB_OFFSET_MS).getUTCHours()
}

/** The UTC instant at which WIB day `day` ("2026-06-17") begins. */
export function wibDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - WIB_OFFSET_MS)
}

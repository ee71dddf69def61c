/** Injected time source, so tests control dates (ticket numbers, rate-limit windows, retries). */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** Offset of the agency's local time (WIB, UTC+7): ticket-number dates and every time people read. */
export const WIB_OFFSET_MS = 7 * 60 * 60 * 1000

/** "20260615" for the WIB calendar day of `date`. */
export function wibDay(date: Date): string {
  return new Date(date.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '')
}
